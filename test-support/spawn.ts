// Starts a TypeScript entry point in a child process and waits for the ports it prints (tests, soak, benches).
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))

/** A child process and the `NAME listening on HOST port N` lines it printed, by NAME. */
export interface Child {
  process: ChildProcess
  ports: Record<string, number>
  /** Resident set size in bytes, from /proc (Linux), or NaN. */
  rss(): Promise<number>
  /** CPU time the process has used so far, all its threads, in seconds, from /proc (Linux), or NaN. */
  cpu(): Promise<number>
  stop(): Promise<void>
}

/**
 * Runs `tsx entry args...` from the repo root (or `cwd`, another checkout) and resolves once `expect`
 * ports were printed.
 */
export function startChild(
  entry: string,
  args: string[],
  expect: string[],
  cwd = repo,
): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ports: Record<string, number> = {}
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 20 s`)), 20_000)
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)))
    let buffered = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      for (const m of buffered.matchAll(/^(\S+)\s+listening on \S+ (?:\(port |port )(\d+)/gm)) {
        ports[m[1]!] = Number(m[2])
      }
      if (expect.every((name) => name in ports)) {
        clearTimeout(timer)
        resolve({
          process: child,
          ports,
          rss: () => readRss(child.pid),
          cpu: () => readCpu(child.pid),
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done()
              child.removeAllListeners('exit')
              child.once('exit', () => done())
              child.kill('SIGTERM')
            }),
        })
      }
    })
  })
}

async function readRss(pid: number | undefined): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
    return kb === undefined ? NaN : Number(kb) * 1024
  } catch {
    return NaN
  }
}

// Each thread's schedstat starts with its time on a CPU in nanoseconds: finer than /proc/PID/stat's ticks.
async function readCpu(pid: number | undefined): Promise<number> {
  const { readdir, readFile } = await import('node:fs/promises')
  try {
    const tasks = await readdir(`/proc/${pid}/task`)
    const times = await Promise.all(
      tasks.map((t) => readFile(`/proc/${pid}/task/${t}/schedstat`, 'utf8').catch(() => '0')),
    )
    return times.reduce((sum, line) => sum + Number(line.split(' ')[0]), 0) / 1e9
  } catch {
    return NaN
  }
}
