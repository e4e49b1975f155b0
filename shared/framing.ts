// The four framings of PROTOCOL.md: an encoder and an incremental decoder each, reporting boundaries as values.
import { JsonScanner, isSpace } from './json-scanner.ts'
import { Pieces } from './pieces.ts'
import type { Decoder, FrameError, FrameEvent, Framing } from './frame-types.ts'

export { FRAMINGS } from './frame-types.ts'
export type { Decoder, FrameError, FrameEvent, FrameMessage, Framing } from './frame-types.ts'

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

export interface DecoderOptions {
  /** Largest message body accepted, in bytes (default 64 KiB). */
  maxMessage?: number
}

const NL = 0x0a
const frameError = (problem: FrameError['problem'], start: number, end: number, fatal: boolean) =>
  ({ type: 'error', problem, start, end, fatal }) satisfies FrameError

// What each framing writes around a body, one character per byte: a length's 4-byte big-endian
// prefix, ndjson's '\n'. Both encoders below are built on these two, so the framings are written once.
function headOf(framing: Framing, size: number): string {
  return framing === 'length'
    ? String.fromCharCode(size >>> 24, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff)
    : ''
}
function tailOf(framing: Framing): string {
  return framing === 'ndjson' ? '\n' : ''
}

/** Bytes of one message as that framing puts them on the wire. */
export function encodeFrame(framing: Framing, body: Uint8Array): Uint8Array {
  const head = headOf(framing, body.length)
  const tail = tailOf(framing)
  if (head === '' && tail === '') return body
  const out = new Uint8Array(head.length + body.length + tail.length)
  for (let i = 0; i < head.length; i++) out[i] = head.charCodeAt(i)
  out.set(body, head.length)
  for (let i = 0; i < tail.length; i++) out[head.length + body.length + i] = tail.charCodeAt(i)
  return out
}

/**
 * encodeFrame for a body of ASCII text (json.dumps text is), as text: one character per byte, so a
 * socket writes it as Latin-1 with no byte array per message.
 */
export function encodeFrameText(framing: Framing, text: string): string {
  return headOf(framing, text.length) + text + tailOf(framing)
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

export { concatBytes } from './pieces.ts'

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
        events.push(frameError('too-large', this.start, base + stop, false))
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

  flush(): FrameEvent[] {
    return []
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
          events.push(frameError('too-large', this.start, base + at, false))
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

  flush(): FrameEvent[] {
    return []
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
        events.push(frameError('too-large', base + at, base + at + body.length, true))
        return events
      }
      events.push({ type: 'message', body, start: base + at, end: base + at + body.length })
    }
    return events
  }

  flush(): FrameEvent[] {
    return []
  }

  end(): FrameEvent[] {
    return []
  }
}
