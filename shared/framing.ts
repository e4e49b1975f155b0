// The four framings of PROTOCOL.md: an encoder and an incremental decoder each, reporting boundaries as values.

/** The framing names, in port order (3213 json, 3214 ndjson, 3215 length, 3216 naive). */
export const FRAMINGS = ['json', 'ndjson', 'length', 'naive'] as const
export type Framing = (typeof FRAMINGS)[number]

/** The default port of each framing. */
export const DEFAULT_PORTS: Readonly<Record<Framing, number>> = {
  json: 3213,
  ndjson: 3214,
  length: 3215,
  naive: 3216,
}

/** The lesson server's read size, which the naive framing reproduces. */
export const NAIVE_READ = 512
/** Default maximum message size: 64 KiB. */
export const DEFAULT_MAX_MESSAGE = 64 * 1024

/** One complete message; offsets count bytes from the start of the stream (end exclusive, prefix included). */
export interface FrameMessage {
  type: 'message'
  body: Uint8Array
  start: number
  end: number
}

/**
 * Bytes that are not a message. `garbage`: bytes that cannot start a JSON value (json framing);
 * `too-large`: past the size limit, `fatal` when the framing cannot resynchronise (json, naive);
 * `incomplete`: the stream ended inside a message.
 */
export interface FrameError {
  type: 'error'
  problem: 'garbage' | 'too-large' | 'incomplete'
  start: number
  end: number
  fatal: boolean
}

export type FrameEvent = FrameMessage | FrameError

/** An incremental decoder: feed it chunks as they arrive, in any sizes; `end()` at end of stream. */
export interface Decoder {
  readonly framing: Framing
  push(chunk: Uint8Array): FrameEvent[]
  end(): FrameEvent[]
  /** Bytes held for a message not yet complete. */
  readonly pending: number
}

export interface DecoderOptions {
  /** Largest message body accepted, in bytes (default 64 KiB). */
  maxMessage?: number
}

const NL = 0x0a

/** Bytes of one message as that framing puts them on the wire. */
export function encodeFrame(framing: Framing, body: Uint8Array): Uint8Array {
  switch (framing) {
    case 'json':
    case 'naive':
      return body
    case 'ndjson': {
      const out = new Uint8Array(body.length + 1)
      out.set(body)
      out[body.length] = NL
      return out
    }
    case 'length': {
      const out = new Uint8Array(body.length + 4)
      new DataView(out.buffer).setUint32(0, body.length)
      out.set(body, 4)
      return out
    }
  }
}

/** A new decoder for a framing. */
export function createDecoder(framing: Framing, options: DecoderOptions = {}): Decoder {
  const max = options.maxMessage ?? DEFAULT_MAX_MESSAGE
  switch (framing) {
    case 'json':
      return new JsonScanner(max)
    case 'ndjson':
      return new LineDecoder(max)
    case 'length':
      return new LengthDecoder(max)
    case 'naive':
      return new NaiveDecoder(max)
  }
}

/** Joins chunk views into one array (no copy for a single part). */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const size = total ?? parts.reduce((n, p) => n + p.length, 0)
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

// Holds the pieces of the message being assembled, so complete messages are copied once at most.
class Pieces {
  parts: Uint8Array[] = []
  size = 0
  add(p: Uint8Array): void {
    if (p.length === 0) return
    this.parts.push(p)
    this.size += p.length
  }
  take(): Uint8Array {
    const out = concatBytes(this.parts, this.size)
    this.parts = []
    this.size = 0
    return out
  }
  clear(): void {
    this.parts = []
    this.size = 0
  }
}

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
const isOpen = (b: number) => b === 0x7b || b === 0x5b
const isClose = (b: number) => b === 0x7d || b === 0x5d
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09

// json: finds each complete top-level {...} or [...] in the stream, whatever the read boundaries.
class JsonScanner implements Decoder {
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
        // Jump to the closing quote natively: a quote after an odd run of backslashes is escaped.
        let q = chunk.indexOf(QUOTE, i)
        while (q !== -1 && backslashesBefore(chunk, q, i) % 2 === 1) q = chunk.indexOf(QUOTE, q + 1)
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
    } else if (state === Scan.Garbage) {
      // Answer the garbage seen so far now rather than wait for a '{' that may never come.
      events.push(this.error('garbage', this.start, base + n, false))
      this.start = base + n
      if (!inString) this.state = Scan.Between
    }
    return events
  }

  end(): FrameEvent[] {
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

// ndjson: one value per '\n'-terminated line; empty (or blank) lines are ignored.
class LineDecoder implements Decoder {
  readonly framing = 'ndjson'
  private readonly line = new Pieces()
  private offset = 0
  private start = 0
  private skipping = false

  constructor(private readonly max: number) {}

  get pending(): number {
    return this.line.size
  }

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = []
    const base = this.offset
    this.offset += chunk.length
    let from = 0
    while (from < chunk.length) {
      const nl = chunk.indexOf(NL, from)
      const stop = nl === -1 ? chunk.length : nl
      if (this.skipping) {
        if (nl === -1) break
        this.skipping = false
        this.start = base + nl + 1
        from = nl + 1
        continue
      }
      // The limit counts the line without its '\n'.
      if (this.line.size + (stop - from) > this.max) {
        events.push({
          type: 'error',
          problem: 'too-large',
          start: this.start,
          end: base + stop,
          fatal: false,
        })
        this.line.clear()
        this.skipping = nl === -1
        this.start = base + stop + 1
        from = stop + 1
        continue
      }
      this.line.add(chunk.subarray(from, stop))
      if (nl === -1) break
      const body = this.line.take()
      if (!isBlank(body))
        events.push({ type: 'message', body, start: this.start, end: base + nl + 1 })
      this.start = base + nl + 1
      from = nl + 1
    }
    return events
  }

  end(): FrameEvent[] {
    const size = this.line.size
    const body = this.line.take()
    if (size === 0 || isBlank(body)) return []
    return [
      { type: 'error', problem: 'incomplete', start: this.start, end: this.offset, fatal: true },
    ]
  }
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (!isSpace(b)) return false
  return true
}

// length: a 4-byte big-endian unsigned length, then that many bytes.
class LengthDecoder implements Decoder {
  readonly framing = 'length'
  private readonly header = new Uint8Array(4)
  private headerFill = 0
  private need = 0 // body bytes still expected (reading) or to discard (skipping)
  private skipping = false
  private readonly body = new Pieces()
  private offset = 0
  private start = 0

  constructor(private readonly max: number) {}

  get pending(): number {
    return this.headerFill + this.body.size
  }

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = []
    const base = this.offset
    this.offset += chunk.length
    let at = 0
    while (at < chunk.length) {
      if (this.need === 0 && !this.skipping && this.body.size === 0) {
        // Reading a header.
        if (this.headerFill === 0) this.start = base + at
        const take = Math.min(4 - this.headerFill, chunk.length - at)
        this.header.set(chunk.subarray(at, at + take), this.headerFill)
        this.headerFill += take
        at += take
        if (this.headerFill < 4) break
        this.headerFill = 0
        const declared = new DataView(this.header.buffer).getUint32(0)
        if (declared > this.max) {
          // PROTOCOL.md: answer 413 at once, then skip the declared bytes and continue.
          events.push({
            type: 'error',
            problem: 'too-large',
            start: this.start,
            end: base + at,
            fatal: false,
          })
          this.skipping = declared > 0
          this.need = declared
          continue
        }
        if (declared === 0) {
          events.push({
            type: 'message',
            body: new Uint8Array(0),
            start: this.start,
            end: base + at,
          })
          continue
        }
        this.need = declared
        continue
      }
      const take = Math.min(this.need, chunk.length - at)
      if (!this.skipping) this.body.add(chunk.subarray(at, at + take))
      this.need -= take
      at += take
      if (this.need > 0) break
      if (this.skipping) this.skipping = false
      else
        events.push({ type: 'message', body: this.body.take(), start: this.start, end: base + at })
    }
    return events
  }

  end(): FrameEvent[] {
    const partial = this.headerFill > 0 || (this.need > 0 && !this.skipping)
    this.body.clear()
    this.headerFill = 0
    this.need = 0
    if (!partial) return []
    return [
      { type: 'error', problem: 'incomplete', start: this.start, end: this.offset, fatal: true },
    ]
  }
}

// naive: every read of at most 512 bytes is one message, as the lesson's recv(512) does.
class NaiveDecoder implements Decoder {
  readonly framing = 'naive'
  readonly pending = 0
  private offset = 0
  private dead = false

  constructor(private readonly max: number) {}

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = []
    const base = this.offset
    this.offset += chunk.length
    if (this.dead) return events
    for (let at = 0; at < chunk.length; at += NAIVE_READ) {
      const body = chunk.subarray(at, Math.min(at + NAIVE_READ, chunk.length))
      if (body.length > this.max) {
        this.dead = true
        events.push({
          type: 'error',
          problem: 'too-large',
          start: base + at,
          end: base + at + body.length,
          fatal: true,
        })
        return events
      }
      events.push({ type: 'message', body, start: base + at, end: base + at + body.length })
    }
    return events
  }

  end(): FrameEvent[] {
    return []
  }
}
