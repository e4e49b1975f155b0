// Property-based fuzzing of the four framing decoders: chunking never changes what they find, they never
// throw or hold more than the limit, and naive cuts each read into 512-byte messages.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  FRAMINGS,
  NAIVE_READ,
  createDecoder,
  encodeFrame,
  type FrameMessage,
  type Framing,
} from './framing.ts'
import { corpusInput } from './fuzz-arbitraries.ts'
import { chunking, concat, splitBytes, type Chunking } from './fuzz-chunking.ts'
import {
  BIG,
  CORPUS,
  REASSEMBLING,
  feed,
  framedStream,
  latin1,
  run,
  type Fed,
  type Plain,
} from './fuzz-framing.ts'
import type { FuzzInput } from './fuzz-requests.ts'

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
