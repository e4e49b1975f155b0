// Test fixtures for the bridge: TCP targets that count their sockets, bridges on free ports, recording clients.
import net from 'node:net'
import { WebSocket } from 'ws'
import { BridgeEvent } from '../shared/bridge-protocol.ts'
import { Changes } from '../test-support/changes.ts'
import { startBridge, type BridgeOptions, type RunningBridge } from './bridge.ts'

/** A TCP server on 127.0.0.1 that records its connections. */
export interface Target {
  readonly port: number
  /** Connections accepted so far. */
  readonly accepted: number
  /** Connections open right now. */
  readonly open: number
  /** Resolves with the next connection (or one already accepted and not yet taken). */
  next(): Promise<net.Socket>
  close(): Promise<void>
}

/** A message as the client received it: a parsed bridge event (text frame) or data bytes (binary frame). */
export type Received = { kind: 'event'; event: BridgeEvent } | { kind: 'data'; data: Buffer }

const cleanups: (() => Promise<void> | void)[] = []
// What the helpers see happen: targets' connections opening and closing, bridge log lines and class
// monitor batches, client messages and closes. Tests call `changed()` for state of their own.
const world = new Changes()

/** Tells waiting `eventually` conditions to look again: call it where a test's own state changes. */
export const changed = world.changed

/**
 * Resolves once `check()` holds, re-checked after everything the helpers see happen and after each
 * `changed()`; rejects after `ms`.
 */
export function eventually(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  return world.until(check, ms, what)
}

/** Closes every target, bridge and client the helpers created; call in afterEach. */
export async function cleanup(): Promise<void> {
  const all = cleanups.splice(0).reverse()
  for (const fn of all) await fn()
}

/** Starts a target; `onSocket` runs for each connection (default: echo every byte back). */
export async function startTarget(
  onSocket: (socket: net.Socket) => void = (s) => s.pipe(s),
  options: net.ServerOpts = {},
): Promise<Target> {
  const sockets = new Set<net.Socket>()
  const waiting: net.Socket[] = []
  const takers: ((s: net.Socket) => void)[] = []
  let accepted = 0
  const server = net.createServer(options, (socket) => {
    socket.on('error', () => {})
    accepted++
    sockets.add(socket)
    socket.on('close', () => {
      sockets.delete(socket)
      changed()
    })
    changed()
    onSocket(socket)
    const taker = takers.shift()
    if (taker) taker(socket)
    else waiting.push(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const target: Target = {
    port: (server.address() as net.AddressInfo).port,
    get accepted() {
      return accepted
    },
    get open() {
      return sockets.size
    },
    next: () => {
      const s = waiting.shift()
      return s ? Promise.resolve(s) : new Promise((resolve) => takers.push(resolve))
    },
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
  cleanups.push(() => target.close())
  return target
}

/**
 * Starts a bridge on 127.0.0.1, port 0, that allows `targets` and keeps its log lines (a `log` given
 * instead gets them, and `eventually` no longer hears of them).
 */
export async function startTestBridge(
  options: Partial<BridgeOptions> & { targets?: Target[] },
): Promise<RunningBridge & { lines: string[] }> {
  const lines: string[] = []
  const { targets = [], ...rest } = options
  const bridge = await startBridge({
    host: '127.0.0.1',
    port: 0,
    // A relay leaves the bridge's count just before its closing line: the line is the event.
    log: (l) => {
      lines.push(l)
      changed()
    },
    ...rest,
    allow: [
      ...(rest.allow ?? []),
      ...targets.map((t) => ({ host: '127.0.0.1', from: t.port, to: t.port })),
    ],
  })
  const unsubscribe = bridge.monitor?.subscribe(changed)
  cleanups.push(() => {
    unsubscribe?.()
    return bridge.close()
  })
  return Object.assign(bridge, { lines })
}

/** A `ws` client that records every message and how the connection closed. */
export class Client {
  readonly received: Received[] = []
  closeCode: number | undefined
  closeReason = ''
  readonly ws: WebSocket

  private constructor(ws: WebSocket) {
    this.ws = ws
    ws.on('error', () => {})
    ws.on('message', (data: Buffer, isBinary) => {
      this.received.push(
        isBinary
          ? { kind: 'data', data }
          : { kind: 'event', event: BridgeEvent.parse(JSON.parse(data.toString())) },
      )
      changed()
    })
    ws.on('close', (code, reason) => {
      this.closeCode = code
      this.closeReason = reason.toString()
      changed()
    })
  }

  /** Opens a WebSocket to `url` and resolves once it is open. */
  static async open(
    url: string,
    options: { origin?: string; localAddress?: string } = {},
  ): Promise<Client> {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30, ...options })
    const client = new Client(ws)
    cleanups.push(() => {
      if (ws.readyState !== ws.CLOSED) ws.terminate()
    })
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return client
  }

  get events(): BridgeEvent[] {
    return this.received.flatMap((r) => (r.kind === 'event' ? [r.event] : []))
  }

  get eventTypes(): string[] {
    return this.events.map((e) => e.type)
  }

  /** Data bytes received so far, in order. */
  get data(): Buffer {
    return Buffer.concat(this.received.flatMap((r) => (r.kind === 'data' ? [r.data] : [])))
  }

  /** Resolves once `check()` holds, re-checked on every message and on close; rejects after `ms`. */
  until(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
    return eventually(check, ms, what)
  }

  /** Resolves with the first event of this type. */
  async event<T extends BridgeEvent['type']>(type: T): Promise<Extract<BridgeEvent, { type: T }>> {
    await this.until(() => this.events.some((e) => e.type === type), 5_000, `event ${type}`)
    return this.events.find((e) => e.type === type) as Extract<BridgeEvent, { type: T }>
  }

  /** Resolves once at least `n` data bytes arrived. */
  async bytes(n: number, ms = 5_000): Promise<Buffer> {
    let total = 0
    await this.until(
      () => {
        total = 0
        for (const r of this.received) if (r.kind === 'data') total += r.data.length
        return total >= n
      },
      ms,
      `${n} bytes`,
    )
    return this.data
  }

  /** Resolves with the close code and reason once the connection is closed. */
  async closed(ms = 5_000): Promise<{ code: number; reason: string }> {
    await this.until(() => this.closeCode !== undefined, ms, 'close')
    return { code: this.closeCode!, reason: this.closeReason }
  }
}

/** Resolves with every byte the socket sends until it has `n`. */
export function readBytes(socket: net.Socket, n: number, ms = 5_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let total = 0
    const timer = setTimeout(() => reject(new Error(`timed out reading ${n} bytes`)), ms)
    const onData = (chunk: Buffer) => {
      parts.push(chunk)
      total += chunk.length
      if (total < n) return
      clearTimeout(timer)
      socket.off('data', onData)
      resolve(Buffer.concat(parts))
    }
    socket.on('data', onData)
  })
}

/** `ws://` URL of the bridge's relay path for a target port on 127.0.0.1. */
export function wsUrl(bridge: RunningBridge, port?: number, path = '/ws'): string {
  return `ws://127.0.0.1:${bridge.port}${path}${port === undefined ? '' : `?target=127.0.0.1:${port}`}`
}

const BLOCK = 1 << 16
const base = Buffer.from(Array.from({ length: BLOCK }, (_, i) => (i * 131 + (i >> 8)) & 0xff))

/** Block `i` of a long test stream: 64 KiB whose first 4 bytes are `i`, so loss or reordering shows. */
export function patternBlock(i: number): Buffer {
  const block = Buffer.from(base)
  block.writeUInt32BE(i, 0)
  return block
}

/** Checks a stream of pattern blocks as it arrives, in chunks of any size, without keeping it. */
export class PatternChecker {
  received = 0
  private block = -1
  private expected: Buffer = base

  /** Adds a chunk; false when it is not the next bytes of the pattern. */
  push(chunk: Buffer): boolean {
    let pos = 0
    while (pos < chunk.length) {
      const index = Math.floor(this.received / BLOCK)
      if (index !== this.block) {
        this.block = index
        this.expected = patternBlock(index)
      }
      const within = this.received % BLOCK
      const n = Math.min(BLOCK - within, chunk.length - pos)
      if (!chunk.subarray(pos, pos + n).equals(this.expected.subarray(within, within + n)))
        return false
      pos += n
      this.received += n
    }
    return true
  }
}
