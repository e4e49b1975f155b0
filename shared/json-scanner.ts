// The json framing's streaming scanner: finds each complete top-level {...} or [...] in a byte stream.
import type { Decoder, FrameError, FrameEvent } from './frame-types.ts'
import { Pieces } from './pieces.ts'

// Scanner states (plain numbers: the hot loop compares them per byte).
const Scan = { Between: 0, Value: 1, Garbage: 2, Dead: 3 } as const
type ScanState = (typeof Scan)[keyof typeof Scan]

const QUOTE = 0x22
const BACKSLASH = 0x5c
// How many backslashes stand right before `at`, not looking before `from`.
function backslashesBefore(chunk: Uint8Array, at: number, from: number): number {
  let k = at - 1
  while (k >= from && chunk[k] === BACKSLASH) k--
  return at - 1 - k
}
/**
 * The next quote in chunk[from, n), or -1. Most strings are short, and walking a few bytes in JS beats a
 * call to the native indexOf; past SHORT bytes the native search takes over.
 */
function nextQuote(chunk: Uint8Array, from: number, n: number): number {
  const stop = Math.min(n, from + SHORT)
  for (let k = from; k < stop; k++) if (chunk[k] === QUOTE) return k
  return stop === n ? -1 : chunk.indexOf(QUOTE, stop)
}
const SHORT = 32
const isOpen = (b: number) => b === 0x7b || b === 0x5b
const isClose = (b: number) => b === 0x7d || b === 0x5d
/** JSON whitespace: space, LF, CR, tab. */
export const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09

/** json: finds each complete top-level {...} or [...] in the stream, whatever the read boundaries. */
export class JsonScanner implements Decoder {
  readonly framing = 'json'
  private state: ScanState = Scan.Between
  private depth = 0
  private inString = false
  private escaped = false
  private start = 0
  private offset = 0
  private readonly body = new Pieces()

  constructor(private readonly max: number) {}

  get pending(): number {
    return this.body.size
  }

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = []
    const base = this.offset
    this.offset += chunk.length
    if (this.state === Scan.Dead) return events
    // The loop runs once per byte: its state lives in locals and is written back at the end.
    let state = this.state
    let depth = this.depth
    let inString = this.inString
    let escaped = this.escaped
    let from = 0 // where the current value's bytes begin within this chunk
    const n = chunk.length
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!
      if (inString) {
        if (escaped) {
          escaped = false // this byte is the escaped one
          continue
        }
        // Jump to the closing quote: a quote after an odd run of backslashes is escaped.
        let q = nextQuote(chunk, i, n)
        while (q !== -1 && backslashesBefore(chunk, q, i) % 2 === 1) q = nextQuote(chunk, q + 1, n)
        if (q === -1) {
          escaped = backslashesBefore(chunk, n, i) % 2 === 1
          i = n
        } else {
          inString = false
          i = q
        }
        continue
      }
      if (state === Scan.Value) {
        if (b === QUOTE) inString = true
        else if (isOpen(b)) depth++
        else if (isClose(b) && --depth === 0) {
          const size = this.body.size + (i + 1 - from)
          if (size > this.max) return this.die(events, base + i + 1)
          // A value read in one chunk (the common case) is a view of it, with no pieces to join.
          let body: Uint8Array
          if (this.body.size === 0) body = chunk.subarray(from, i + 1)
          else {
            this.body.add(chunk.subarray(from, i + 1))
            body = this.body.take()
          }
          events.push({
            type: 'message',
            body,
            start: this.start,
            end: base + i + 1,
          })
          state = Scan.Between
        }
      } else if (state === Scan.Between) {
        if (isSpace(b)) continue
        this.start = base + i
        if (isOpen(b)) {
          state = Scan.Value
          depth = 1
          from = i
        } else {
          state = Scan.Garbage
          inString = b === QUOTE
        }
      } else if (b === QUOTE) inString = true
      else if (isOpen(b)) {
        // Garbage ends where a value can start.
        events.push(this.error('garbage', this.start, base + i, false))
        this.start = base + i
        state = Scan.Value
        depth = 1
        from = i
      }
    }
    this.state = state
    this.depth = depth
    this.inString = inString
    this.escaped = escaped
    if (state === Scan.Value) {
      // PROTOCOL.md: 413 as soon as the limit is crossed, without buffering the rest.
      if (this.body.size + (n - from) > this.max) return this.die(events, base + n)
      this.body.add(chunk.subarray(from))
    }
    // A garbage run goes on into the next read: PROTOCOL.md answers it once, when a '{' or '[' ends it,
    // or when the caller calls flush() because the stream went quiet, or at end().
    return events
  }

  /**
   * Ends the open garbage run here (the stream went quiet: answer what came rather than wait for a '{'
   * that may never come). A run inside a string stays one until the string closes.
   */
  flush(): FrameEvent[] {
    if (this.state !== Scan.Garbage || this.offset === this.start) return []
    const events = [this.error('garbage', this.start, this.offset, false)]
    this.start = this.offset
    if (!this.inString) this.state = Scan.Between
    return events
  }

  end(): FrameEvent[] {
    if (this.state === Scan.Garbage) {
      this.state = Scan.Dead
      return this.offset > this.start ? [this.error('garbage', this.start, this.offset, false)] : []
    }
    if (this.state !== Scan.Value) return []
    this.state = Scan.Dead
    const size = this.body.size
    this.body.clear()
    return [this.error('incomplete', this.offset - size, this.offset, true)]
  }

  private die(events: FrameEvent[], at: number): FrameEvent[] {
    this.state = Scan.Dead
    this.body.clear()
    events.push(this.error('too-large', this.start, at, true))
    return events
  }

  private error(problem: FrameError['problem'], start: number, end: number, fatal: boolean) {
    return { type: 'error', problem, start, end, fatal } satisfies FrameError
  }
}
