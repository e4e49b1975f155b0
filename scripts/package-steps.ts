// The pieces check:package and bench:page share: start a wire-lab command, fetch raw bytes, sizes.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import http from 'node:http'
import { join } from 'node:path'

/** A running wire-lab: the URL it printed, all it printed, and how to stop it. */
export interface RunningWireLab {
  url: string
  /** Everything written to stdout so far (and, after stop, until it exited). */
  output: string
  /** Milliseconds from spawning the command to its "wire-lab is running" line. */
  startMs: number
  stop(): Promise<void>
}

/**
 * Spawns `command args` in `cwd` (by default `npx --no-install wire-lab`, as a teacher runs the
 * installed package) and resolves when it prints the URL to open; rejects on exit or after 60 s.
 */
export function startWireLab(
  cwd: string,
  args: string[],
  command: string[] = ['npx', '--no-install', 'wire-lab'],
): Promise<RunningWireLab> {
  const t0 = performance.now()
  // detached: npm and npx run the command in a child of their own; the group is stopped as one.
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  // 'close', not 'exit': the output written before exiting is all read by then.
  const exited = new Promise<void>((done) => child.once('close', () => done()))
  let output = ''
  let startMs: number | undefined
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL')
      reject(new Error(`${command.join(' ')} did not say it was running in 60 s:\n${output}`))
    }, 60_000)
    const early = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`${command.join(' ')} exited with ${code}:\n${output}`))
    }
    child.once('exit', early)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const url = /wire-lab is running\. Open:\s+(\S+)/.exec(output)?.[1]
      if (url === undefined) return
      startMs ??= performance.now() - t0
      // The whole banner, down to its last line, before anyone may stop it.
      if (!output.includes('Press Ctrl-C to stop.')) return
      clearTimeout(timer)
      child.off('exit', early)
      const wl: RunningWireLab = {
        url,
        output,
        startMs,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!)
          await exited
          wl.output = output
        },
      }
      resolve(wl)
    })
  })
}

/** One GET with this Accept-Encoding: the status, the headers and the body as sent (not decompressed). */
export function getRaw(
  url: string,
  encoding: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

/** Bytes used by a folder's files (du -sb). */
export function duSync(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0])
}

/**
 * A folder holding the clone's compiled better-sqlite3 as prebuild-install's local prebuild (the
 * tarball name its download would have), or undefined when the clone has none to offer.
 */
export async function localPrebuild(repo: string, tmp: string): Promise<string | undefined> {
  const pkg = join(repo, 'node_modules', 'better-sqlite3')
  if (!existsSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'))) return undefined
  const { version } = (await import(join(pkg, 'package.json'), { with: { type: 'json' } }))
    .default as { version: string }
  const dir = join(tmp, 'prebuilds')
  await mkdir(dir)
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  execFileSync('tar', ['-czf', join(dir, name), '-C', pkg, 'build/Release/better_sqlite3.node'])
  return dir
}
