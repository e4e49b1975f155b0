// The TCP user-service server: one listener per framing, many clients; sockets, timers and backpressure.
import { once } from 'node:events'
import net from 'node:net'
import { wlError } from '../shared/errors.ts'
import { DEFAULT_MAX_MESSAGE, DEFAULT_PORTS, FRAMINGS, type Framing } from '../shared/framing.ts'
import type { CodeMode } from '../shared/protocol.ts'
import { Admission, type DoorRead, type Refusal } from './admission.ts'
import { ProxyTrust } from './proxy-gate.ts'
import type { Registry } from './registry.ts'
import { openSqliteData, type SqliteData } from './registry-sqlite.ts'
import { Session, busyAnswer, busyClientAnswer, type Output } from './session.ts'
import { Workspaces, type WorkspaceMode } from './workspaces.ts'

export interface ServerOptions {
  /** Listen address (default 127.0.0.1; 0.0.0.0 for a classroom LAN). */
  host?: string
  /** Port per framing; 0 picks a free one (default 3213-3216). */
  ports?: Partial<Record<Framing, number>>
  codes?: CodeMode
  /** Largest message in bytes (default 64 KiB). */
  maxMessage?: number
  /** Milliseconds without a complete message before the server says so and closes (default 600 s). */
  idleTimeoutMs?: number
  /** Connections at once, all ports together (default 1000). */
  maxConnections?: number
  /** Connections at once from one computer, relays of the bundled bridge included (default 64). */
  maxPerClient?: number
  /** A registry per computer or group (default), or one for the whole class (PROTOCOL.md "Workspaces"). */
  workspaces?: WorkspaceMode
  /** Users per workspace, and workspaces holding users (default 10,000 and 1,000). */
  maxUsers?: number
  maxWorkspaces?: number
  /** Addresses whose PROXY v2 headers are believed, besides loopback (where the bundled bridge runs). */
  trustProxy?: string[]
  /** One registry for every connection instead of workspaces (tests). */
  registry?: Registry
  /** Keep every workspace's users in this SQLite file (when no `registry` is given); close() closes it. */
  dataFile?: string
  /** Receives one line per event; omit for silence. */
  log?: (line: string) => void
  /** Called for each message the server itself failed on (answered 500), with or without `log`. */
  onFault?: (err: Error) => void
}

export interface RunningServer {
  readonly host: string
  /** The ports actually bound, per framing. */
  readonly ports: Readonly<Record<Framing, number>>
  /** This computer's registry (what a client on loopback works in); with `registry`, that one. */
  readonly registry: Registry
  /** Every workspace, when the server keeps one registry per workspace. */
  readonly workspaces: Workspaces | undefined
  /** The data file, with `dataFile`. */
  readonly data: SqliteData | undefined
  /** Open client connections right now. */
  readonly connections: number
  /** Answer bytes written but not yet taken by the clients' sockets, all connections together. */
  readonly buffered: number
  /** Stops listening, ends every connection, resolves when all are gone. */
  close(): Promise<void>
}

// Past this many unsent bytes (write() returning false), stop reading the client until it reads its
// answers: a client that pipelines and never reads costs a few hundred KiB at most.
const WRITE_HIGH_WATER = 64 << 10
// After the server ends a connection, how long the peer has to close its side before a reset.
const LINGER_MS = 5_000
// Idle timer ticks per idle period: the close comes at most 1/IDLE_TICKS of the period late.
const IDLE_TICKS = 8

/** Binds all four framings' ports and serves until `close()`. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const codes = options.codes ?? 'lesson'
  const maxMessage = options.maxMessage ?? DEFAULT_MAX_MESSAGE
  const idleMs = options.idleTimeoutMs ?? 600_000
  const data =
    options.registry || options.dataFile === undefined
      ? undefined
      : openSqliteData(options.dataFile)
  const workspaces = options.registry
    ? undefined
    : new Workspaces({
        ...(options.workspaces !== undefined && { mode: options.workspaces }),
        ...(options.maxUsers !== undefined && { maxUsers: options.maxUsers }),
        ...(options.maxWorkspaces !== undefined && { maxWorkspaces: options.maxWorkspaces }),
        ...(data && { store: data }),
      })
  const admission = new Admission({
    maxConnections: options.maxConnections ?? 1000,
    maxPerClient: options.maxPerClient ?? 64,
    trust: new ProxyTrust(options.trustProxy),
    workspaces,
    registry: options.registry,
  })
  // This computer's view, for whoever runs the server: it does not count as a connection.
  const local = workspaces?.enter(workspaces.keyOf({ address: '127.0.0.1' }))
  local?.leave()
  const registry = options.registry ?? local!
  const log = options.log
  const sockets = new Set<net.Socket>()
  const listeners: net.Server[] = []
  const ports = {} as Record<Framing, number>

  const sessionOptions = { codes, maxMessage, idleTimeoutMs: idleMs, onFault: options.onFault }

  function onConnection(socket: net.Socket, framing: Framing): void {
    socket.setNoDelay(true)
    socket.on('error', (err: NodeJS.ErrnoException) => say?.(`error ${err.code ?? err.message}`))
    let peer = `${socket.remoteAddress}:${socket.remotePort}`
    const say = log && ((what: string) => log(line(framing, peer, what)))
    let session: Session | undefined
    let ending = false
    let pause: NodeJS.Timeout | undefined
    const door = admission.arrive(socket.remoteAddress ?? '')
    if ('kind' in door) return turnAway(door)
    sockets.add(socket)
    say?.('connected')

    // The connection's first reads go to the door (a trusted bridge names the page and its group in a
    // PROXY v2 header); then the session gets every byte, in the workspace the door chose.
    function enter(read: DoorRead): Output | undefined {
      if (read.type === 'more') return undefined
      if (read.type === 'out') {
        turnAway(read.refusal)
        return undefined
      }
      const { visitor, workspace, data: first } = read.admitted
      if (read.admitted.header) peer = `${visitor.address} via ${peer}`
      if (workspace !== '-') peer += ` [${workspace}]`
      say?.(read.admitted.header ? `PROXY v2 ${read.admitted.header.length} bytes` : 'in')
      session = new Session({
        ...sessionOptions,
        framing,
        registry: read.admitted.registry,
        log: say,
      })
      return first.length > 0 ? session.push(first) : undefined
    }
    function turnAway(refusal: Refusal): void {
      say?.(
        `refused: ${refusal.kind === 'bad-header' ? `bad PROXY header (${refusal.reason})` : refusal.kind}`,
      )
      ending = true
      // Say why before closing, in the port's own framing; a broken PROXY header is dropped (its spec).
      if (refusal.kind === 'bad-header') return void socket.destroy()
      const answer =
        refusal.kind === 'full'
          ? busyAnswer(framing, codes, refusal.limit)
          : busyClientAnswer(framing, codes, refusal.limit)
      endThenDestroy(socket, LINGER_MS, answer)
    }

    // Idle means no complete message, so a slow-loris times out too. Rather than read the clock per
    // message, a timer ticks IDLE_TICKS times per idle period and looks for new messages: the close
    // comes between idleMs and idleMs * (1 + 1 / IDLE_TICKS) after the last one, never before.
    let seen = 0
    let quietTicks = 0
    const idle = setInterval(() => {
      if (session && session.messages !== seen) quietTicks = 0
      seen = session?.messages ?? 0
      if (++quietTicks >= IDLE_TICKS) {
        if (session) apply(session.idle())
        else finish()
      }
    }, idleMs / IDLE_TICKS).unref()

    function apply(output: Output | undefined): void {
      if (output === undefined || ending) return
      const { out } = output
      if (out !== '' && !socket.destroyed && !socket.write(out, 'latin1')) {
        // write() says false past 16 KiB buffered: past the high-water mark, read no more requests.
        if (socket.writableLength > WRITE_HIGH_WATER) socket.pause()
      }
      if (output.close) finish()
      else if (output.wait === 0) return
      else if (pause === undefined) pause = setTimeout(onPause, output.wait).unref()
      else pause.refresh()
    }
    const onPause = () => session && apply(session.flush())
    const finish = () => {
      if (ending) return
      ending = true
      clearInterval(idle)
      clearTimeout(pause)
      endThenDestroy(socket, LINGER_MS)
    }

    socket.on('data', (chunk: Buffer) => {
      if (ending) return
      apply(session ? session.push(chunk) : enter(door.push(chunk)))
    })
    // The peer half-closed: answer a message it left unfinished, then close our side.
    socket.on('end', () => {
      if (ending) return
      if (!session) apply(enter(door.end()))
      if (session) apply(session.end())
      else finish()
    })
    socket.on('drain', () => ending || socket.resume())
    socket.on('close', (hadError) => {
      clearInterval(idle)
      clearTimeout(pause)
      sockets.delete(socket)
      door.leave()
      say?.(hadError ? 'closed after error' : 'closed')
    })
  }

  try {
    for (const framing of FRAMINGS) {
      const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) =>
        onConnection(socket, framing),
      )
      listeners.push(server)
      await listen(server, options.ports?.[framing] ?? DEFAULT_PORTS[framing], host, framing)
      ports[framing] = (server.address() as net.AddressInfo).port
    }
  } catch (err) {
    await Promise.all(listeners.map((s) => new Promise((r) => s.close(r))))
    data?.close()
    throw err
  }

  return {
    host,
    ports,
    registry,
    workspaces,
    data,
    get connections() {
      return sockets.size
    },
    get buffered() {
      let sum = 0
      for (const socket of sockets) sum += socket.writableLength
      return sum
    },
    async close() {
      const closed = listeners.map((s) => new Promise<void>((r) => s.close(() => r())))
      for (const socket of sockets) endThenDestroy(socket, 1_000)
      await Promise.all(closed)
      data?.close()
    },
  }
}

// Ends our side (after `last`, if given) and resets the connection if the peer has not closed its side
// within `ms`; the timer goes with the socket, so refused or closed peers are not held for `ms`.
function endThenDestroy(socket: net.Socket, ms: number, last?: string): void {
  if (last === undefined) socket.end()
  else socket.end(last, 'latin1')
  const timer = setTimeout(() => socket.destroy(), ms).unref()
  socket.once('close', () => clearTimeout(timer))
}

async function listen(server: net.Server, port: number, host: string, framing: Framing) {
  server.listen({ port, host })
  try {
    await once(server, 'listening')
  } catch (err) {
    const { code } = err as NodeJS.ErrnoException
    const why = code === 'EADDRINUSE' ? 'WL_ERR_PORT_IN_USE' : 'WL_ERR_LISTEN'
    throw wlError(why, `cannot listen on ${host}:${port} (${framing}): ${code}`, { port, framing })
  }
}

function line(framing: Framing, peer: string, what: string): string {
  return `${new Date().toISOString()} ${framing.padEnd(6)} ${peer} ${what}`
}
