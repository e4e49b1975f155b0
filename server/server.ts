// The TCP user-service server: one listener per framing, many clients, every byte per PROTOCOL.md.
import net from 'node:net'
import {
  DEFAULT_MAX_MESSAGE,
  DEFAULT_PORTS,
  FRAMINGS,
  createDecoder,
  type FrameEvent,
  type Framing,
} from '../shared/framing.ts'
import { TEXT, type CodeMode } from '../shared/protocol.ts'
import { JsonScanner } from '../shared/json-scanner.ts'
import {
  answerFrameError,
  answerMessage,
  answerPlain,
  refuse,
  replyText,
  type Reply,
} from './handle.ts'
import { readPlainRequest, type PlainRequest } from './plain-request.ts'
import { MemoryRegistry, type Registry } from './registry.ts'
import { openSqliteRegistry } from './registry-sqlite.ts'

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
// How long a client may pause inside a run of garbage before that run is answered (json framing).
const GARBAGE_PAUSE_MS = 100
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
  const onFault = options.onFault
  const sockets = new Set<net.Socket>()
  const listeners: net.Server[] = []
  const ports = {} as Record<Framing, number>

  function serve(socket: net.Socket, framing: Framing): void {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`
    const decoder = createDecoder(framing, { maxMessage })
    const scanner = decoder instanceof JsonScanner ? decoder : undefined
    let ending = false

    const send = (replies: string) => {
      if (replies === '' || socket.destroyed) return
      // write() says false past 16 KiB buffered; only then is the buffered length worth reading.
      if (!socket.write(replies, 'latin1') && socket.writableLength > WRITE_HIGH_WATER && !ending) {
        socket.pause()
      }
    }
    const finish = () => {
      if (ending) return
      ending = true
      clearInterval(idle)
      clearTimeout(pause)
      endThenDestroy(socket, LINGER_MS)
    }
    const frame = (reply: Reply, bytesIn: number): string => {
      const out = frameText(framing, replyText(reply))
      log?.(
        line(
          framing,
          peer,
          `in=${bytesIn}B out=${out.length}B ${reply.code} ${reply.action ?? '-'}`,
        ),
      )
      return out
    }
    // A throw here is a server fault (a bug, or a --data file that cannot be written): it costs this
    // message a 500, never the process or the other messages of the read.
    const answerSafely = (body: Uint8Array, plain?: PlainRequest): Reply => {
      try {
        return plain ? answerPlain(plain, registry, codes) : answerMessage(body, registry, codes)
      } catch (err) {
        log?.(line(framing, peer, `internal error: ${(err as Error).message}`))
        onFault?.(err as Error)
        return refuse('internal', codes, TEXT.internal)
      }
    }
    // Answers a read's events; true when a fatal framing error means the connection must close.
    let out = ''
    const answer = (events: FrameEvent[]): boolean => {
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!
        if (event.type === 'message') {
          quietTicks = 0
          out += frame(answerSafely(event.body), event.end - event.start)
          continue
        }
        out += frame(answerFrameError(event, maxMessage, codes), event.end - event.start)
        // PROTOCOL.md: json and naive cannot resynchronise after an oversize message.
        if (event.fatal) return true
      }
      return false
    }
    const sendOut = () => {
      send(out)
      out = ''
    }

    // json: a run of garbage gets one answer when a '{' or '[' ends it (PROTOCOL.md); a client that
    // goes quiet mid-run (nc, a typo) gets it after GARBAGE_PAUSE_MS without more bytes.
    let pause: NodeJS.Timeout | undefined
    const onPause = () => {
      if (ending || scanner === undefined) return
      answer(scanner.flush())
      sendOut()
    }

    // Idle means no complete message, so a peer trickling bytes (slow-loris) times out too. Rather than
    // read the clock per message, a timer ticks IDLE_TICKS times per idle period and a message resets
    // the count: the connection closes between idleMs and idleMs * (1 + 1 / IDLE_TICKS) after its last
    // complete message, never before.
    let quietTicks = 0
    const idle = setInterval(() => {
      if (++quietTicks < IDLE_TICKS) return
      log?.(line(framing, peer, `idle ${idleMs / 1000} s: closing`))
      send(frame(refuse('idle', codes, TEXT.idle(idleMs / 1000)), 0))
      finish()
    }, idleMs / IDLE_TICKS).unref()

    socket.on('error', (err: NodeJS.ErrnoException) => {
      log?.(line(framing, peer, `error ${err.code ?? err.message}`))
    })
    socket.on('data', (chunk: Buffer) => {
      if (ending) return
      // json: a read that is exactly one plain request (the usual case) needs no second scan to frame it.
      if (scanner !== undefined) {
        const plain = readPlainRequest(chunk)
        // Over the limit, the scanner's 413 and close apply, whatever the message says.
        if (
          plain !== undefined &&
          plain.end - plain.start <= maxMessage &&
          scanner.skipWhole(chunk)
        ) {
          quietTicks = 0
          send(frame(answerSafely(chunk, plain), plain.end - plain.start))
          return
        }
      }
      const fatal = answer(decoder.push(chunk))
      sendOut()
      if (fatal) finish()
      else if (scanner?.inGarbage) {
        if (pause === undefined) pause = setTimeout(onPause, GARBAGE_PAUSE_MS).unref()
        else pause.refresh()
      }
    })
    socket.on('end', () => {
      // The peer half-closed: answer a message it left unfinished, then close our side.
      if (!ending) {
        answer(decoder.end())
        sendOut()
      }
      finish()
    })
    socket.on('drain', () => {
      if (!ending) socket.resume()
    })
    socket.on('close', (hadError) => {
      clearInterval(idle)
      clearTimeout(pause)
      sockets.delete(socket)
      log?.(line(framing, peer, hadError ? 'closed after error' : 'closed'))
    })
  }

  function onConnection(socket: net.Socket, framing: Framing): void {
    socket.setNoDelay(true)
    if (sockets.size >= maxConnections) {
      // Say why before closing, in the port's own framing.
      socket.on('error', () => {})
      const reply = refuse('busy', codes, TEXT.busy(maxConnections))
      endThenDestroy(socket, LINGER_MS, frameText(framing, replyText(reply)))
      log?.(line(framing, `${socket.remoteAddress}:${socket.remotePort}`, 'refused: server full'))
      return
    }
    sockets.add(socket)
    log?.(line(framing, `${socket.remoteAddress}:${socket.remotePort}`, 'connected'))
    serve(socket, framing)
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

function listen(server: net.Server, port: number, host: string, framing: Framing): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        Object.assign(new Error(`cannot listen on ${host}:${port} (${framing}): ${err.code}`), {
          code: err.code === 'EADDRINUSE' ? 'WL_ERR_PORT_IN_USE' : 'WL_ERR_LISTEN',
          port,
          framing,
        }),
      )
    }
    server.once('error', onError)
    server.listen({ port, host }, () => {
      server.off('error', onError)
      resolve()
    })
  })
}

/**
 * An answer in its framing as a Latin-1 string: json.dumps text is ASCII, so one character is one byte
 * and the socket can write the string as is, with no Buffer per answer (shared/framing.ts encodeFrame
 * is the byte-level equivalent).
 */
export function frameText(framing: Framing, text: string): string {
  switch (framing) {
    case 'json':
    case 'naive':
      return text
    case 'ndjson':
      return text + '\n'
    case 'length': {
      const n = text.length
      return String.fromCharCode(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff) + text
    }
  }
}

function line(framing: Framing, peer: string, what: string): string {
  return `${new Date().toISOString()} ${framing.padEnd(6)} ${peer} ${what}`
}
