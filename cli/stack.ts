// Starts the bundled server and the bridge in front of it, as `npm start` and `npm run dev` need them.
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { defaultAllowList, parseAllow } from '../bridge/allow.ts'
import { startBridge, type RunningBridge } from '../bridge/bridge.ts'
import { formatTarget } from '../shared/bridge-constants.ts'
import type { AllowedTarget } from '../shared/bridge-protocol.ts'
import { FRAMINGS } from '../shared/framing.ts'
import type { CodeMode } from '../shared/protocol.ts'
import { createBridgeFaultReporter, createFaultReporter, createLineWriter } from './log.ts'
import { startServer, type RunningServer } from '../server/server.ts'
import type { WorkspaceMode } from '../server/workspaces.ts'

export interface StackOptions {
  /** Where the page, the bridge and the server listen (127.0.0.1, or 0.0.0.0 for a classroom LAN). */
  host: string
  /** The page and bridge's HTTP port. */
  port: number
  /** Server ports: the defaults (3213-3216), or 0 for any free ones. */
  serverPorts: 'default' | 'any'
  /** Extra allow-list entries (`HOST:PORT[-PORT][=PROTOCOL][:Name]`, or parsed), e.g. a student's own server. */
  allow: (string | AllowedTarget)[]
  /** Extra page origins (the Vite dev server's). */
  origins: string[]
  /** Host names the page may be opened by, besides IP addresses, localhost and this computer's name. */
  allowedHosts?: string[]
  codes: CodeMode
  /** Keep the server's users in this SQLite file instead of memory (`--data FILE`). */
  dataFile?: string
  /** A registry per computer or group (default), or one for the whole class. */
  workspaces?: WorkspaceMode
  /** The key of the teacher's view of the class (/api/class and the page's class mode). */
  teacherKey: string
  staticDir?: string
  quiet: boolean
}

export interface Stack {
  server: RunningServer
  bridge: RunningBridge
  stop(): Promise<void>
}

/** A stack on 127.0.0.1 and free ports, quiet, with the lesson's codes: what tests and benches start. */
export function loopbackStack(teacherKey: string, more: Partial<StackOptions> = {}): StackOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    serverPorts: 'any',
    allow: [],
    origins: [],
    codes: 'lesson',
    teacherKey,
    quiet: true,
    ...more,
  }
}

/** Starts server then bridge; the bridge may dial only the server's four ports plus `allow`. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const sink = options.quiet ? undefined : createLineWriter(process.stderr)
  const tagged = (tag: string) => sink && ((line: string) => sink(`${tag} ${line}`))
  const extra = options.allow.map((a) => (typeof a === 'string' ? parseAllow(a) : a))
  const server = await startServer({
    host: options.host,
    codes: options.codes,
    ...(options.workspaces !== undefined && { workspaces: options.workspaces }),
    ...(options.dataFile !== undefined && { dataFile: options.dataFile }),
    ...(options.serverPorts === 'any' && {
      ports: Object.fromEntries(FRAMINGS.map((f) => [f, 0])),
    }),
    ...(tagged('[server]') && { log: tagged('[server]') }),
    onFault: createFaultReporter((line) => process.stderr.write(line + '\n')),
  })
  const workspaces = server.workspaces!
  try {
    const bridge = await startBridge({
      host: options.host,
      port: options.port,
      // The bridge dials the server on loopback even when both listen on the LAN.
      allow: [...defaultAllowList('127.0.0.1', server.ports), ...extra],
      // The bundled server learns which computer (and group) each page is: PROXY v2, to it only.
      proxyTo: FRAMINGS.map((f) => formatTarget('127.0.0.1', server.ports[f])),
      classroom: {
        key: options.teacherKey,
        workspaceOf: (address, group) => workspaces.keyOf({ address, group }),
        workspaces: () => workspaces.list().map((w) => ({ name: w.key, users: w.users })),
      },
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

/** A fresh teacher key: 72 random bits, URL-safe, short enough to read out or type. */
export function newTeacherKey(): string {
  return randomBytes(9).toString('base64url')
}

/** The teacher's URL: the page's class mode, with the key in the fragment (never sent in a request). */
export function teacherUrl(pageUrl: string, key: string): string {
  return `${pageUrl}#class?key=${encodeURIComponent(key)}`
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
