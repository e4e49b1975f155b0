// Starts the bundled server and the bridge in front of it, as `npm start` and `npm run dev` need them.
import os from 'node:os'
import { defaultAllowList, parseAllow } from '../bridge/allow.ts'
import { startBridge, type RunningBridge } from '../bridge/bridge.ts'
import { FRAMINGS } from '../shared/framing.ts'
import type { CodeMode } from '../shared/protocol.ts'
import { createBridgeFaultReporter, createFaultReporter, createLineWriter } from '../server/cli.ts'
import { startServer, type RunningServer } from '../server/server.ts'

export interface PlaygroundOptions {
  /** Where the page, the bridge and the server listen (127.0.0.1, or 0.0.0.0 for a classroom LAN). */
  host: string
  /** The page and bridge's HTTP port. */
  port: number
  /** Server ports: the defaults (3213-3216), or 0 for any free ones. */
  serverPorts: 'default' | 'any'
  /** Extra allow-list entries (`HOST:PORT[-PORT]`), e.g. a student's own server. */
  allow: string[]
  /** Extra page origins (the Vite dev server's). */
  origins: string[]
  /** Host names the page may be opened by, besides IP addresses, localhost and this computer's name. */
  allowedHosts?: string[]
  codes: CodeMode
  /** Keep the server's users in this SQLite file instead of memory (`--data FILE`). */
  dataFile?: string
  staticDir?: string
  quiet: boolean
}

export interface Playground {
  server: RunningServer
  bridge: RunningBridge
  stop(): Promise<void>
}

/** Starts server then bridge; the bridge may dial only the server's four ports plus `allow`. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const sink = options.quiet ? undefined : createLineWriter(process.stderr)
  const tagged = (tag: string) => sink && ((line: string) => sink(`${tag} ${line}`))
  const extra = options.allow.map((a) => parseAllow(a))
  const server = await startServer({
    host: options.host,
    codes: options.codes,
    ...(options.dataFile !== undefined && { dataFile: options.dataFile }),
    ...(options.serverPorts === 'any' && {
      ports: Object.fromEntries(FRAMINGS.map((f) => [f, 0])),
    }),
    ...(tagged('[server]') && { log: tagged('[server]') }),
    onFault: createFaultReporter((line) => process.stderr.write(line + '\n')),
  })
  try {
    const bridge = await startBridge({
      host: options.host,
      port: options.port,
      // The bridge dials the server on loopback even when both listen on the LAN.
      allow: [...defaultAllowList('127.0.0.1', server.ports), ...extra],
      origins: options.origins,
      allowedHosts: options.allowedHosts ?? [],
      onFault: createBridgeFaultReporter((line) => process.stderr.write(line + '\n')),
      ...(options.staticDir !== undefined && { staticDir: options.staticDir }),
      ...(tagged('[bridge]') && { log: tagged('[bridge]') }),
    })
    return {
      server,
      bridge,
      async stop() {
        await bridge.close()
        await server.close()
      },
    }
  } catch (err) {
    await server.close()
    throw err
  }
}

/** The URLs a person can open: loopback, plus every LAN IPv4 address when listening on all of them. */
export function pageUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host}:${port}/`]
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a!.address}:${port}/`)
  return [`http://127.0.0.1:${port}/`, ...lan]
}
