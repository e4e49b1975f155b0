// The TCP user-service server: one listener per framing, many clients; sockets, timers and backpressure.
import { once } from 'node:events'
import net from 'node:net'
import { wlError } from '../shared/errors.ts'
import { DEFAULT_MAX_MESSAGE, DEFAULT_PORTS, FRAMINGS, type Framing } from '../shared/framing.ts'
import type { CodeMode } from '../shared/protocol.ts'
import { MemoryRegistry, type Registry } from './registry.ts'
import { openSqliteRegistry } from './registry-sqlite.ts'
import { Session, busyAnswer, type Output } from './session.ts'

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
  registry?: Registry
  /** Keep the users in this SQLite file (when no `registry` is given); close() closes it. */
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
  readonly registry: Registry
  /** Open client connections right now. */
  readonly connections: number
  /** Stops listening, ends every connection, resolves when all are gone. */
  close(): Promise<void>
}

// Above this many unsent bytes, stop reading the client until it reads its answers.
const WRITE_HIGH_WATER = 1 << 20
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
  const maxConnections = options.maxConnections ?? 1000
  const data =
    options.registry || options.dataFile === undefined
      ? undefined
      : openSqliteRegistry(options.dataFile)
  const registry = options.registry ?? data ?? new MemoryRegistry()
  const log = options.log
  const sockets = new Set<net.Socket>()
  const listeners: net.Server[] = []
  const ports = {} as Record<Framing, number>

  const sessionOptions = { codes, maxMessage, idleTimeoutMs: idleMs, onFault: options.onFault }

  function onConnection(socket: net.Socket, framing: Framing): void {
    socket.setNoDelay(true)
    const peer = `${socket.remoteAddress}:${socket.remotePort}`
    const say = log && ((what: string) => log(line(framing, peer, what)))
    if (sockets.size >= maxConnections) {
      // Say why before closing, in the port's own framing.
      socket.on('error', () => {})
      endThenDestroy(socket, LINGER_MS, busyAnswer(framing, codes, maxConnections))
      return say?.('refused: server full')
    }
    sockets.add(socket)
    say?.('connected')
    // The registry this connection works in: the one registry today. A workspace per peer
    // (PROTOCOL.md "Workspaces"; through the bridge, named by a PROXY v2 header that is read
    // before the session starts) is chosen here.
    const workspace = registry
    const session = new Session({ ...sessionOptions, framing, registry: workspace, log: say })
    let ending = false
    let pause: NodeJS.Timeout | undefined
    // Idle means no complete message, so a slow-loris times out too. Rather than read the clock per
    // message, a timer ticks IDLE_TICKS times per idle period and looks for new messages: the close
    // comes between idleMs and idleMs * (1 + 1 / IDLE_TICKS) after the last one, never before.
    let seen = 0
    let quietTicks = 0
    const idle = setInterval(() => {
      if (session.messages !== seen) quietTicks = 0
      seen = session.messages
      if (++quietTicks >= IDLE_TICKS) apply(session.idle())
    }, idleMs / IDLE_TICKS).unref()

    function apply(output: Output): void {
      // write() says false past 16 KiB buffered; only then is the buffered length worth reading.
      const { out } = output
      if (out !== '' && !socket.destroyed && !socket.write(out, 'latin1') && !ending) {
        if (socket.writableLength > WRITE_HIGH_WATER) socket.pause()
      }
      if (output.close) finish()
      else if (output.wait === 0) return
      else if (pause === undefined) pause = setTimeout(onPause, output.wait).unref()
      else pause.refresh()
    }
    const onPause = () => ending || apply(session.flush())
    const finish = () => {
      if (ending) return
      ending = true
      clearInterval(idle)
      clearTimeout(pause)
      endThenDestroy(socket, LINGER_MS)
    }

    socket.on('error', (err: NodeJS.ErrnoException) => say?.(`error ${err.code ?? err.message}`))
    socket.on('data', (chunk: Buffer) => ending || apply(session.push(chunk)))
    // The peer half-closed: answer a message it left unfinished, then close our side.
    socket.on('end', () => ending || apply(session.end()))
    socket.on('drain', () => ending || socket.resume())
    socket.on('close', (hadError) => {
      clearInterval(idle)
      clearTimeout(pause)
      sockets.delete(socket)
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
    get connections() {
      return sockets.size
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
