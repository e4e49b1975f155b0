// Property-based fuzzing of the four framing decoders: chunking never changes what they find, they never
// throw, they never hold more than the limit, and an oversize message is refused as soon as it crosses it.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  FRAMINGS,
  NAIVE_READ,
  createDecoder,
  encodeFrame,
  type Decoder,
  type FrameEvent,
  type FrameMessage,
  type Framing,
} from './framing.ts'
import { corpusInput } from './fuzz-arbitraries.ts'
import { chunking, concat, splitBytes, type Chunking } from './fuzz-chunking.ts'
import type { FuzzInput } from './fuzz-requests.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const latin1 = new TextDecoder('latin1')
const REASSEMBLING = FRAMINGS.filter((f) => f !== 'naive')
// Small limits make oversize cases common and keep the corpus light.
const CORPUS = { maxMessage: 2048, maxDepth: 20_000 }
const BIG = 1 << 20

/** An event as a plain value, body as text, so two runs compare with toEqual and diffs read well. */
type Plain =
  | { type: 'message'; body: string; start: number; end: number }
  | { type: 'error'; problem: string; start: number; end: number; fatal: boolean }
const plain = (e: FrameEvent): Plain =>
  e.type === 'message'
    ? { type: 'message', body: latin1.decode(e.body), start: e.start, end: e.end }
    : { type: 'error', problem: e.problem, start: e.start, end: e.end, fatal: e.fatal }

interface Fed {
  events: FrameEvent[]
  /** decoder.pending after each push. */
  pending: number[]
}

/** Feeds the chunks one push at a time, then ends the stream. */
function feed(decoder: Decoder, chunks: readonly Uint8Array[]): Fed {
  const fed: Fed = { events: [], pending: [] }
  for (const chunk of chunks) {
    fed.events.push(...decoder.push(chunk))
    fed.pending.push(decoder.pending)
  }
  fed.events.push(...decoder.end())
  return fed
}
const run = (framing: Framing, chunks: readonly Uint8Array[], maxMessage: number) =>
  feed(createDecoder(framing, { maxMessage }), chunks).events.map(plain)

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09
const isBlank = (bytes: Uint8Array) => bytes.every(isSpace)

/**
 * Events with what legitimately depends on read boundaries taken out: a too-large error's end (it
 * comes as soon as the limit is crossed, so at the end of that read). A run of garbage is one error
 * however it was cut (the json scanner answers it when it ends).
 */
function boundaryFree(events: Plain[]): unknown[] {
  return events.map((e) =>
    e.type === 'error' && e.problem === 'too-large' ? { ...e, end: undefined } : e,
  )
}

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
function framedStream(framing: Framing) {
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

describe.each(REASSEMBLING)('%s decoder, any chunking', (framing) => {
  test('a stream of frames yields exactly those messages, offsets included, however it is cut', () => {
    fc.assert(
      fc.property(framedStream(framing), chunking, ({ stream, expected }, c) => {
        const chunks = splitBytes(stream, c)
        expect(run(framing, chunks, BIG)).toEqual(expected)
        expect(run(framing, [stream], BIG)).toEqual(expected)
      }),
      { numRuns: 150 },
    )
  })

  test('any byte stream (corpus, junk, oversize) gives the same answers cut or whole', () => {
    const item = fc.oneof(
      corpusInput(CORPUS).map((x): [FuzzInput, boolean] => [x, true]),
      corpusInput(CORPUS).map((x): [FuzzInput, boolean] => [x, false]),
    )
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 6 }),
        chunking,
        fc.integer({ min: 1, max: 4096 }),
        (items, c, max) => {
          // Some inputs are framed, some thrown in raw, to knock the framing off its boundaries.
          const stream = concat(
            items.map(([x, framed]) => (framed ? encodeFrame(framing, x.bytes) : x.bytes)),
          )
          const whole = run(framing, [stream], max)
          const cut = run(framing, splitBytes(stream, c), max)
          expect(boundaryFree(cut)).toEqual(boundaryFree(whole))
        },
      ),
      { numRuns: 150 },
    )
  })
})

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i])

/** What is wrong with a message event, given the stream it came from (undefined when nothing). */
function messageProblem(framing: Framing, stream: Uint8Array, e: FrameMessage): string | undefined {
  const { body, start, end } = e
  switch (framing) {
    case 'json':
      if (!same(body, stream.subarray(start, end))) return 'body is not the bytes at its offsets'
      if (!'{['.includes(String.fromCharCode(body[0]!))) return 'body does not open a value'
      if (!'}]'.includes(String.fromCharCode(body.at(-1)!))) return 'body does not close a value'
      return undefined
    case 'ndjson':
      if (stream[end - 1] !== 0x0a) return 'line does not end at a newline'
      if (!same(body, stream.subarray(start, end - 1))) return 'body is not the line'
      return body.includes(0x0a) ? 'body holds a newline' : undefined
    case 'length':
      if (new DataView(stream.buffer, stream.byteOffset + start, 4).getUint32(0) !== body.length)
        return 'body length is not the prefix'
      return same(body, stream.subarray(start + 4, end))
        ? undefined
        : 'body is not after its prefix'
    case 'naive':
      if (!same(body, stream.subarray(start, end))) return 'body is not the bytes at its offsets'
      return body.length > NAIVE_READ ? 'read longer than 512 bytes' : undefined
  }
}

/** Everything wrong with one decoder run over a stream, as readable lines (none when all is well). */
function runProblems(framing: Framing, stream: Uint8Array, fed: Fed, max: number): string[] {
  const problems: string[] = []
  const held = framing === 'length' ? Math.max(max, 3) : max
  let last = 0
  fed.events.forEach((e, i) => {
    const where = `event ${i} [${e.start}, ${e.end})`
    if (e.start < last) problems.push(`${where} starts before the previous one ended (${last})`)
    if (e.end < e.start || e.end > stream.length) problems.push(`${where} is outside the stream`)
    last = e.end
    if (e.type === 'message') {
      if (e.body.length > max) problems.push(`${where}: ${e.body.length} bytes over the limit`)
      const problem = messageProblem(framing, stream, e)
      if (problem) problems.push(`${where}: ${problem}`)
    } else if (e.fatal && i !== fed.events.length - 1)
      problems.push(`${where} is fatal, yet more follow`)
  })
  fed.pending.forEach((p, i) => {
    if (p > held) problems.push(`after push ${i}: pending ${p} > ${held}`)
  })
  return problems
}

describe.each(FRAMINGS)('%s decoder on hostile bytes', (framing) => {
  test('never throws; events are in order, within the stream, true to it, and none after a fatal one', () => {
    const bytes = fc.oneof(
      fc.array(corpusInput(CORPUS), { maxLength: 6 }).map((xs) => concat(xs.map((x) => x.bytes))),
      fc.uint8Array({ maxLength: 2000 }),
    )
    fc.assert(
      fc.property(bytes, chunking, fc.integer({ min: 0, max: 3000 }), (stream, c, max) => {
        const decoder = createDecoder(framing, { maxMessage: max })
        const fed = feed(decoder, splitBytes(stream, c))
        expect(runProblems(framing, stream, fed, max)).toEqual([])
        expect(decoder.end()).toEqual([])
      }),
      { numRuns: 200 },
    )
  })
})

/** The bytes that open an endless message; for length, a prefix declaring `declared` bytes. */
function endlessHead(framing: Framing, declared: number): Uint8Array {
  switch (framing) {
    case 'json':
      return utf8('{"x": "')
    case 'length': {
      const head = new Uint8Array(4)
      new DataView(head.buffer).setUint32(0, declared)
      return head
    }
    default:
      return new Uint8Array(0)
  }
}

describe.each(REASSEMBLING)('%s decoder on an endless oversize message', (framing) => {
  test('holds at most the limit, and refuses in the very read that crosses it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom(0x61, 0x5b, 0x22, 0x20),
        (max, sizes, declared, fill) => {
          const decoder = createDecoder(framing, { maxMessage: max })
          // Declared longer than all that is fed, so the message never ends.
          const head = endlessHead(framing, max + 10_000 + (declared % 1_000_000))
          let fed = 0
          let crossedAt = -1
          for (let i = 0; fed < head.length + max + 2 * 3000; i++) {
            const size = sizes[i % sizes.length]!
            const chunk = new Uint8Array(size).fill(fill)
            if (fed < head.length) chunk.set(head.subarray(fed, fed + size))
            const events = decoder.push(chunk)
            fed += size
            expect(decoder.pending).toBeLessThanOrEqual(
              framing === 'length' ? Math.max(max, 3) : max,
            )
            // length: the prefix alone says too large; json counts from '{'; ndjson counts the line.
            const crosses = framing === 'length' ? fed >= 4 : fed > max
            if (crossedAt < 0 && crosses) {
              crossedAt = i
              expect(events.map(plain)).toEqual([
                {
                  type: 'error',
                  problem: 'too-large',
                  start: 0,
                  end: framing === 'length' ? 4 : fed,
                  fatal: framing === 'json',
                },
              ])
            } else expect(events).toEqual([])
          }
          expect(crossedAt).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: 100 },
    )
  })

  test('a message of exactly the limit passes and one byte more is refused, however it is cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 12, max: 3000 }), fc.boolean(), chunking, (max, over, c) => {
        const size = max + (over ? 1 : 0)
        const body =
          framing === 'json'
            ? utf8('{"x": "' + 'a'.repeat(size - 9) + '"}')
            : new Uint8Array(size).fill(0x61)
        expect(body.length).toBe(size)
        const wire = encodeFrame(framing, body)
        const events = run(framing, splitBytes(wire, c), max)
        expect(events.map((e) => (e.type === 'message' ? e.body.length : e.problem))).toEqual([
          over ? 'too-large' : size,
        ])
      }),
      { numRuns: 100 },
    )
  })
})

describe.each(['ndjson', 'length'] as const)('%s decoder after an oversize message', (framing) => {
  test('skips exactly that message and decodes what follows, offsets included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 3000 }),
        framedStream(framing),
        chunking,
        (max, extra, { stream, expected }, c) => {
          const oversize = encodeFrame(framing, new Uint8Array(max + extra).fill(0x61))
          const wire = concat([oversize, stream])
          const events = run(framing, splitBytes(wire, c), max)
          const messages = expected
            .filter((e) => e.type === 'message' && e.body.length <= max)
            .map((e) => ({ ...e, start: e.start + oversize.length, end: e.end + oversize.length }))
          expect(events[0]).toMatchObject({ type: 'error', problem: 'too-large', start: 0 })
          expect(events.filter((e) => e.type === 'message')).toEqual(messages)
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('naive decoder', () => {
  test('each read is cut into 512-byte messages, and nothing else, for any reads', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), chunking, (stream, c: Chunking) => {
        const chunks = splitBytes(stream, c)
        const expected: Plain[] = []
        let at = 0
        for (const chunk of chunks) {
          for (let i = 0; i < chunk.length; i += NAIVE_READ) {
            const body = chunk.subarray(i, i + NAIVE_READ)
            expected.push({
              type: 'message',
              body: latin1.decode(body),
              start: at + i,
              end: at + i + body.length,
            })
          }
          at += chunk.length
        }
        expect(run('naive', chunks, 64 * 1024)).toEqual(expected)
      }),
      { numRuns: 200 },
    )
  })

  test('with a limit under 512, the first read past it is refused and the decoder stops', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 511 }),
        fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 10 }),
        (max, sizes) => {
          const chunks = sizes.map((n) => new Uint8Array(n))
          const events = run('naive', chunks, max)
          const first = sizes.findIndex((n) => Math.min(n, NAIVE_READ) > max)
          const errors = events.filter((e) => e.type === 'error')
          expect(errors).toHaveLength(first < 0 ? 0 : 1)
          if (first >= 0) expect(events.at(-1)).toMatchObject({ problem: 'too-large', fatal: true })
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe.each(FRAMINGS)(
  '%s decoder fed 64 MiB of one endless message in 64 KiB reads',
  (framing) => {
    test('refuses it within the limit plus one read and never holds more than the limit', () => {
      const max = framing === 'naive' ? 256 : 64 * 1024
      const read = 64 * 1024
      const decoder = createDecoder(framing, { maxMessage: max })
      const head = endlessHead(framing, 0xffff_ffff)
      let fed = 0
      let refusedAt = -1
      let held = 0
      for (let i = 0; i < 1024; i++) {
        // A fresh buffer per read, as a socket gives.
        const chunk = new Uint8Array(read).fill(0x61)
        if (i === 0) chunk.set(head)
        for (const e of decoder.push(chunk))
          if (e.type === 'error' && refusedAt < 0) {
            expect(e.problem).toBe('too-large')
            refusedAt = fed + chunk.length
          }
        fed += chunk.length
        held = Math.max(held, decoder.pending)
      }
      expect(refusedAt).toBeGreaterThan(0)
      expect(refusedAt).toBeLessThanOrEqual(head.length + max + read)
      expect(held).toBeLessThanOrEqual(max)
    })
  },
)
