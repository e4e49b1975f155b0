// What the teacher sees of the class: every relay's gist, a bounded history each, a live feed (no sockets).
import type { BridgeEvent } from '../shared/bridge-protocol.ts'
import type {
  ClassConnection,
  ClassSnapshot,
  Exchange,
  ExchangeItem,
  WorkspaceInfo,
} from '../shared/class-protocol.ts'
import { createDecoder, type Decoder, type Framing } from '../shared/framing.ts'
import {
  answerCode,
  answered,
  feedItem,
  lastError,
  said,
  type RawAnswer,
  type RawError,
  type RawFeed,
  type RawSaid,
} from './class-gist.ts'

/** What the bridge knows of a relay when it starts. */
export interface ConnectionInfo {
  address: string
  group?: string | undefined
  client?: string | undefined
  target: string
  framing?: Framing | undefined
}

/** The relay's side of the monitor: three calls, each an append, on the relay's path. */
export interface RelayTap {
  sent(chunk: Uint8Array): void
  received(chunk: Uint8Array): void
  event(event: BridgeEvent): void
}

export interface MonitorOptions {
  /** The workspace a page lands in, as the server decides it. */
  workspaceOf?: (address: string, group: string | undefined) => string
  /** The server's workspaces and their users, when the server runs in this process. */
  workspaces?: () => WorkspaceInfo[]
  /** Bytes of history kept per connection (default 256 KiB); older items are dropped. */
  historyBytes?: number
  /** Ended connections kept for the teacher (default 200, the oldest go first). */
  keepEnded?: number
  /** Clock in epoch milliseconds (tests pass their own). */
  now?: () => number
}

const FEED_LENGTH = 100

/** An exchange item as held: bytes as they came, turned into hex only when asked for. */
type Held =
  | { kind: 'data'; t: number; dir: 'sent' | 'received'; bytes: Uint8Array }
  | { kind: 'event'; t: number; event: BridgeEvent }

/** A connection's counters; its last request, answer and error are kept raw beside them. */
type Counters = Omit<ClassConnection, 'lastRequest' | 'lastAnswer' | 'lastError'>

interface Watched {
  info: Counters
  lastRequest?: RawSaid
  lastAnswer?: RawAnswer
  lastError?: RawError
  startedAt: number
  items: { item: Held; size: number }[]
  held: number
  dropped: { items: number; bytes: number }
  /** The newest `unread` items are not in the gist yet; they are read in batches, off the relay's path. */
  unread: number
  decoders?: { sent: Decoder; received: Decoder }
}

/** The class as the bridge sees it; `changed` listeners hear of each batch of news. */
export class ClassMonitor {
  private readonly live = new Map<number, Watched>()
  private readonly ended: Watched[] = []
  private feed: RawFeed[] = []
  // The snapshot's JSON, kept until something changes: every teacher screen sends the same text.
  private json: string | undefined
  private readonly tally: Record<string, number> = Object.create(null)
  private readonly listeners = new Set<() => void>()
  private readonly unread = new Set<Watched>()
  private nextId = 1
  private pending = false
  private readonly now: () => number
  private readonly historyBytes: number
  private readonly keepEnded: number

  constructor(private readonly options: MonitorOptions = {}) {
    this.now = options.now ?? Date.now
    this.historyBytes = options.historyBytes ?? 256 << 10
    this.keepEnded = options.keepEnded ?? 200
  }

  /** Starts watching one relay; the returned tap records what crosses it. */
  watch(info: ConnectionInfo): RelayTap {
    const id = this.nextId++
    const at = this.now()
    const workspace =
      this.options.workspaceOf?.(info.address, info.group) ??
      (info.group === undefined ? `ip:${info.address}` : `group:${info.group}`)
    const watched: Watched = {
      info: {
        id,
        address: info.address,
        ...(info.group !== undefined && { group: info.group }),
        workspace,
        ...(info.client !== undefined && { client: info.client }),
        target: info.target,
        ...(info.framing !== undefined && { framing: info.framing }),
        since: at,
        bytes: { toTarget: 0, fromTarget: 0 },
        requests: 0,
        answers: {},
      },
      startedAt: performance.now(),
      items: [],
      held: 0,
      dropped: { items: 0, bytes: 0 },
      unread: 0,
      ...(info.framing !== undefined && {
        decoders: { sent: createDecoder(info.framing), received: createDecoder(info.framing) },
      }),
    }
    this.live.set(id, watched)
    this.say(watched, 'connected', at, { text: info.target })
    const data = (dir: 'sent' | 'received') => (chunk: Uint8Array) => {
      if (dir === 'sent') watched.info.bytes.toTarget += chunk.length
      else watched.info.bytes.fromTarget += chunk.length
      // A small chunk may be a view of a whole 64 KiB read buffer: keep a copy, not the buffer.
      const bytes = chunk.length * 4 < chunk.buffer.byteLength ? chunk.slice() : chunk
      this.record(watched, { kind: 'data', t: this.t(watched), dir, bytes }, chunk.length)
    }
    return {
      sent: data('sent'),
      received: data('received'),
      event: (event) => {
        this.record(watched, { kind: 'event', t: this.t(watched), event }, 64)
        if (event.type === 'closed' || event.type === 'refused') this.end(watched, event)
      },
    }
  }

  /** Hears of news at most once per batch (a batch runs a few milliseconds after the relay wrote). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Every live connection and the kept ended ones, the class tally, workspaces and feed. */
  snapshot(): ClassSnapshot {
    this.digest()
    return {
      at: this.now(),
      connections: [...this.ended, ...this.live.values()].map((w) => this.view(w)),
      tally: { ...this.tally },
      workspaces: this.options.workspaces?.() ?? [],
      feed: this.feed.slice(-FEED_LENGTH).map(feedItem),
    }
  }

  /** The snapshot as JSON, built once per change however many screens ask for it. */
  snapshotJson(): string {
    this.digest()
    this.json ??= JSON.stringify(this.snapshot())
    return this.json
  }

  /** One connection's recorded exchange, or undefined when it is not (or no longer) kept. */
  exchange(id: number): Exchange | undefined {
    this.digest()
    const watched = this.live.get(id) ?? this.ended.find((w) => w.info.id === id)
    if (!watched) return undefined
    return {
      connection: this.view(watched),
      dropped: { ...watched.dropped },
      items: watched.items.map(({ item }): ExchangeItem => {
        if (item.kind === 'event') return item
        const hex = Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.length)
        return { kind: 'data', t: item.t, dir: item.dir, hex: hex.toString('hex') }
      }),
    }
  }

  // A connection as the teacher sees it: a copy of its counters, its last words read now.
  private view(w: Watched): ClassConnection {
    return {
      ...w.info,
      bytes: { ...w.info.bytes },
      answers: { ...w.info.answers },
      ...(w.info.ended && { ended: { ...w.info.ended } }),
      ...(w.lastRequest && { lastRequest: said(w.lastRequest) }),
      ...(w.lastAnswer && { lastAnswer: answered(w.lastAnswer) }),
      ...(w.lastError && { lastError: lastError(w.lastError) }),
    }
  }

  private t(watched: Watched): number {
    return Math.round((performance.now() - watched.startedAt) * 1000) / 1000
  }

  private record(watched: Watched, item: Held, size: number): void {
    this.json = undefined
    watched.items.push({ item, size })
    watched.held += size
    watched.unread++
    this.unread.add(watched)
    while (watched.held > this.historyBytes && watched.items.length > 1) {
      // An item about to be dropped before it was read still counts in the gist: read it first.
      if (watched.unread === watched.items.length) {
        this.read(watched, watched.items[0]!.item)
        watched.unread--
      }
      const old = watched.items.shift()!
      watched.held -= old.size
      watched.dropped.items++
      watched.dropped.bytes += old.size
    }
    if (!this.pending) {
      this.pending = true
      setTimeout(() => this.digest(true), 20).unref()
    }
  }

  /** Reads every unread item into the gists; after a batch, tells the listeners once. */
  private digest(batch = false): void {
    for (const watched of this.unread) {
      const { items } = watched
      for (let i = items.length - watched.unread; i < items.length; i++) {
        this.read(watched, items[i]!.item)
      }
      watched.unread = 0
    }
    this.unread.clear()
    if (!batch) return
    this.pending = false
    for (const listener of this.listeners) listener()
  }

  private read(watched: Watched, item: Held): void {
    if (item.kind !== 'data' || !watched.decoders) return
    const at = watched.info.since + item.t
    for (const e of watched.decoders[item.dir].push(item.bytes)) {
      if (e.type !== 'message') {
        if (item.dir === 'sent') watched.info.requests++
        const text = `${e.problem}: ${e.end - e.start} bytes`
        watched.lastError = { kind: 'undecodable', at, text }
        continue
      }
      // Kept as bytes (a copy: the decoder's views may be reused), put in words only when shown.
      const body = e.body.slice()
      if (item.dir === 'sent') {
        watched.info.requests++
        watched.lastRequest = { at, body }
        this.say(watched, 'request', at, { body })
        continue
      }
      const code = answerCode(body)
      watched.info.answers[code] = (watched.info.answers[code] ?? 0) + 1
      this.tally[code] = (this.tally[code] ?? 0) + 1
      watched.lastAnswer = { at, code, body }
      if (!code.startsWith('2')) watched.lastError = { kind: 'answer', at, code, body }
      this.say(watched, 'answer', at, { body, code })
    }
  }

  private end(watched: Watched, event: Extract<BridgeEvent, { type: 'closed' | 'refused' }>): void {
    if (!this.live.delete(watched.info.id)) return
    const at = this.now()
    watched.info.ended = { at, code: event.code, reason: event.reason }
    // A close the page asked for is not an error; everything else is worth the teacher's eye.
    if (event.code !== 1000 && event.code !== 1001) {
      watched.lastError = { kind: 'close', at, code: event.code, reason: event.reason }
    }
    this.ended.push(watched)
    if (this.ended.length > this.keepEnded) this.ended.shift()
    this.say(watched, 'closed', at, { text: `${event.code} ${event.reason}` })
  }

  private say(
    watched: Watched,
    kind: RawFeed['kind'],
    at: number,
    what: { body?: Uint8Array; code?: string; text?: string },
  ): void {
    const { id, address, group } = watched.info
    this.feed.push({ at, connection: id, address, group, kind, ...what })
    // Trimmed in batches: a busy class adds thousands of lines a second, the teacher sees the last.
    if (this.feed.length > 4 * FEED_LENGTH) this.feed = this.feed.slice(-FEED_LENGTH)
  }
}
