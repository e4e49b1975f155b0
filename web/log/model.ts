// The live log's model: entries appended as they happen, framing decoders per direction, batched snapshots (no React).
import { createDecoder, type Decoder, type FrameEvent, type Framing } from '../../shared/framing.ts'
import { decodeMessage, frameErrorView, type Direction } from './decode/decode.ts'
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
import { FilteredRows } from './rows.ts'

/** Scheduling, limits and starting entries of a LogModel. */
export interface LogModelOptions {
  /** Runs a callback before the next paint (default requestAnimationFrame). */
  schedule?: (callback: () => void) => void
  maxEntries?: number
  /** Entries to start with, e.g. restored from storage. */
  initial?: readonly Entry[]
}

// Each direction of a connection: its decoder, stream offset, and chunks a message may still end in.
interface Stream {
  decoder: Decoder
  offset: number
  open: number[]
}

const defaultSchedule = (callback: () => void) =>
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame(() => callback())
    : setTimeout(callback, 16)

/** The log: append entries as they happen, read a filtered snapshot at most once per frame. */
export class LogModel {
  private entries: Entry[] = []
  private nextId = 1
  private chunkN = 0
  private msgN: Record<Direction, number> = { sent: 0, received: 0 }
  private framing: Framing = 'json'
  private streams: Record<Direction, Stream> | undefined
  private filter: LogFilter = ALL
  private readonly rows = new FilteredRows(ALL)
  private counts: LogCounts = { chunks: 0, messages: 0, events: 0, sent: 0, received: 0 }
  private dropped = 0
  private scheduled = false
  private snapshot: LogSnapshot
  private readonly listeners = new Set<() => void>()
  private readonly messageListeners = new Set<(entry: MessageEntry) => void>()
  private readonly schedule: (callback: () => void) => void
  private readonly maxEntries: number

  constructor(options: LogModelOptions = {}) {
    this.schedule = options.schedule ?? defaultSchedule
    this.maxEntries = options.maxEntries ?? 100_000
    for (const entry of options.initial ?? []) this.adopt(entry)
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

  /**
   * Starts a connection: fresh decoders in both directions, stream offsets from 0. `decodeAs` picks
   * the decoders when they should differ from the port's framing (the framing lab reads naive's
   * unframed JSON as json, to show where the messages really are).
   */
  beginSession(target: string, framing: Framing, decodeAs: Framing = framing): void {
    this.endSession(0)
    this.framing = decodeAs
    const stream = (): Stream => ({ decoder: createDecoder(decodeAs), offset: 0, open: [] })
    this.streams = { sent: stream(), received: stream() }
    this.event({ type: 'session', target, framing }, 0)
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
  chunk(dir: Direction, bytes: Uint8Array, t: number): void {
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
    this.dropped = 0
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

  private frame(dir: Direction, ev: FrameEvent, t: number): void {
    const stream = this.streams?.[dir]
    const n = ev.type === 'message' ? ++this.msgN[dir] : 0
    let first: number | undefined
    let last: number | undefined
    for (const id of stream?.open ?? []) {
      const chunk = this.byId(id)
      if (chunk?.kind !== 'chunk') continue
      const from = chunk.offset
      const to = chunk.offset + chunk.bytes.length
      if (to <= ev.start || from >= ev.end) continue
      first ??= chunk.n
      last = chunk.n
      this.replace({ ...chunk, ...this.annotate(chunk, ev, n) })
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
      body: ev.type === 'message' ? ev.body : new Uint8Array(0),
      view: ev.type === 'message' ? decodeMessage(dir, ev.body) : frameErrorView(ev),
    }
    this.append(entry)
    for (const listener of this.messageListeners) listener(entry)
  }

  // The marks and spans a frame event adds to one chunk it overlaps.
  private annotate(
    chunk: ChunkEntry,
    ev: FrameEvent,
    n: number,
  ): Pick<ChunkEntry, 'marks' | 'spans'> {
    const base = chunk.offset
    const size = chunk.bytes.length
    const clip = (x: number) => Math.min(size, Math.max(0, x - base))
    const marks = [...chunk.marks]
    const spans = [...chunk.spans]
    if (ev.type === 'error') {
      spans.push({ from: clip(ev.start), to: clip(ev.end), role: 'rejected' })
      return { marks, spans }
    }
    if (ev.start >= base) marks.push({ at: ev.start - base, edge: 'start', msg: n })
    if (ev.end <= base + size) marks.push({ at: ev.end - base, edge: 'end', msg: n })
    // Framing bytes: the length prefix before the body, or the newline after it.
    const extra = ev.end - ev.start - ev.body.length
    if (extra > 0 && this.framing === 'length') {
      spans.push({ from: clip(ev.start), to: clip(ev.start + extra), role: 'frame' })
    } else if (extra > 0) {
      spans.push({ from: clip(ev.end - extra), to: clip(ev.end), role: 'frame' })
    }
    return { marks, spans: spans.filter((s) => s.to > s.from) }
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
    const first = this.entries[0]
    if (first) this.entries[entry.id - first.id] = entry
    this.rows.replace(entry)
    this.touch()
  }

  private append(entry: Entry): void {
    entry.id = this.nextId++
    this.adopt(entry)
    if (this.entries.length > this.maxEntries) {
      // Drop a tenth at once, so trimming costs O(1) per entry on average.
      const cut = Math.ceil(this.maxEntries / 10)
      for (const old of this.entries.slice(0, cut)) this.count(old, -1)
      this.entries.splice(0, cut)
      this.dropped += cut
      if (this.entries[0]) this.rows.dropBefore(this.entries[0].id)
    }
    this.touch()
  }

  private adopt(entry: Entry): void {
    if (entry.id >= this.nextId) this.nextId = entry.id + 1
    if (entry.kind === 'chunk') this.chunkN = Math.max(this.chunkN, entry.n)
    if (entry.kind === 'message') this.msgN[entry.dir] = Math.max(this.msgN[entry.dir], entry.n)
    this.entries.push(entry)
    this.rows.add(entry)
    this.count(entry, 1)
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
      dropped: this.dropped,
    }
  }
}
