// What the framing fuzz tests share: decoder runs as plain values, and streams of frames whose messages
// and offsets are known from their construction.
import fc from 'fast-check'
import {
  FRAMINGS,
  createDecoder,
  encodeFrame,
  type Decoder,
  type FrameEvent,
  type Framing,
} from './framing.ts'
import { corpusInput } from './fuzz-arbitraries.ts'
import { concat } from './fuzz-chunking.ts'

/** UTF-8 bytes of a string. */
export const utf8 = (s: string) => new TextEncoder().encode(s)
/** Bytes as text, one character per byte. */
export const latin1 = new TextDecoder('latin1')
/** The framings that reassemble messages across reads (all but naive). */
export const REASSEMBLING = FRAMINGS.filter((f) => f !== 'naive')
/** Small limits make oversize cases common and keep the corpus light. */
export const CORPUS = { maxMessage: 2048, maxDepth: 20_000 }
/** A limit no test message reaches. */
export const BIG = 1 << 20

/** An event as a plain value, body as text, so two runs compare with toEqual and diffs read well. */
export type Plain =
  | { type: 'message'; body: string; start: number; end: number }
  | { type: 'error'; problem: string; start: number; end: number; fatal: boolean }
/** An event as a Plain value. */
export const plain = (e: FrameEvent): Plain =>
  e.type === 'message'
    ? { type: 'message', body: latin1.decode(e.body), start: e.start, end: e.end }
    : { type: 'error', problem: e.problem, start: e.start, end: e.end, fatal: e.fatal }

/** What a decoder gave for a stream fed in chunks. */
export interface Fed {
  events: FrameEvent[]
  /** decoder.pending after each push. */
  pending: number[]
}

/** Feeds the chunks one push at a time, then ends the stream. */
export function feed(decoder: Decoder, chunks: readonly Uint8Array[]): Fed {
  const fed: Fed = { events: [], pending: [] }
  for (const chunk of chunks) {
    fed.events.push(...decoder.push(chunk))
    fed.pending.push(decoder.pending)
  }
  fed.events.push(...decoder.end())
  return fed
}
/** The events, as Plain values, of a new decoder fed `chunks` then ended. */
export const run = (framing: Framing, chunks: readonly Uint8Array[], maxMessage: number) =>
  feed(createDecoder(framing, { maxMessage }), chunks).events.map(plain)

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09
const isBlank = (bytes: Uint8Array) => bytes.every(isSpace)

/** A body each reassembling framing carries as exactly one message. */
function carriedBody(framing: Framing): fc.Arbitrary<Uint8Array> {
  const corpus = corpusInput(CORPUS).map((x) => x.bytes)
  switch (framing) {
    case 'json':
      // One top-level object or array: its brackets delimit it, whatever is inside the strings.
      return fc.oneof(
        corpusInput(CORPUS)
          .filter(
            (x) => x.kind === 'valid' || x.kind === 'duplicate-key' || x.kind === 'wrong-type',
          )
          .map((x) => x.bytes),
        fc
          .jsonValue({ maxDepth: 4 })
          .filter((v) => typeof v === 'object' && v !== null)
          .map((v) => utf8(JSON.stringify(v))),
      )
    case 'ndjson':
      // Any line: no '\n' in it, and not blank (blank lines are skipped by design).
      return corpus.map((b) => b.filter((x) => x !== 0x0a)).filter((b) => !isBlank(b))
    default:
      return corpus
  }
}

/** Frames and what the decoder must report for them: bodies and offsets, from the construction. */
export function framedStream(framing: Framing) {
  const gap = framing === 'json' ? fc.constantFrom('', ' ', '\n', '\r\n\t ') : fc.constant('')
  return fc.array(fc.tuple(carriedBody(framing), gap), { maxLength: 8 }).map((frames) => {
    const parts: Uint8Array[] = []
    const expected: Plain[] = []
    let at = 0
    for (const [body, space] of frames) {
      const wire = encodeFrame(framing, body)
      const skip = utf8(space)
      expected.push({
        type: 'message',
        body: latin1.decode(body),
        start: at + skip.length,
        end: at + skip.length + wire.length,
      })
      parts.push(skip, wire)
      at += skip.length + wire.length
    }
    return { stream: concat(parts), expected }
  })
}
