// Starts one of the Python test servers (conformance/python/) on free ports, and stops it (tests only).
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('./python/', import.meta.url))

/** A running Python server and its ports, by the name each line printed ("NAME listening on ... port N"). */
export interface PythonServer {
  ports: Record<string, number>
  process: ChildProcess
  stop(): Promise<void>
}

/** Runs `python3 conformance/python/<script> args...`; resolves once it printed a port for each name. */
export function startPython(
  script: string,
  args: string[],
  names: string[],
): Promise<PythonServer> {
  // Tracebacks of the crashes the tests provoke go to stderr, which nobody reads.
  const child = spawn('python3', [dir + script, ...args], { stdio: ['ignore', 'pipe', 'ignore'] })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      clearTimeout(timer)
      void stop().then(() => reject(err))
    }
    const timer = setTimeout(() => fail(new Error(`${script} did not listen within 10 s`)), 10_000)
    child.once('error', fail)
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code} before listening`)))
    let out = ''
    const ports: Record<string, number> = {}
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      for (const m of out.matchAll(/^(\S+) listening on \S+ port (\d+)$/gm)) {
        ports[m[1]!] = Number(m[2])
      }
      if (!names.every((name) => name in ports)) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve({ ports, process: child, stop })
    })
  })
}
