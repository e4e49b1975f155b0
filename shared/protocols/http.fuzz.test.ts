// Generated HTTP/1.1 exchanges: each message comes back whole, with its exact byte ranges, however cut.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { chunking, concat, splitBytes } from '../fuzz-chunking.ts'
import { createProtocolDecoder } from './decoders.ts'
import type { HttpHeader } from './http-head.ts'
import { feed, plain, utf8 } from './test-feed.ts'

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/)
const header = fc.record({
  name: token.filter((n) => !['content-length', 'transfer-encoding'].includes(n.toLowerCase())),
  value: fc.stringMatching(/^([!-~]([ !-~]{0,20}[!-~])?)?$/),
})
const headers = fc.array(header, { maxLength: 4 })
const bytes = fc.uint8Array({ minLength: 1, maxLength: 30 })

type Body =
  | { kind: 'none' }
  | { kind: 'length'; data: Uint8Array }
  | { kind: 'chunked'; chunks: [Uint8Array, string][]; trailers: HttpHeader[]; upper: boolean }
  | { kind: 'close'; data: Uint8Array }
const chunked = fc.record({
  kind: fc.constant('chunked' as const),
  chunks: fc.array(fc.tuple(bytes, fc.constantFrom('', ';a=b', ';x', ' ;q="v"')), { maxLength: 4 }),
  trailers: headers,
  upper: fc.boolean(),
})
const length = fc.record({
  kind: fc.constant('length' as const),
  data: fc.uint8Array({ maxLength: 30 }),
})

interface Message {
  line: string
  headers: HttpHeader[]
  body: Body
  eol: '\r\n' | '\n'
}
const eol = fc.constantFrom('\r\n' as const, '\r\n' as const, '\n' as const)
const request = fc.record({
  line: fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'X-Custom'),
      fc.stringMatching(/^\/[a-z0-9/?=&%.-]{0,20}$/),
      fc.constantFrom('1.1', '1.0'),
    )
    .map(([m, t, v]) => `${m} ${t} HTTP/${v}`),
  headers,
  body: fc.oneof(fc.constant({ kind: 'none' as const }), length, chunked),
  eol,
})
const status = fc.integer({ min: 200, max: 599 }).filter((s) => s !== 204 && s !== 304)
const response = fc.record({
  line: fc
    .tuple(status, fc.stringMatching(/^[ -~]{0,20}$/))
    .map(([s, r]) => `HTTP/1.1 ${s}${r === '' ? '' : ' ' + r}`),
  headers,
  body: fc.oneof(length, chunked),
  eol,
})

/** A message's bytes, with the head's length, written independently of the decoder. */
function encode(m: Message): {
  wire: Uint8Array
  head: number
  body: Uint8Array
  trailers: HttpHeader[]
} {
  const lines = (hs: HttpHeader[]) => hs.map((h) => `${h.name}: ${h.value}${m.eol}`).join('')
  const b = m.body
  const framing =
    b.kind === 'length'
      ? `Content-Length: ${b.data.length}${m.eol}`
      : b.kind === 'chunked'
        ? `Transfer-Encoding: chunked${m.eol}`
        : ''
  const head = utf8(m.line + m.eol + lines(m.headers) + framing + m.eol)
  if (b.kind === 'none')
    return { wire: head, head: head.length, body: new Uint8Array(0), trailers: [] }
  if (b.kind !== 'chunked')
    return { wire: concat([head, b.data]), head: head.length, body: b.data, trailers: [] }
  const size = (n: number) => (b.upper ? n.toString(16).toUpperCase() : n.toString(16))
  const parts = b.chunks.flatMap(([data, ext]) => [
    utf8(size(data.length) + ext + '\r\n'),
    data,
    utf8('\r\n'),
  ])
  const tail = utf8('0\r\n' + lines(b.trailers) + m.eol)
  const body = concat(b.chunks.map(([data]) => data))
  return { wire: concat([head, ...parts, tail]), head: head.length, body, trailers: b.trailers }
}

function exchange(messages: Message[], close?: Uint8Array) {
  const all = close ? [...messages.map(encode), closing(close)] : messages.map(encode)
  let at = 0
  const expected = all.map((e) => {
    const start = at
    at += e.wire.length
    return { start, end: at, head: start + e.head, body: plain(e.body), trailers: e.trailers }
  })
  return { wire: concat(all.map((e) => e.wire)), expected }
}
function closing(data: Uint8Array) {
  const head = utf8('HTTP/1.0 200 OK\r\nServer: x\r\n\r\n')
  return { wire: concat([head, data]), head: head.length, body: data, trailers: [] }
}

function decoded(dir: 'request' | 'response', chunks: Uint8Array[]) {
  return feed(createProtocolDecoder('http', dir), chunks).events.map((e) => {
    if (e.type !== 'message' || e.message.protocol !== 'http') return plain(e)
    const m = e.message
    return {
      start: e.start,
      end: e.end,
      head: m.head.end,
      body: plain(m.body.bytes),
      trailers: m.trailers,
    }
  })
}

describe('http decoder, generated exchanges', () => {
  test('keep-alive requests: every message, body and trailer exact, however cut', () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 5 }), chunking, (messages, cut) => {
        const { wire, expected } = exchange(messages)
        expect(decoded('request', splitBytes(wire, cut))).toEqual(expected)
      }),
      { numRuns: 200 },
    )
  })

  test('keep-alive responses, the last one maybe ended by the connection closing', () => {
    fc.assert(
      fc.property(
        fc.array(response, { maxLength: 5 }),
        fc.option(fc.uint8Array({ maxLength: 30 })),
        chunking,
        (messages, close, cut) => {
          const { wire, expected } = exchange(messages, close ?? undefined)
          expect(decoded('response', splitBytes(wire, cut))).toEqual(expected)
        },
      ),
      { numRuns: 200 },
    )
  })
})
