// One WebSocket relayed to one TCP connection: bytes both ways, bridge events, backpressure, every close.
import net from 'node:net'
import type { RawData, WebSocket } from 'ws'
// Values come from the zod-free module: loading zod in the bridge costs it throughput (bench:bridge).
import type { BridgeEvent, ByteCounts } from '../shared/bridge-protocol.ts'
import { CLOSE, formatTarget } from '../shared/bridge-constants.ts'
import type { Relay, RelayEnd, RelayOptions } from './relay-types.ts'

export type { Relay, RelayEnd, RelayOptions } from './relay-types.ts'

// Above this many bytes waiting to go to the page, stop reading the target; resume below LOW.
const HIGH_WATER = 256 << 10
const LOW_WATER = 64 << 10
// After the TCP side is ended, how long the target has to close before it is reset.
const LINGER_MS = 3_000
// Bytes read and dropped after a close before the TCP side is destroyed instead of drained.
const DROP_LIMIT = 64 << 10
const BINARY = { binary: true } as const
// The close code ws sends for its own errors (ws lib/receiver.js), for the log.
const WS_ERROR_CODES: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: CLOSE.TOO_BIG,
  WS_ERR_INVALID_UTF8: 1007,
}
// RFC 6455 5.5: a close frame's reason fits in 123 bytes.
const MAX_REASON = 123

/** Starts relaying an accepted WebSocket to `host:port`, which the caller has already allowed. */
export function startRelay(ws: WebSocket, options: RelayOptions): Relay {
  const { host, port, events, startedAt } = options
  const target = formatTarget(host, port)
  const bytes: ByteCounts = { toTarget: 0, fromTarget: 0 }
  let connected = false
  let closing = false
  let ending: { code: number; reason: string } | undefined
  let queue: Buffer[] = []
  let queued = 0
  let wsPaused = false
  let tcpPaused = false
  let wsClosed = false
  let tcpClosed = false
  let linger: NodeJS.Timeout | undefined
  let dropped = 0
  let resolveDone: (end: RelayEnd) => void = () => {}
  const done = new Promise<RelayEnd>((resolve) => (resolveDone = resolve))

  const at = () => Math.round((performance.now() - startedAt) * 1000) / 1000
  const tap = options.tap
  let tapClosed = false
  const event = (e: BridgeEvent) => {
    if (e.type === 'closed') tapClosed = true
    tap?.event(e)
    if (events && ws.readyState === ws.OPEN) ws.send(JSON.stringify(e))
  }

  event({ type: 'connecting', at: at(), target })
  const tcp = (options.dial ?? net.connect)({ host, port, allowHalfOpen: true, noDelay: true })
  tcp.on('error', tcpOnError)
  const connectTimer = setTimeout(() => {
    const err = new Error(`connect ETIMEDOUT ${target}`) as NodeJS.ErrnoException
    err.code = 'ETIMEDOUT'
    tcp.destroy(err)
  }, options.connectTimeoutMs ?? 10_000).unref()
  // The idle timer re-arms itself for the time left instead of being refreshed per chunk (hot path).
  let lastTraffic = Date.now()
  const onIdle = () => {
    const left = lastTraffic + options.idleTimeoutMs - Date.now()
    if (left > 0) idle = setTimeout(onIdle, left).unref()
    else finish(CLOSE.IDLE_TIMEOUT, `no traffic for ${options.idleTimeoutMs / 1000} s`)
  }
  let idle = setTimeout(onIdle, options.idleTimeoutMs).unref()

  // A message past maxPayload: ws itself closes with 1009 and no reason (the page explains the code),
  // then emits 'error', which ends the TCP side like any other close.
  ws.on('error', wsOnError)
  ws.on('message', wsOnMessage)
  ws.on('close', wsOnClose)
  tcp.on('connect', tcpOnConnect)
  tcp.on('data', tcpOnData)
  tcp.on('drain', tcpOnDrain)
  tcp.on('end', tcpOnEnd)
  tcp.on('close', tcpOnClose)

  function wsOnMessage(data: RawData): void {
    // binaryType is 'nodebuffer', so text and binary messages alike arrive as their raw bytes.
    const chunk = data as Buffer
    if (closing || chunk.length === 0) return
    lastTraffic = Date.now()
    tap?.sent(chunk)
    if (!connected) {
      queue.push(chunk)
      queued += chunk.length
      if (queued > options.maxQueue) pauseWs()
      return
    }
    bytes.toTarget += chunk.length
    if (!tcp.write(chunk)) pauseWs()
  }

  function tcpOnConnect(): void {
    clearTimeout(connectTimer)
    connected = true
    if (closing) {
      for (const chunk of queue) {
        bytes.toTarget += chunk.length
        tcp.write(chunk)
      }
      queue = []
      queued = 0
      endTcp()
      return
    }
    event({
      type: 'connected',
      at: at(),
      local: { address: tcp.localAddress ?? '', port: tcp.localPort ?? 0 },
      remote: { address: tcp.remoteAddress ?? '', port: tcp.remotePort ?? 0 },
    })
    let flushed = true
    const proxy = options.proxy
    if (proxy) {
      // Before any page byte: the server reads who the page is, then the page's bytes as usual.
      flushed = tcp.write(proxy.header)
      event({
        type: 'proxy',
        at: at(),
        source: proxy.source,
        ...(proxy.group !== undefined && { group: proxy.group }),
        hex: Buffer.from(proxy.header).toString('hex'),
      })
    }
    for (const chunk of queue) {
      bytes.toTarget += chunk.length
      flushed = tcp.write(chunk)
    }
    queue = []
    queued = 0
    if (flushed) tcpOnDrain()
    else pauseWs()
  }

  function tcpOnData(chunk: Buffer): void {
    if (closing) {
      // Nobody will read these: stop as soon as a target keeps sending after the page has gone,
      // rather than read (and drop) whatever a runaway server can write.
      dropped += chunk.length
      if (dropped > DROP_LIMIT) tcp.destroy()
      return
    }
    bytes.fromTarget += chunk.length
    lastTraffic = Date.now()
    tap?.received(chunk)
    // One TCP chunk is one WebSocket message: the page shows these boundaries.
    if (ws.bufferedAmount + chunk.length < LOW_WATER) {
      ws.send(chunk, BINARY)
      return
    }
    // Every send past the low-water mark reports its flush, so the last one resumes reading.
    ws.send(chunk, BINARY, wsOnFlushed)
    if (!tcpPaused && ws.bufferedAmount >= HIGH_WATER) {
      tcpPaused = true
      tcp.pause()
    }
  }

  function wsOnFlushed(): void {
    if (tcpPaused && ws.bufferedAmount < LOW_WATER) {
      tcpPaused = false
      tcp.resume()
    }
  }

  function pauseWs(): void {
    if (wsPaused) return
    wsPaused = true
    ws.pause()
  }

  function tcpOnDrain(): void {
    if (!wsPaused || closing) return
    wsPaused = false
    ws.resume()
  }

  function tcpOnEnd(): void {
    if (closing) return
    event({ type: 'fin', at: at(), bytes: { ...bytes } })
    // ws writes frames in order, so the close frame follows every byte the target sent.
    finish(CLOSE.TARGET_CLOSED, 'target closed the connection')
  }

  function tcpOnError(err: NodeJS.ErrnoException): void {
    const code = err.code ?? 'EUNKNOWN'
    // An error after the relay decided to close (EPIPE while ending, say) changes nothing.
    if (closing) return
    event({ type: 'error', at: at(), code, message: err.message })
    if (!connected) finish(CLOSE.TARGET_UNREACHABLE, `cannot connect to ${target}: ${code}`)
    else if (code === 'ECONNRESET' || code === 'EPIPE') {
      finish(CLOSE.TARGET_RESET, `target reset the connection (${code})`)
    } else finish(CLOSE.TARGET_ERROR, `target error: ${code}`)
  }

  function tcpOnClose(): void {
    tcpClosed = true
    clearTimeout(linger)
    clearTimeout(connectTimer)
    if (!closing) finish(CLOSE.TARGET_CLOSED, 'target connection closed')
    settle()
  }

  function wsOnError(err: Error & { code?: string }): void {
    // ws has already started closing with the matching code (1009 for --max-frame); the TCP
    // side must not wait for the close handshake.
    begin(WS_ERROR_CODES[err.code ?? ''] ?? 1002, err.message)
  }

  function wsOnClose(code: number, reason: Buffer): void {
    wsClosed = true
    begin(code, reason.toString(), true)
    settle()
  }

  /** The bridge decides to close: tell the page why, then close both sides. */
  function finish(code: number, reason: string): void {
    if (closing) return
    const text = clipReason(reason)
    event({ type: 'closed', at: at(), code, reason: text, bytes: { ...bytes } })
    if (ws.readyState === ws.OPEN) ws.close(code, text)
    begin(code, text)
  }

  /** The first close decision, from either side, ends the TCP side. */
  function begin(code: number, reason: string, keepQueue = false): void {
    if (closing) return
    closing = true
    ending = { code, reason }
    // The page closed (or broke) its side: no closed event goes to it, but the teacher hears of it.
    if (!tapClosed) {
      tapClosed = true
      tap?.event({
        type: 'closed',
        at: at(),
        code,
        reason: clipReason(reason),
        bytes: { ...bytes },
      })
    }
    clearTimeout(idle)
    if (!keepQueue) {
      queue = []
      queued = 0
    }
    if (tcp.destroyed) return
    // A page that sent its last words and closed before the connect completed still has them
    // delivered: tcpOnConnect writes the queue, then ends.
    if (!connected) {
      if (queued === 0) tcp.destroy()
      return
    }
    endTcp()
  }

  function endTcp(): void {
    tcp.end()
    // Keep reading (and dropping, up to DROP_LIMIT) so the target's FIN is seen and the socket closes.
    tcp.resume()
    // A target that ignores our FIN gets a reset, so its side of the connection closes too.
    linger = setTimeout(() => tcp.resetAndDestroy(), LINGER_MS).unref()
  }

  function settle(): void {
    if (wsClosed && tcpClosed && ending) resolveDone({ ...ending, bytes: { ...bytes } })
  }

  return {
    target,
    bytes,
    get held() {
      return ws.bufferedAmount + tcp.writableLength + queued
    },
    close: finish,
    done,
  }
}

/** A close reason cut to the 123 bytes a close frame allows. */
export function clipReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON) return reason
  let text = reason
  while (Buffer.byteLength(text) > MAX_REASON - 3) text = text.slice(0, -1)
  return text + '...'
}
