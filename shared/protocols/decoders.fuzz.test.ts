// Property-based fuzzing of every protocol decoder: random and protocol-flavoured bytes never throw, any
// chunking gives the same events as one push, events are ordered and inside the stream, memory is bounded.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { FRAMINGS } from '../framing.ts'
import { chunking, concat, splitBytes } from '../fuzz-chunking.ts'
import { createProtocolDecoder } from './decoders.ts'
import { feed, plain, utf8 } from './test-feed.ts'
import type { Direction, Protocol, ProtocolEvent, ProtocolOptions } from './types.ts'

// Tokens each protocol's parser branches on, so random soups reach deep states, not just the first byte.
const SOUPS: Record<Protocol, string[]> = {
  http: [
    'GET / HTTP/1.1',
    'HTTP/1.1 200 OK',
    'HTTP/1.0 101 X',
    'HTTP/1.1 204 ',
    'POST /x HTTP/1.1',
    '\r\n',
    '\n',
    '\r\n\r\n',
    'Content-Length: ',
    'Transfer-Encoding: chunked',
    'Transfer-Encoding: gzip',
    'Host: a',
    ' folded',
    ': ',
    '0',
    '1',
    '5',
    'a',
    'ff',
    ';ext=1',
    '0\r\n\r\n',
    'X: y',
    ' ',
    '\t',
    ',',
  ],
  resp: [
    '*',
    '$',
    '+',
    '-',
    ':',
    '%',
    '~',
    '>',
    '|',
    '_',
    '#',
    't',
    ',',
    '(',
    '=',
    '!',
    '\r\n',
    '\n',
    '\r',
    '0',
    '1',
    '2',
    '3',
    '-1',
    '12',
    'txt:',
    'a',
    'PING',
    ' ',
    '"',
    "'",
    '\\',
    '\\x4',
    '?',
  ],
  lines: ['\r\n', '\n', '\r', 'HELO a', '250 OK', ' ', 'é'],
  lesson: ['{', '}', '[', ']', '"', '\\', ':', ',', ' ', '\n', 'a', '\x00\x00\x00\x05'],
  raw: ['x'],
}

const soup = (protocol: Protocol) =>
  fc.array(fc.constantFrom(...SOUPS[protocol]), { maxLength: 80 }).map((t) => utf8(t.join('')))
const stream = (protocol: Protocol) =>
  fc.array(fc.oneof(soup(protocol), fc.uint8Array({ maxLength: 40 })), { maxLength: 6 }).map(concat)

interface Case {
  protocol: Protocol
  direction: Direction
  options: ProtocolOptions
}
const CASES: Case[] = [
  ...(['request', 'response'] as const).flatMap((direction) =>
    (['http', 'resp', 'lines', 'raw'] as const).map((protocol) => ({
      protocol,
      direction,
      options: {},
    })),
  ),
  ...FRAMINGS.map((framing) => ({
    protocol: 'lesson' as const,
    direction: 'request' as const,
    options: { framing },
  })),
]
const name = (c: Case) =>
  `${c.protocol} ${c.direction}${c.options.framing ? ` ${c.options.framing}` : ''}`

/**
 * The most a decoder may hold: HTTP a head (or a chunk line, up to 4 KiB) and a body preview; RESP past
 * its limit a length line (17 bytes); the length framing its 4-byte prefix; the others one message.
 */
function bound(c: Case, max: number): number {
  if (c.protocol === 'http') return Math.max(max, 4096) + max
  if (c.protocol === 'resp') return Math.max(max, 17)
  return c.options.framing === 'length' ? Math.max(max, 3) : max
}

/** What is wrong with the events of a stream of `length` bytes (undefined when nothing). */
function orderProblem(events: ProtocolEvent[], length: number): string | undefined {
  let at = 0
  let fatal = false
  for (const e of events) {
    if (fatal) return 'an event after a fatal error'
    if (e.start < at) return `event at ${e.start} overlaps the previous one (ends ${at})`
    if (e.end < e.start || e.end > length) return `bad range ${e.start}-${e.end} in ${length} bytes`
    if (e.type === 'message' && e.end === e.start) return 'an empty message'
    if (e.type === 'message')
      for (const f of e.frame)
        if (f.start < e.start || f.end > e.end || f.end < f.start)
          return 'a frame range outside its message'
    at = e.end
    fatal = e.type === 'error' && e.fatal
  }
  return undefined
}

/** A case's bytes, a way to cut them, and a limit: what both fuzzed suites below draw. */
const fuzzed = (c: Case) =>
  [stream(c.protocol), chunking, fc.integer({ min: 1, max: 300 })] as const
/** A new decoder for a case, every limit at `max` and nesting at 8. */
const decoderFor = (c: Case, max: number) =>
  createProtocolDecoder(c.protocol, c.direction, {
    ...c.options,
    maxMessage: max,
    maxBody: max,
    maxDepth: 8,
  })

describe.each(CASES.map((c) => [name(c), c] as const))('%s decoder, fuzzed', (_, c) => {
  test('any bytes: no throw, events ordered and inside the stream, nothing after a fatal error', () => {
    fc.assert(
      fc.property(...fuzzed(c), (bytes, cut, max) => {
        const { events, pending } = feed(decoderFor(c, max), splitBytes(bytes, cut))
        expect(orderProblem(events, bytes.length)).toBeUndefined()
        for (const p of pending) expect(p).toBeLessThanOrEqual(bound(c, max))
      }),
      { numRuns: 200 },
    )
  })
})

// The lesson's framings report some errors where a read ends (framing.fuzz.test.ts covers them).
const EXACT = CASES.filter((c) => c.protocol !== 'lesson')
describe.each(EXACT.map((c) => [name(c), c] as const))('%s decoder, any chunking', (_, c) => {
  test('gives exactly the events of one push', () => {
    fc.assert(
      fc.property(...fuzzed(c), (bytes, cut, max) => {
        const whole = feed(decoderFor(c, max), [bytes]).events
        const split = feed(decoderFor(c, max), splitBytes(bytes, cut)).events
        expect(plain(split)).toEqual(plain(whole))
      }),
      { numRuns: 200 },
    )
  })
})

// An endless message's first bytes, per case: what follows is 'a' forever.
const ENDLESS: [string, Protocol, Direction, string][] = [
  [
    'an HTTP body of declared length',
    'http',
    'response',
    'HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n',
  ],
  ['an HTTP body until close', 'http', 'response', 'HTTP/1.1 200 OK\r\n\r\n'],
  [
    'an HTTP chunk',
    'http',
    'request',
    'PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n',
  ],
  ['an HTTP head', 'http', 'request', 'GET / HTTP/1.1\r\nX: '],
  ['a RESP bulk string', 'resp', 'response', '*2\r\n$999999999999\r\n'],
  ['a RESP simple string', 'resp', 'response', '+'],
  ['an inline command', 'resp', 'request', 'SET k '],
  ['a line', 'lines', 'response', ''],
]

describe.each(ENDLESS)('fed 16 MiB of %s in 64 KiB reads', (_, protocol, direction, head) => {
  test('holds no more than its limits, and reports a too-large value at most once', () => {
    const options = { maxMessage: 64 * 1024, maxBody: 64 * 1024 }
    const decoder = createProtocolDecoder(protocol, direction, options)
    let held = 0
    let errors = 0
    for (let i = 0; i < 256; i++) {
      // A fresh buffer per read, as a socket gives.
      const chunk = new Uint8Array(64 * 1024).fill(0x61)
      if (i === 0) chunk.set(utf8(head))
      for (const e of decoder.push(chunk)) {
        expect(e).toMatchObject({ type: 'error', problem: 'too-large' })
        errors++
      }
      held = Math.max(held, decoder.pending)
    }
    expect(errors).toBeLessThanOrEqual(1)
    expect(held).toBeLessThanOrEqual(protocol === 'http' ? 4096 + 2 * 64 * 1024 : 64 * 1024)
  })
})

describe('lines decoder, generated dialogues', () => {
  const line = fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/[\n\r]/g, ' '))
  const terminator = fc.constantFrom('\r\n', '\n')
  test('each line is one message with its text, terminator and exact range, however cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, terminator), { maxLength: 10 }),
        fc.option(line),
        chunking,
        (lines, last, cut) => {
          const expected: unknown[] = []
          let text = ''
          for (const [l, t] of [...lines, ...(last ? [[last, ''] as const] : [])]) {
            const start = utf8(text).length
            text += l + t
            expected.push([
              new TextDecoder().decode(utf8(l)),
              t === '\r\n' ? 'crlf' : t === '\n' ? 'lf' : 'none',
              start,
              utf8(text).length,
            ])
          }
          const events = feed(
            createProtocolDecoder('lines', 'response'),
            splitBytes(utf8(text), cut),
          ).events
          expect(
            events.map(
              (e) =>
                e.type === 'message' &&
                e.message.protocol === 'lines' && [
                  e.message.text,
                  e.message.terminator,
                  e.start,
                  e.end,
                ],
            ),
          ).toEqual(expected)
        },
      ),
      { numRuns: 150 },
    )
  })
})
