// The WebSocket-to-TCP bridge: an HTTP server whose WebSockets each relay to one allowed TCP target.
import http from 'node:http'
import type net from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
// Values come from the zod-free module: loading zod in the bridge costs it throughput (bench:bridge).
import type { BridgeEvent } from '../shared/bridge-protocol.ts'
import { BRIDGE_PATH, CLOSE, formatTarget, parseTarget } from '../shared/bridge-constants.ts'
import { buildProxyV2 } from '../shared/proxy-v2.ts'
import { findAllowed, originChecker } from './allow.ts'
import { AddressCounts, admit, checkAllowed, clientAddress, limitSockets } from './admission.ts'
import { createClassApi } from './class-api.ts'
import { ClassMonitor } from './class-monitor.ts'
import { hostChecker } from './hosts.ts'
import { createRequestHandler, hostRefusal } from './http.ts'
import { clipReason, startRelay, type Relay } from './relay.ts'
import { wlError } from '../shared/errors.ts'
import type { BridgeOptions, RunningBridge } from './options.ts'

export type { BridgeOptions, RunningBridge } from './options.ts'

// A client that does not answer our close frame within this time is disconnected.
const CLOSE_TIMEOUT_MS = 3_000
// A connection that has not sent a whole request header by then is closed (Node's default is 60 s).
const HEADERS_TIMEOUT_MS = 10_000
const REQUEST_TIMEOUT_MS = 30_000

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
      throw wlError(
        'WL_ERR_BAD_DEFAULT_TARGET',
        `default target "${options.defaultTarget}" is not HOST:PORT on the allow-list`,
      )
    }
  }
  const defaultTarget = fallback && formatTarget(fallback.host, fallback.port)

  // Relays count toward the limits; refused WebSockets only wait for their close handshake and are
  // counted nowhere, so a client that never answers a close cannot hold anyone's slot.
  const relays = new Set<Relay>()
  const refusing = new Set<WebSocket>()
  const relaysOf = new AddressCounts()
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
  // Every TCP connection to the bridge (page loads, WebSockets, half-open attempts) per address and
  // in total, so one computer cannot take the bridge's file descriptors from the others.
  const socketLimit = limitSockets(server, {
    perClient: options.maxSocketsPerClient ?? maxPerClient * 2 + 32,
    total: options.maxSockets ?? Math.max(maxConnections * 2 + 256, maxPerClient * 2 + 32),
    report: (n) =>
      log?.(line('-', `refused ${n} TCP connection(s): too many from one address or in total`)),
  })
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
    const admission = admit(url, req.headers, {
      stopping,
      allow,
      fallback,
      originAllowed,
      ip,
      relaysOfIp: relaysOf.of(ip),
      relays: relays.size,
      maxPerClient,
      maxConnections,
    })
    if (!admission.ok) return refuse(admission.code, admission.reason)
    const { entry, group, client } = admission
    const wanted = { host: admission.host, port: admission.port }

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
        wlError(
          err.code === 'EADDRINUSE' ? 'WL_ERR_PORT_IN_USE' : 'WL_ERR_LISTEN',
          `cannot listen on ${formatTarget(host, options.port ?? 8080)}: ${err.code}`,
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
      socketLimit.stop()
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
