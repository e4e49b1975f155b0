// The bridge's plain HTTP side: the allow-list as JSON, the built page (or a short note), nothing else.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { TargetsInfo } from '../shared/bridge-protocol.ts'
import { BRIDGE_PATH, TARGETS_PATH } from '../shared/bridge-constants.ts'
import type { OriginRule } from './allow.ts'
import type { ClassApi } from './class-api.ts'
import type { HostRule } from './hosts.ts'
import { createStaticHandler } from './static.ts'

/** What the HTTP side needs besides the allow-list. */
export interface HttpOptions {
  /** The built page's directory; without it, GET / answers a plain-text note. */
  staticDir?: string
  originAllowed?: OriginRule
  hostAllowed?: HostRule
  /** Told of every exception a request raised (answered 500); the bridge goes on. */
  onFault?: (err: Error) => void
  /** The teacher's API under /api/class, when the bridge runs a class monitor. */
  classApi?: ClassApi
}

/** Answers GET /api/targets, then the page from `staticDir` (single-page), or a plain-text note. */
export function createRequestHandler(
  info: TargetsInfo,
  options: HttpOptions = {},
): RequestListener {
  const targetsJson = JSON.stringify(info)
  const page = options.staticDir ? createStaticHandler(options.staticDir) : undefined
  const note = aboutText(info)
  const { originAllowed, hostAllowed } = options

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    if (hostAllowed && !hostAllowed(req.headers.host)) {
      return reply(res, 403, 'text/plain; charset=utf-8', hostRefusal(req.headers.host))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return reply(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n')
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (
      options.classApi &&
      options.classApi(req, res, new URL(req.url ?? '/', 'http://bridge.invalid'))
    )
      return
    if (path === TARGETS_PATH) {
      res.setHeader('Cache-Control', 'no-store')
      // A page the bridge accepts WebSockets from (--origin) may also read its allow-list, so a
      // page served elsewhere can offer the bridge's targets; any other origin gets no CORS header.
      const origin = req.headers.origin
      res.setHeader('Vary', 'Origin')
      if (origin !== undefined && originAllowed?.(origin, req.headers.host)) {
        res.setHeader('Access-Control-Allow-Origin', origin)
      }
      return reply(res, 200, 'application/json; charset=utf-8', targetsJson, req.method === 'HEAD')
    }
    if (page) return page(req, res, path)
    if (path === '/')
      return reply(res, 200, 'text/plain; charset=utf-8', note, req.method === 'HEAD')
    return reply(res, 404, 'text/plain; charset=utf-8', 'not found\n')
  }

  // No request, however odd, may end the process that serves the whole class: a throw is a 500.
  return (req, res) => {
    try {
      handle(req, res)
    } catch (err) {
      options.onFault?.(err as Error)
      if (res.headersSent) res.destroy()
      else {
        for (const name of res.getHeaderNames()) res.removeHeader(name)
        reply(res, 500, 'text/plain; charset=utf-8', 'internal error\n')
      }
    }
  }
}

/** The 403 text for a Host that is not one of the bridge's names. */
export function hostRefusal(host: string | undefined): string {
  return (
    `Host ${JSON.stringify(host ?? '')} is not one of this bridge's names, so the request is refused ` +
    '(a page under another name could otherwise use the bridge: DNS rebinding).\n' +
    "Open the page by this computer's IP address, or start it with --allowed-host NAME.\n"
  )
}

function reply(res: ServerResponse, status: number, type: string, body: string, head = false) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
  res.end(head ? undefined : body)
}

function aboutText(info: TargetsInfo): string {
  const targets = info.targets.map((t) => {
    const ports = t.from === t.to ? `${t.from}` : `${t.from}-${t.to}`
    const host = t.host.includes(':') ? `[${t.host}]` : t.host
    return `  ${host}:${ports}${t.label ? `  (${t.label})` : ''}`
  })
  return `wire-lab bridge

This server relays WebSockets to TCP: each WebSocket gets exactly one TCP connection to one
of the targets below, and nothing else. Browsers cannot open TCP sockets; this is how the
wire-lab page talks to the lesson's server.

Connect a WebSocket to  ${BRIDGE_PATH}?target=HOST:PORT  on this server${
    info.defaultTarget ? ` (without ?target=, ${info.defaultTarget})` : ''
  }.
Bytes you send (binary or text messages) go to the target unchanged; each chunk the target
sends comes back as one binary message; the bridge's own events are JSON text messages.
A WebSocket on / relays bytes only, with no events (websockify style).

Allowed targets (also as JSON at ${TARGETS_PATH}):
${targets.join('\n')}
`
}
