// For Node-only tests of shared/: run a program to its end, find a tool, talk to a TCP server as the page does.
import { spawn, spawnSync } from 'node:child_process'
import net from 'node:net'
import { createProtocolDecoder } from './protocols/decoders.ts'
import type { Protocol, ProtocolEvent, ProtocolOptions } from './protocols/types.ts'

/** Whether a command runs at all (`python3 --version`, say). */
export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore' })
  return r.error === undefined && r.status === 0
}

/**
 * The Python 3 interpreter's own path (skipping version-manager shims, which cost a second a start
 * on a busy machine), or undefined when there is none.
 */
export function python3(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' })
  return r.error === undefined && r.status === 0 ? r.stdout.trim() : undefined
}

/** Runs a command with `input` on stdin; resolves with its exit code and raw stdout and stderr. */
export function run(
  command: string,
  args: string[],
  input: string | Uint8Array = '',
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.on('error', reject)
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }),
    )
    // A program that exits without reading its input (sh -c 'printf ...') closes the pipe first:
    // that EPIPE is the program's choice, not a failure; its output and status are what count.
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
}

/**
 * A TCP connection read as the page reads it: every chunk fed to a protocol decoder for the response
 * side; `send` writes bytes and `messages(n)` waits for the first n decoded events.
 */
export async function connectDecoding(
  port: number,
  protocol: Protocol,
  options: ProtocolOptions = {},
): Promise<{
  send: (bytes: Uint8Array) => void
  events: (n: number) => Promise<ProtocolEvent[]>
  received: () => Buffer
  close: () => void
}> {
  const socket = net.connect({ port, host: '127.0.0.1' })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  const decoder = createProtocolDecoder(protocol, 'response', options)
  const seen: ProtocolEvent[] = []
  const chunks: Buffer[] = []
  let wake = () => {}
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk)
    seen.push(...decoder.push(chunk))
    wake()
  })
  socket.on('end', () => {
    seen.push(...decoder.end())
    wake()
  })
  socket.on('error', () => {})
  return {
    send: (bytes) => void socket.write(bytes),
    events: (n) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (seen.length >= n) resolve(seen.slice(0, n))
          else if (socket.readableEnded) reject(new Error(`closed after ${seen.length} events`))
        }
        wake = check
        check()
      }),
    received: () => Buffer.concat(chunks),
    close: () => socket.destroy(),
  }
}
