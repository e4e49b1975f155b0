// The WebSocket-to-TCP bridge: an HTTP server whose WebSockets each relay to one allowed TCP target.
import http from 'node:http'
import type net from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
// Values come from the zod-free module: loading zod in the bridge costs it throughput (bench:bridge).
import type { AllowedTarget, BridgeEvent } from '../shared/bridge-protocol.ts'
import {
  BRIDGE_PATH,
  CLIENT_PARAM,
  CLOSE,
  GROUP_PARAM,
  formatTarget,
  isClientId,
  normalizeGroup,
  parseTarget,
} from '../shared/bridge-constants.ts'
import { buildProxyV2 } from '../shared/proxy-v2.ts'
import { findAllowed, originChecker } from './allow.ts'
import { createClassApi } from './class-api.ts'
import { ClassMonitor, type MonitorOptions } from './class-monitor.ts'
import { hostChecker } from './hosts.ts'
import { createRequestHandler, hostRefusal } from './http.ts'
import { clipReason, startRelay, type Relay } from './relay.ts'
import { wlError } from '../shared/errors.ts'

export interface BridgeOptions {
  /** Listen address (default 127.0.0.1; 0.0.0.0 for a classroom LAN). */
  host?: string
  /** Listen port (default 8080; 0 picks a free one). */
  port?: number
  /** The only TCP targets the bridge will ever dial. */
  allow: AllowedTarget[]
  /** `HOST:PORT` used when the URL has no `?target=`; it must be allowed too. */
  defaultTarget?: string
  /** Extra page origins allowed to connect (`http://host:port`); '*' allows any. */
  origins?: string[]
  /** WebSockets at once, in total (default 1000: a class of thirty with many panes, or three hundred students). */
  maxConnections?: number
  /** WebSockets at once from one client IP address (default 16). */
  maxPerClient?: number
  /** Largest WebSocket message from a client, in bytes (default 1 MiB); larger ones close with 1009. */
  maxFrame?: number
  /** Milliseconds without a byte either way before the relay closes (default 600 s). */
  idleTimeoutMs?: number
  /** Milliseconds a TCP connect may take (default 10 s). */
  connectTimeoutMs?: number
  /** Directory of the built page, served on GET (single-page: unknown paths get index.html). */
  staticDir?: string
  /** Receives one line per connection opened, refused or closed; omit for silence. */
  log?: (line: string) => void
  /** Told of each exception an HTTP or WebSocket handler raised (answered 500); default: `log`. */
  onFault?: (err: Error) => void
  /** Host names the page may be opened by, besides IP addresses, localhost and this computer's name. */
  allowedHosts?: string[]
  /** TCP connections at once from one address, HTTP and WebSocket (default 2 x maxPerClient + 32). */
  maxSocketsPerClient?: number
  /** TCP connections at once in total (default 2 x maxConnections + 256). */
  maxSockets?: number
  /** Milliseconds a connection may take to send a request header, or stay silent (default 10 s). */
  headersTimeoutMs?: number
  /**
   * Targets (`HOST:PORT`) that get a PROXY protocol v2 header naming the page before its bytes: the
   * bundled server's ports, never a student's own server.
   */
  proxyTo?: string[]
  /** The teacher's view: a class monitor behind /api/class, open to requests carrying `key`. */
  classroom?: { key: string } & MonitorOptions
}

export interface RunningBridge {
  readonly host: string
  /** The port actually bound. */
  readonly port: number
  /** `http://HOST:PORT/`. */
  readonly url: string
  /** Open WebSockets right now (relays, and refusals still closing). */
  readonly connections: number
  /** Bytes the relays hold right now in send buffers and connect queues, all together. */
  readonly buffered: number
  /** The class monitor, when `classroom` was given. */
  readonly monitor: ClassMonitor | undefined
  /** Stops listening, closes every WebSocket with 1001 and ends every TCP side; resolves when all are gone. */
  close(): Promise<void>
}

// A client that does not answer our close frame within this time is disconnected.
const CLOSE_TIMEOUT_MS = 3_000
// A connection that has not sent a whole request header by then is closed (Node's default is 60 s).
const HEADERS_TIMEOUT_MS = 10_000
const REQUEST_TIMEOUT_MS = 30_000

/** Counts of something per client address, and in total. */
class AddressCounts {
  private readonly counts = new Map<string, number>()
  total = 0

  of(ip: string): number {
    return this.counts.get(ip) ?? 0
  }

  add(ip: string): void {
    this.counts.set(ip, this.of(ip) + 1)
    this.total++
  }

  remove(ip: string): void {
    const left = this.of(ip) - 1
    if (left > 0) this.counts.set(ip, left)
    else this.counts.delete(ip)
    this.total--
  }
}

/** Validates the options, listens, and relays until `close()`. */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const host = options.host ?? '127.0.0.1'
  const maxConnections = options.maxConnections ?? 1000
  const maxPerClient = options.maxPerClient ?? 16
  const maxFrame = options.maxFrame ?? 1 << 20
  const idleTimeoutMs = options.idleTimeoutMs ?? 600_000
  const log = options.log
  const allow = options.allow.map(checkAllowed)
  const originAllowed = originChecker(options.origins ?? [])
  const fallback =
    options.defaultTarget === undefined ? undefined : parseTarget(options.defaultTarget)
  if (options.defaultTarget !== undefined) {
    if (!fallback || !findAllowed(allow, fallback.host, fallback.port)) {
      throw Object.assign(
        new Error(`default target "${options.defaultTarget}" is not HOST:PORT on the allow-list`),
        { code: 'WL_ERR_BAD_DEFAULT_TARGET' },
      )
    }
  }
  const defaultTarget = fallback && formatTarget(fallback.host, fallback.port)

  // Relays count toward the limits; refused WebSockets only wait for their close handshake and are
  // counted nowhere, so a client that never answers a close cannot hold anyone's slot.
  const relays = new Set<Relay>()
  const refusing = new Set<WebSocket>()
  const relaysOf = new AddressCounts()
  // Every TCP connection to the bridge (page loads, WebSockets, half-open attempts) per address and
  // in total, so one computer cannot take the bridge's file descriptors from the others.
  const socketsOf = new AddressCounts()
  const maxSocketsPerClient = options.maxSocketsPerClient ?? maxPerClient * 2 + 32
  const maxSockets = options.maxSockets ?? Math.max(maxConnections * 2 + 256, maxSocketsPerClient)
  const onFault =
    options.onFault ?? ((err: Error) => log?.(line('-', `internal error: ${err.message}`)))
  const headersTimeoutMs = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS
  const proxyTo = new Set(options.proxyTo ?? [])
  const monitor = options.classroom && new ClassMonitor(options.classroom)
  const hostAllowed = hostChecker(options.allowedHosts ?? [], options.origins ?? [])
  let stopping = false

  // closeTimeout is a ws 8 option that @types/ws does not list yet, hence the separate object.
  const wsOptions = {
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: maxFrame,
    closeTimeout: CLOSE_TIMEOUT_MS,
  }
  const wss = new WebSocketServer(wsOptions)
  const server = http.createServer(
    {
      // A connection must send its whole header within HEADERS_TIMEOUT_MS, checked every second.
      headersTimeout: headersTimeoutMs,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, headersTimeoutMs),
      connectionsCheckingInterval: 1_000,
    },
    createRequestHandler(
      { targets: allow, ...(defaultTarget && { defaultTarget }) },
      {
        ...(options.staticDir !== undefined && { staticDir: options.staticDir }),
        originAllowed,
        hostAllowed,
        onFault,
        ...(monitor && { classApi: createClassApi(monitor, options.classroom!.key) }),
      },
    ),
  )
  // Silent connections (never a byte of header) are not covered by headersTimeout: drop them too.
  server.setTimeout(headersTimeoutMs)
  server.on('connection', (socket: net.Socket) => {
    const ip = clientAddress(socket)
    if (socketsOf.of(ip) >= maxSocketsPerClient || socketsOf.total >= maxSockets) {
      socket.destroy()
      refusedSockets++
      return
    }
    socketsOf.add(ip)
    socket.once('close', () => socketsOf.remove(ip))
  })
  // One line per second at most, however many connections a flood brings.
  let refusedSockets = 0
  const refusedReport = setInterval(() => {
    if (refusedSockets === 0) return
    log?.(
      line(
        '-',
        `refused ${refusedSockets} TCP connection(s): too many from one address or in total`,
      ),
    )
    refusedSockets = 0
  }, 1_000).unref()
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {})
    try {
      if (!hostAllowed(req.headers.host))
        return abort(socket, 403, 'Forbidden', hostRefusal(req.headers.host))
      let url: URL
      try {
        url = new URL(req.url ?? '/', 'http://bridge.invalid')
      } catch {
        // A request target no URL parser reads (`//[`): bad input, not a fault of the bridge.
        return abort(socket, 400, 'Bad Request')
      }
      if (url.pathname !== BRIDGE_PATH && url.pathname !== '/')
        return abort(socket, 404, 'Not Found')
      if (stopping) return abort(socket, 503, 'Service Unavailable')
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          onConnection(ws, req, url)
        } catch (err) {
          onFault(err as Error)
          ws.terminate()
        }
      })
    } catch (err) {
      onFault(err as Error)
      abort(socket, 500, 'Internal Server Error')
    }
  })

  function onConnection(ws: WebSocket, req: http.IncomingMessage, url: URL): void {
    const startedAt = performance.now()
    ws.on('error', () => {})
    // /ws speaks the page's protocol (events as text frames); / relays bytes only, as websockify does.
    const events = url.pathname === BRIDGE_PATH
    const ip = clientAddress(req.socket)
    const peer = formatTarget(ip, req.socket.remotePort ?? 0)

    const refuse = (code: number, reason: string) => {
      const text = clipReason(reason)
      if (events) {
        const at = Math.round((performance.now() - startedAt) * 1000) / 1000
        ws.send(JSON.stringify({ type: 'refused', at, code, reason: text } satisfies BridgeEvent))
      }
      refusing.add(ws)
      ws.once('close', () => refusing.delete(ws))
      ws.close(code, text)
      log?.(line(peer, `refused ${code} ${text}`))
    }

    // Every refusal comes after the WebSocket is accepted, so a browser sees the code and reason,
    // and before any TCP connect.
    if (stopping) return refuse(CLOSE.GOING_AWAY, 'bridge is shutting down')
    const origin = req.headers.origin
    if (!originAllowed(origin, req.headers.host)) {
      // Quoted with JSON.stringify: header and query text must not inject lines into the log.
      return refuse(CLOSE.ORIGIN_NOT_ALLOWED, `origin ${JSON.stringify(origin)} is not allowed`)
    }
    const asked = url.searchParams.get('target') || undefined
    const wanted = asked === undefined ? fallback : parseTarget(asked)
    if (asked === undefined && !wanted) {
      return refuse(CLOSE.NO_TARGET, 'no target: add ?target=HOST:PORT to the URL')
    }
    const entry = wanted && findAllowed(allow, wanted.host, wanted.port)
    if (!wanted || !entry) {
      return refuse(CLOSE.TARGET_NOT_ALLOWED, `target ${JSON.stringify(asked)} is not allowed`)
    }
    const groupText = url.searchParams.get(GROUP_PARAM) || undefined
    const group = groupText === undefined ? undefined : normalizeGroup(groupText)
    if (groupText !== undefined && group === undefined) {
      return refuse(
        CLOSE.BAD_NAME,
        `group ${JSON.stringify(groupText)} is not 1-32 of a-z, 0-9 and -`,
      )
    }
    const client = url.searchParams.get(CLIENT_PARAM) || undefined
    if (client !== undefined && !isClientId(client)) {
      return refuse(
        CLOSE.BAD_NAME,
        `client ${JSON.stringify(client)} is not 1-40 of A-Z, a-z, 0-9, _ and -`,
      )
    }
    // The address's own limit first: a computer over its share is told so, whoever else is here.
    if (relaysOf.of(ip) >= maxPerClient) {
      return refuse(
        CLOSE.TOO_MANY_CONNECTIONS,
        `too many connections from ${ip} (${maxPerClient} at most)`,
      )
    }
    if (relays.size >= maxConnections) {
      return refuse(CLOSE.TOO_MANY_CONNECTIONS, `too many connections (${maxConnections} at most)`)
    }

    const target = formatTarget(wanted.host, wanted.port)
    const source = { address: ip, port: req.socket.remotePort ?? 0 }
    const proxy = proxyTo.has(target)
      ? {
          header: buildProxyV2({
            source,
            destination: {
              address: clientAddress(req.socket, 'local'),
              port: req.socket.localPort ?? 0,
            },
            group,
          }),
          source,
          ...(group !== undefined && { group }),
        }
      : undefined
    const tap = monitor?.watch({ address: ip, group, client, target, framing: entry.framing })
    const relay = startRelay(ws, {
      host: wanted.host,
      port: wanted.port,
      events,
      startedAt,
      ...(proxy && { proxy }),
      ...(tap && { tap }),
      maxQueue: maxFrame * 4,
      idleTimeoutMs,
      ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
    })
    relays.add(relay)
    relaysOf.add(ip)
    log?.(line(peer, `open -> ${relay.target}${events ? '' : ' (bytes only)'}`))
    void relay.done.then(({ code, reason, bytes }) => {
      relays.delete(relay)
      relaysOf.remove(ip)
      log?.(
        line(
          peer,
          // A client's close reason is its own text: quoted, like the refusals' target and origin.
          `closed -> ${relay.target} ${code} ${reason ? JSON.stringify(reason) : '-'} toTarget=${bytes.toTarget}B fromTarget=${bytes.fromTarget}B`,
        ),
      )
    })
  }

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        Object.assign(
          new Error(`cannot listen on ${formatTarget(host, options.port ?? 8080)}: ${err.code}`),
          {
            code: err.code === 'EADDRINUSE' ? 'WL_ERR_PORT_IN_USE' : 'WL_ERR_LISTEN',
          },
        ),
      )
    }
    server.once('error', onError)
    server.listen({ host, port: options.port ?? 8080 }, () => {
      server.off('error', onError)
      resolve()
    })
  })
  server.on('error', (err) => log?.(line('-', `server error ${err.message}`)))
  const port = (server.address() as net.AddressInfo).port

  return {
    host,
    port,
    url: `http://${formatTarget(host, port)}/`,
    get connections() {
      return relays.size + refusing.size
    },
    monitor,
    get buffered() {
      let sum = 0
      for (const relay of relays) sum += relay.held
      return sum
    },
    async close() {
      stopping = true
      clearInterval(refusedReport)
      const listening = new Promise<void>((resolve) => server.close(() => resolve()))
      const gone = [...relays].map((r) => r.done)
      for (const relay of relays) relay.close(CLOSE.GOING_AWAY, 'bridge is shutting down')
      // Refusals still closing: their close handshake is bounded by CLOSE_TIMEOUT_MS anyway.
      for (const ws of refusing) {
        if (ws.readyState === ws.OPEN) ws.close(CLOSE.GOING_AWAY, 'bridge is shutting down')
      }
      await Promise.all(gone)
      server.closeAllConnections()
      await listening
    },
  }
}

const isPort = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535

/** An allow-list entry with a host and ports in order (the AllowedTarget schema's rules); throws an Error. */
function checkAllowed(entry: AllowedTarget): AllowedTarget {
  const ok =
    typeof entry.host === 'string' &&
    entry.host !== '' &&
    isPort(entry.from) &&
    isPort(entry.to) &&
    entry.from <= entry.to
  if (!ok) {
    throw wlError('WL_ERR_BAD_ALLOW', `bad allow-list entry ${JSON.stringify(entry)}`)
  }
  return { ...entry }
}

/** The client's (or, with 'local', our own) IP address, IPv4-mapped IPv6 written as IPv4. */
function clientAddress(socket: net.Socket, end: 'remote' | 'local' = 'remote'): string {
  const address = (end === 'remote' ? socket.remoteAddress : socket.localAddress) ?? 'unknown'
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
}

function abort(socket: Duplex, status: number, text: string, body = ''): void {
  const length = Buffer.byteLength(body)
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${length}\r\n\r\n${body}`,
  )
  setTimeout(() => socket.destroy(), 1_000).unref()
}

function line(peer: string, what: string): string {
  return `${new Date().toISOString()} ${peer} ${what}`
}
