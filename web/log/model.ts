// The live log's model: entries appended as they happen, framing decoders per direction, batched snapshots (no React).
import type { Framing } from '../../shared/framing.ts'
import { createProtocolPair } from '../../shared/protocols/decoders.ts'
import type { Protocol, ProtocolDecoder, ProtocolEvent } from '../../shared/protocols/types.ts'
import { DEFAULT_LIMITS, LogBudget, entryCost, type Dropped } from './budget.ts'
import type { Direction } from './decode/decode.ts'
import { MAX_KEPT, describeEvent } from './decode/protocol-view.ts'
import {
  ALL,
  type ChunkEntry,
  type Entry,
  type LogCounts,
  type LogEvent,
  type LogFilter,
  type LogSnapshot,
  type MessageEntry,
} from './entries.ts'
import { annotate, sliceChunks } from './marks.ts'
import { FilteredRows } from './rows.ts'
import { frameScheduler } from './schedule.ts'

/** Scheduling, limits and starting entries of a LogModel. */
export interface LogModelOptions {
  /** Runs a callback before a coming paint (default: an animation frame, at most every 50 ms). */
  schedule?: (callback: () => void) => void
  /** Keep at most this many entries (default 100,000). */
  maxEntries?: number
  /** Keep at most this many bytes of entries, as `entryCost` reckons them (default 64 MiB). */
  maxBytes?: number
  /** Entries to start with, e.g. restored from storage or imported; the oldest past the caps are dropped. */
  initial?: readonly Entry[]
  /** Entries already dropped before `initial` (an imported log's), counted with the model's own. */
  initialDropped?: Dropped
}

// Each direction of a connection: its decoder, stream offset, and chunks a message may still end in.
interface Stream {
  decoder: ProtocolDecoder
  offset: number
  open: number[]
}

/** The log: append entries as they happen, read a filtered snapshot at most once per frame (and 50 ms). */
export class LogModel {
  private entries: Entry[] = []
  private nextId = 1
  private chunkN = 0
  private msgN: Record<Direction, number> = { sent: 0, received: 0 }
  private framing: Framing = 'json'
  private protocol: Protocol = 'lesson'
  private streams: Record<Direction, Stream> | undefined
  private filter: LogFilter = ALL
  private readonly rows = new FilteredRows(ALL)
  private counts: LogCounts = { chunks: 0, messages: 0, events: 0, sent: 0, received: 0 }
  private readonly budget: LogBudget
  private scheduled = false
  private snapshot: LogSnapshot
  private readonly listeners = new Set<() => void>()
  private readonly messageListeners = new Set<(entry: MessageEntry) => void>()
  private readonly schedule: (callback: () => void) => void

  constructor(options: LogModelOptions = {}) {
    this.schedule = options.schedule ?? frameScheduler()
    this.budget = new LogBudget({
      maxEntries: options.maxEntries ?? DEFAULT_LIMITS.maxEntries,
      maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    })
    for (const entry of options.initial ?? []) this.adopt(entry)
    this.trim()
    this.budget.dropped.entries += options.initialDropped?.entries ?? 0
    this.budget.dropped.bytes += options.initialDropped?.bytes ?? 0
    this.snapshot = this.build(0)
  }

  /** The latest snapshot (stable between batches, as useSyncExternalStore needs). */
  getSnapshot = (): LogSnapshot => this.snapshot

  /** Called once per batch of changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Called at once for every decoded message (the scenario runner waits on these). */
  onMessage(listener: (entry: MessageEntry) => void): () => void {
    this.messageListeners.add(listener)
    return () => this.messageListeners.delete(listener)
  }

  /** Every entry held, oldest first (for persistence and tests). */
  all(): readonly Entry[] {
    return this.entries
  }

  /** Bytes the held entries are reckoned to hold (the sum of their `entryCost`), and what was dropped. */
  usage(): { held: number; dropped: Dropped } {
    return { held: this.budget.held, dropped: { ...this.budget.dropped } }
  }

  /**
   * Starts a connection: fresh decoders in both directions, stream offsets from 0. `decodeAs` picks
   * the decoders when they should differ from the port's framing (the framing lab reads naive's
   * unframed JSON as json, to show where the messages really are). `protocol` is what the target
   * speaks: another protocol than the lesson's gets that protocol's decoders (the framing is unused).
   */
  beginSession(
    target: string,
    framing: Framing,
    decodeAs: Framing = framing,
    protocol: Protocol = 'lesson',
  ): void {
    this.endSession(0)
    this.framing = decodeAs
    this.protocol = protocol
    const pair = createProtocolPair(protocol, { framing: decodeAs, maxBody: MAX_KEPT })
    const stream = (decoder: ProtocolDecoder): Stream => ({ decoder, offset: 0, open: [] })
    this.streams = { sent: stream(pair.request), received: stream(pair.response) }
    const speaks = protocol === 'lesson' ? {} : { protocol }
    this.event({ type: 'session', target, framing, ...speaks }, 0)
  }

  /** Ends the connection: a message left unfinished in either direction is reported as incomplete. */
  endSession(t: number): void {
    if (!this.streams) return
    for (const dir of ['sent', 'received'] as const) {
      for (const ev of this.streams[dir].decoder.end()) this.frame(dir, ev, t)
    }
    this.streams = undefined
  }

  /** Bytes of an unfinished message the `dir` decoder holds, as the server's own decoder holds them. */
  pending(dir: Direction): number {
    return this.streams?.[dir].decoder.pending ?? 0
  }

  /** Records a chunk and whatever messages it completes. */
  chunk(dir: Direction, given: Uint8Array, t: number): void {
    // A view into a larger buffer would keep all of it alive for as long as the entry: keep a copy.
    const bytes = given.byteLength === given.buffer.byteLength ? given : given.slice()
    const stream = this.streams?.[dir]
    const offset = stream?.offset ?? 0
    const entry: ChunkEntry = {
      kind: 'chunk',
      id: 0,
      t,
      n: ++this.chunkN,
      dir,
      bytes,
      offset,
      marks: [],
      spans: [],
    }
    this.append(entry)
    if (!stream) return
    stream.offset += bytes.length
    stream.open.push(entry.id)
    for (const ev of stream.decoder.push(bytes)) this.frame(dir, ev, t)
    // The log shows a chunk's discarded bytes with that chunk, rather than when a later '{' ends the run.
    for (const ev of stream.decoder.flush()) this.frame(dir, ev, t)
  }

  /** Records an event. */
  event(event: LogEvent, t: number): void {
    this.append({ kind: 'event', id: 0, t, event })
  }

  /** Forgets every entry (decoders keep their place in the stream). */
  clear(): void {
    this.entries = []
    this.rows.reset([], this.filter)
    this.counts = { chunks: 0, messages: 0, events: 0, sent: 0, received: 0 }
    this.budget.reset()
    if (this.streams) for (const dir of ['sent', 'received'] as const) this.streams[dir].open = []
    this.flush()
  }

  /** Changes the filter; shown at once rather than next frame, since a person clicked. */
  setFilter(change: Partial<LogFilter>): void {
    this.filter = { ...this.filter, ...change }
    this.rows.reset(this.entries, this.filter)
    this.flush()
  }

  /** Builds and publishes the snapshot now (the scheduled batch does the same). */
  flush(): void {
    this.snapshot = this.build(this.snapshot.version + 1)
    for (const listener of this.listeners) listener()
  }

  private frame(dir: Direction, ev: ProtocolEvent, t: number): void {
    const stream = this.streams?.[dir]
    const n = ev.type === 'message' ? ++this.msgN[dir] : 0
    // Every chunk a message overlaps is still open: it ends after the previous event.
    const open = (stream?.open ?? [])
      .map((id) => this.byId(id))
      .filter((c): c is ChunkEntry => c?.kind === 'chunk')
    const bytes = (start: number, end: number) => sliceChunks(open, start, end)
    const { placed, body, view } = describeEvent(this.protocol, this.framing, dir, ev, n, bytes)
    let first: number | undefined
    let last: number | undefined
    for (const chunk of open) {
      if (chunk.offset + chunk.bytes.length <= ev.start || chunk.offset >= ev.end) continue
      first ??= chunk.n
      last = chunk.n
      this.replace({ ...chunk, ...annotate(chunk, placed) })
    }
    if (stream) stream.open = stream.open.filter((id) => this.chunkEnd(id) > ev.end)
    const entry: MessageEntry = {
      kind: 'message',
      id: 0,
      t,
      n,
      dir,
      start: ev.start,
      end: ev.end,
      ...(first !== undefined && last !== undefined ? { chunks: [first, last] as const } : {}),
      body,
      view,
    }
    this.append(entry)
    for (const listener of this.messageListeners) listener(entry)
  }

  private chunkEnd(id: number): number {
    const chunk = this.byId(id)
    return chunk?.kind === 'chunk' ? chunk.offset + chunk.bytes.length : 0
  }

  private byId(id: number): Entry | undefined {
    const first = this.entries[0]
    return first ? this.entries[id - first.id] : undefined
  }

  private replace(entry: Entry): void {
    const old = this.byId(entry.id)
    if (!old) return
    this.budget.add(entryCost(entry) - entryCost(old))
    this.entries[entry.id - this.entries[0]!.id] = entry
    this.rows.replace(entry)
    this.touch()
  }

  private append(entry: Entry): void {
    entry.id = this.nextId++
    this.adopt(entry)
    this.trim()
    this.touch()
  }

  private adopt(entry: Entry): void {
    if (entry.id >= this.nextId) this.nextId = entry.id + 1
    if (entry.kind === 'chunk') this.chunkN = Math.max(this.chunkN, entry.n)
    if (entry.kind === 'message') this.msgN[entry.dir] = Math.max(this.msgN[entry.dir], entry.n)
    this.entries.push(entry)
    this.rows.add(entry)
    this.count(entry, 1)
    this.budget.add(entryCost(entry))
  }

  // Drops the oldest entries once the log passes either cap.
  private trim(): void {
    const cut = this.budget.cut(this.entries)
    if (cut === 0) return
    const gone = this.entries.splice(0, cut)
    for (const old of gone) this.count(old, -1)
    this.budget.drop(gone)
    if (this.entries[0]) this.rows.dropBefore(this.entries[0].id)
  }

  private count(entry: Entry, delta: number): void {
    const c = this.counts
    if (entry.kind === 'event') c.events += delta
    else {
      if (entry.kind === 'chunk') c.chunks += delta
      else c.messages += delta
      c[entry.dir] += delta
    }
  }

  private touch(): void {
    if (this.scheduled) return
    this.scheduled = true
    this.schedule(() => {
      this.scheduled = false
      this.flush()
    })
  }

  private build(version: number): LogSnapshot {
    return {
      version,
      visible: this.rows.snapshot(),
      total: this.entries.length,
      counts: { ...this.counts },
      filter: this.filter,
      dropped: this.budget.dropped.entries,
      droppedBytes: this.budget.dropped.bytes,
    }
  }
}
