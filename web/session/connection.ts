// The page's end of the bridge: one WebSocket per connection, explicit states, one fail path (no React).
import { BridgeEvent, CLOSE, type ByteCounts, type Endpoint } from '../../shared/bridge-protocol.ts'
import type { CloseReason, LocalEvent } from './events.ts'

/** What the socket adapter reports; `message` gets an ArrayBuffer (binary) or a string (text). */
export interface SocketHandlers {
  open(): void
  message(data: unknown): void
  close(code: number, reason: string): void
}

/** The two things the connection does to a socket. */
export interface Socket {
  send(data: Uint8Array): void
  close(code?: number, reason?: string): void
}

/** Opens a socket to `url` and reports to `on`; tests pass a fake, the page passes `browserSocket`. */
export type SocketFactory = (url: string, on: SocketHandlers) => Socket

/** The browser's WebSocket behind the factory interface, with binary frames as ArrayBuffers. */
export const browserSocket: SocketFactory = (url, on) => {
  const ws = new WebSocket(url)
  // ArrayBuffer arrives synchronously with the event; a Blob would need an async read and could reorder.
  ws.binaryType = 'arraybuffer'
  ws.onopen = () => on.open()
  ws.onmessage = (e: MessageEvent) => on.message(e.data)
  ws.onclose = (e: CloseEvent) => on.close(e.code, e.reason)
  return {
    // Frames come from encodeFrame, which allocates plain ArrayBuffers (never shared memory).
    send: (data) => ws.send(data as Uint8Array<ArrayBuffer>),
    close: (code, reason) => ws.close(code, reason),
  }
}

/** The connection's states, in the order they normally come. */
export type Status = 'idle' | 'connecting' | 'open' | 'closed'

/** Everything the page shows about the connection; a new object on every change. */
export interface ConnectionState {
  status: Status
  /** `HOST:PORT` of the TCP target. */
  target?: string
  url?: string
  local?: Endpoint
  remote?: Endpoint
  reason?: CloseReason
  /** Final byte counts from the bridge's `closed` event. */
  bytes?: ByteCounts
  /** Who the bridge introduced the page as to the bundled server (its PROXY header); absent for other targets. */
  proxy?: { source: Endpoint; group?: string }
}

/** What a connection reports to its listeners; `t` is milliseconds since `connect()`. */
export type ConnectionEvent =
  | { type: 'state'; state: ConnectionState }
  | { type: 'chunk'; dir: 'sent' | 'received'; bytes: Uint8Array; t: number }
  | { type: 'bridge'; event: BridgeEvent; t: number }
  | { type: 'local'; event: LocalEvent; t: number }

/** How a Connection opens sockets, reads the clock and times out. */
export interface ConnectionOptions {
  socket: SocketFactory
  /** Milliseconds, any origin (default performance.now). */
  now?: () => number
  /** Give up when the TCP side has not connected after this long (default 10 s). */
  connectTimeoutMs?: number
  /** Query parameters added to each new WebSocket URL (the page's group and id), read at every connect. */
  params?: () => Readonly<Record<string, string | undefined>>
}

/** `url` with `?target=` and `params` set (undefined ones left out), keeping any query it already has. */
export function targetUrl(
  bridgeUrl: string,
  target: string,
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  const url = new URL(bridgeUrl)
  url.searchParams.set('target', target)
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value)
  }
  return url.toString()
}

/** One WebSocket connection to the bridge at a time, with its state and a stream of events. */
export class Connection {
  private state: ConnectionState = { status: 'idle' }
  private readonly listeners = new Set<(e: ConnectionEvent) => void>()
  private socket: Socket | undefined
  private session = 0
  private startedAt = 0
  private errno: string | undefined
  private wsOpen = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly now: () => number
  private readonly timeoutMs: number

  constructor(private readonly options: ConnectionOptions) {
    this.now = options.now ?? (() => performance.now())
    this.timeoutMs = options.connectTimeoutMs ?? 10_000
  }

  /** The current state (a stable object until the next change). */
  getState = (): ConnectionState => this.state

  /** Calls `listener` for every event; returns the unsubscribe function. */
  subscribe = (listener: (e: ConnectionEvent) => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Opens a WebSocket to the bridge for `target` (`HOST:PORT`), ending any current connection. */
  connect(bridgeUrl: string, target: string): void {
    if (this.state.status === 'connecting' || this.state.status === 'open') this.disconnect()
    const session = ++this.session
    this.startedAt = this.now()
    this.errno = undefined
    this.wsOpen = false
    let url: string
    try {
      url = targetUrl(bridgeUrl, target, this.options.params?.())
    } catch {
      this.setState({ status: 'connecting', target, url: bridgeUrl })
      this.fail({ kind: 'unreachable', url: bridgeUrl })
      return
    }
    this.setState({ status: 'connecting', target, url })
    this.emit({ type: 'local', event: { type: 'ws-connecting', url }, t: 0 })
    this.timer = setTimeout(() => {
      if (session === this.session) this.fail({ kind: 'timeout', seconds: this.timeoutMs / 1000 })
    }, this.timeoutMs)
    // Handlers check the session, so a late event from an abandoned socket changes nothing.
    const live = () => session === this.session && this.state.status !== 'closed'
    try {
      this.socket = this.options.socket(url, {
        open: () => live() && this.wsOnOpen(),
        message: (data) => live() && this.wsOnMessage(data),
        close: (code, reason) => live() && this.wsOnClose(code, reason),
      })
    } catch {
      this.fail({ kind: 'unreachable', url })
    }
  }

  /** Ends the connection from the page's side. */
  disconnect(): void {
    this.fail({ kind: 'user' })
  }

  /** Sends one binary WebSocket message (the bridge writes it to TCP); false unless open. */
  send(bytes: Uint8Array): boolean {
    if (this.state.status !== 'open' || !this.socket) return false
    this.socket.send(bytes)
    this.emit({ type: 'chunk', dir: 'sent', bytes, t: this.elapsed() })
    return true
  }

  /** The one way a connection ends: records the first reason, closes the socket, tells listeners. */
  fail(reason: CloseReason): void {
    if (this.state.status !== 'connecting' && this.state.status !== 'open') return
    clearTimeout(this.timer)
    const socket = this.socket
    this.socket = undefined
    this.setState({ ...this.state, status: 'closed', reason })
    this.emit({ type: 'local', event: { type: 'ended', reason }, t: this.elapsed() })
    if (socket && reason.kind !== 'closed' && reason.kind !== 'lost') {
      try {
        socket.close(CLOSE.NORMAL, reason.kind === 'user' ? 'page closed' : reason.kind)
      } catch {
        // Closing a socket that never opened can throw in some browsers; it is gone either way.
      }
    }
  }

  private elapsed(): number {
    return Math.max(0, this.now() - this.startedAt)
  }

  private wsOnOpen(): void {
    this.wsOpen = true
    this.emit({ type: 'local', event: { type: 'ws-open' }, t: this.elapsed() })
  }

  private wsOnMessage(data: unknown): void {
    const t = this.elapsed()
    if (typeof data === 'string') return this.bridgeOnEvent(data, t)
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : undefined
    if (!bytes) return this.fail({ kind: 'protocol', detail: 'binary frame not an ArrayBuffer' })
    // Bytes mean the TCP side is up even if the `connected` event was missed.
    if (this.state.status === 'connecting') this.setOpen()
    this.emit({ type: 'chunk', dir: 'received', bytes, t })
  }

  private bridgeOnEvent(text: string, t: number): void {
    let parsed: ReturnType<typeof BridgeEvent.safeParse>
    try {
      parsed = BridgeEvent.safeParse(JSON.parse(text))
    } catch {
      return this.fail({ kind: 'protocol', detail: text.slice(0, 80) })
    }
    if (!parsed.success) return this.fail({ kind: 'protocol', detail: text.slice(0, 80) })
    const event = parsed.data
    this.emit({ type: 'bridge', event, t })
    switch (event.type) {
      case 'connected':
        this.setOpen(event.local, event.remote)
        break
      case 'proxy':
        this.setState({
          ...this.state,
          proxy: {
            source: event.source,
            ...(event.group !== undefined && { group: event.group }),
          },
        })
        break
      case 'error':
        this.errno = event.code
        break
      case 'closed':
        this.setState({ ...this.state, bytes: event.bytes })
        break
    }
  }

  private wsOnClose(code: number, reason: string): void {
    if (!this.wsOpen) return this.fail({ kind: 'unreachable', url: this.state.url ?? '' })
    // 1006 is the browser's own code for "no close frame": the bridge vanished.
    if (code === 1006) return this.fail({ kind: 'lost', code })
    this.fail({ kind: 'closed', code, reason, ...(this.errno ? { errno: this.errno } : {}) })
  }

  private setOpen(local?: Endpoint, remote?: Endpoint): void {
    clearTimeout(this.timer)
    this.setState({
      ...this.state,
      status: 'open',
      ...(local ? { local } : {}),
      ...(remote ? { remote } : {}),
    })
  }

  private setState(state: ConnectionState): void {
    this.state = state
    this.emit({ type: 'state', state })
  }

  private emit(event: ConnectionEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
