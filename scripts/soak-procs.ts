// The soak's child processes: the server and a bridge allowing exactly its ports, and the sockets a process holds.
import { readdir, readlink } from 'node:fs/promises'
import { startChild, type Child } from '../test-support/spawn.ts'
import { FRAMINGS } from '../shared/framing.ts'

/** Sockets a process holds right now (Linux /proc), or NaN. */
export async function socketCount(pid: number | undefined): Promise<number> {
  try {
    const fds = await readdir(`/proc/${pid}/fd`)
    const links = await Promise.all(
      fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')),
    )
    return links.filter((l) => l.startsWith('socket:')).length
  } catch {
    return NaN
  }
}

/** Starts the server (all four ports free) and a bridge allowing exactly them, as child processes. */
export async function startProcesses(
  serverArgs: string[] = [],
  bridgeArgs: string[] = [],
): Promise<{ server: Child; bridge: Child }> {
  const server = await startChild(
    'server/main.ts',
    [...FRAMINGS.flatMap((f) => [`--${f}-port`, '0']), '--quiet', ...serverArgs],
    [...FRAMINGS],
  )
  try {
    const allow = FRAMINGS.flatMap((f) => ['--allow', `127.0.0.1:${server.ports[f]}`])
    const bridge = await startChild(
      'bridge/main.ts',
      ['--host', '127.0.0.1', '--port', '0', ...allow, '--quiet', ...bridgeArgs],
      ['bridge'],
    )
    return { server, bridge }
  } catch (err) {
    await server.stop()
    throw err
  }
}
