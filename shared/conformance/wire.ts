// One connection's received bytes, cut into answers by the run's framing and read one answer at a time.
import { createDecoder, type Decoder, type Framing } from '../framing.ts'
import { isSpace } from '../json-scanner.ts'
import { concatBytes } from '../pieces.ts'
import type { Clock, ConnEnd, ConnEvents } from './types.ts'

/** How reading one answer ended, with the bytes that make it (framing included). */
export type Received =
  | { outcome: 'answer'; bytes: Uint8Array; early: boolean }
  /** timeout: nothing came; incomplete: bytes came, then silence, and they never made an answer. */
  | { outcome: 'timeout' | 'incomplete'; bytes: Uint8Array }
  | { outcome: 'closed'; bytes: Uint8Array; end: ConnEnd }

interface Queued {
  /** Stream offset just past the answer. */
  end: number
  /** How many steps had finished writing when it arrived. */
  serial: number
}

/** The default clock: the host's timers. */
export const SYSTEM_CLOCK: Clock = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
}

/** Reads answers off one connection; `events` is what the transport reports to. */
export class Wire {
  private chunks: Uint8Array[] = []
  /** Stream offset of chunks[0]'s first byte, of the first byte not yet read, and past the last byte. */
  private held = 0
  private read = 0
  private received = 0
  private decoder!: Decoder
  private decoderBase = 0
  private queue: Queued[] = []
  private ended: ConnEnd | undefined
  private writes = 0
  private lastData = 0
  private wake: (() => void) | undefined

  constructor(
    private readonly framing: Framing,
    private readonly clock: Clock,
    private readonly onData?: (chunk: Uint8Array) => void,
  ) {
    this.reset()
  }

  /** What the transport calls. */
  readonly events: ConnEvents = {
    data: (chunk) => {
      if (this.ended) return
      const copy = chunk.slice()
      this.chunks.push(copy)
      this.received += copy.length
      this.lastData = this.clock.now()
      this.onData?.(copy)
      for (const event of this.decoder.push(copy)) {
        if (event.type === 'message') {
          this.queue.push({ end: this.decoderBase + event.end, serial: this.writes })
        }
      }
      this.wake?.()
    },
    closed: (end) => {
      if (this.ended) return
      this.ended = end
      this.wake?.()
    },
  }

  /** True once the connection has closed (answers already received can still be read). */
  get closed(): boolean {
    return this.ended !== undefined
  }

  /** How many complete answers are waiting to be read. */
  get queued(): number {
    return this.queue.length
  }

  /** A step finished writing: answers from now on are not early. */
  wrote(): void {
    this.writes++
  }

  /** Discards whatever arrived and was not read (left over from earlier steps); returns it, if any. */
  drain(): Uint8Array | undefined {
    if (this.received === this.read) return undefined
    const stray = this.takeUpTo(this.received)
    this.reset()
    return stray
  }

  /** The next answer; waits at most `timeoutMs`, or `quietMs` of silence after a partial answer. */
  async next(timeoutMs: number, quietMs: number): Promise<Received> {
    const start = this.clock.now()
    for (;;) {
      const queued = this.queue.shift()
      if (queued) {
        const bytes = this.takeUpTo(this.withTrailingSpace(queued.end))
        return { outcome: 'answer', bytes, early: queued.serial < this.writes }
      }
      const pending = this.received > this.read
      if (this.ended)
        return { outcome: 'closed', bytes: this.takeUpTo(this.received), end: this.ended }
      const now = this.clock.now()
      const quietEnds = pending ? this.lastData + quietMs : Infinity
      if (now - start >= timeoutMs || now >= quietEnds) {
        if (!pending) return { outcome: 'timeout', bytes: new Uint8Array(0) }
        const bytes = this.takeUpTo(this.received)
        // The partial answer may hold the decoder mid-message; the next answer starts afresh.
        this.reset()
        return { outcome: 'incomplete', bytes }
      }
      await this.sleep(Math.min(start + timeoutMs, quietEnds) - now)
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.clock.clear(timer)
        this.wake = undefined
        resolve()
      }
      const timer = this.clock.set(done, Math.max(0, ms))
      this.wake = done
    })
  }

  // json and naive answers carry nothing after the JSON; a newline right after one belongs to it, so
  // that the diagnosis can name it (an ndjson habit) instead of blaming the next answer.
  private withTrailingSpace(end: number): number {
    if (this.framing !== 'json' && this.framing !== 'naive') return end
    const next = this.queue[0]?.end ?? this.received
    let at = end
    while (at < next && isSpace(this.byteAt(at))) at++
    return at
  }

  private byteAt(offset: number): number {
    let base = this.held
    for (const chunk of this.chunks) {
      if (offset < base + chunk.length) return chunk[offset - base]!
      base += chunk.length
    }
    return -1
  }

  /** Bytes from the read position up to `end`, which becomes the read position. */
  private takeUpTo(end: number): Uint8Array {
    const parts: Uint8Array[] = []
    let base = this.held
    for (const chunk of this.chunks) {
      const from = Math.max(this.read, base) - base
      const to = Math.min(end, base + chunk.length) - base
      if (to > from) parts.push(chunk.subarray(from, to))
      base += chunk.length
    }
    this.read = end
    // Drop the chunks wholly read, so a long run holds only what is still unread.
    while (this.chunks.length > 0 && this.held + this.chunks[0]!.length <= this.read) {
      this.held += this.chunks.shift()!.length
    }
    return parts.length === 0 ? new Uint8Array(0) : concatBytes(parts).slice()
  }

  private reset(): void {
    // Answers are never refused for size here: the reader must see whatever the server sends.
    this.decoder = createDecoder(this.framing === 'naive' ? 'json' : this.framing, {
      maxMessage: 2 ** 32,
    })
    this.decoderBase = this.received
    this.queue = []
  }
}
