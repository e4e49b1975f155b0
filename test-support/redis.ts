// A real redis-server for tests (Debian's; .ci/run installs it): on a free port, no persistence.
import { spawn } from 'node:child_process'
import net from 'node:net'

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as net.AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** A running redis-server and how to stop it (resolves once the process is gone). */
export interface Redis {
  port: number
  stop(): Promise<void>
}

/** Starts redis-server on 127.0.0.1 and a free port, saving nothing; resolves once it accepts. */
export async function startRedis(extra: string[] = []): Promise<Redis> {
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  const child = spawn('redis-server', [...args, ...extra])
  const stop = () =>
    new Promise<void>((resolve) =>
      child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill()),
    )
  await new Promise<void>((resolve, reject) => {
    let log = ''
    child.stdout.on('data', (b: Buffer) => {
      log += b.toString()
      if (log.includes('Ready to accept connections')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`redis-server exited (${code}): ${log}`)))
  })
  return { port, stop }
}
