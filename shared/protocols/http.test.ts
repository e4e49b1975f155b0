import { describe, expect, test } from 'vitest'
import { createProtocolDecoder, createProtocolPair } from './decoders.ts'
import type { HttpMessage } from './http-head.ts'
import { feed, oneByOne, plain, splitAt, utf8 } from './test-feed.ts'
import type { Direction, ProtocolEvent, ProtocolOptions } from './types.ts'

const run = (dir: Direction, chunks: Uint8Array[], options: ProtocolOptions = {}) =>
  feed(createProtocolDecoder('http', dir, options), chunks).events
const http = (e: ProtocolEvent | undefined): HttpMessage => {
  if (e?.type !== 'message' || e.message.protocol !== 'http')
    throw new Error(`not http: ${JSON.stringify(plain(e))}`)
  return e.message
}
/** Each event as `METHOD target` / `status`, body text and range, or `!problem`. */
const summary = (events: ProtocolEvent[]) =>
  events.map((e) => {
    if (e.type === 'error') return [`!${e.problem}${e.fatal ? '!' : ''}`, e.start, e.end]
    const m = http(e)
    const line = m.kind === 'request' ? `${m.method} ${m.target}` : `${m.status} ${m.reason}`
    return [line, plain(m.body.bytes), e.start, e.end]
  })

const GET = 'GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nConnection: keep-alive\r\n\r\n'
const POST =
  'POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{"a": "ção"}'
const CHUNKED =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Case: MiXeD\r\n\r\n' +
  '5;ext="v"\r\nhello\r\nB\r\n, wire-lab!\r\n0\r\nX-Trailer: yes\r\n\r\n'

describe('http requests', () => {
  test('a keep-alive GET then a POST with Content-Length, at every split point', () => {
    const wire = utf8(GET + POST)
    const g = utf8(GET).length
    for (let cut = 0; cut <= wire.length; cut++) {
      expect(summary(run('request', splitAt(wire, cut))), `cut at ${cut}`).toEqual([
        ['GET /', '', 0, g],
        ['POST /users', plain(utf8('{"a": "ção"}')), g, wire.length],
      ])
    }
  })

  test('headers keep their order and case; the head range excludes the body', () => {
    const [, post] = run('request', [utf8(GET + POST)])
    const m = http(post)
    expect(m.headers).toEqual([
      { name: 'Host', value: 'x' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Content-Length', value: '14' },
    ])
    expect(m.head.end - m.head.start).toBe(utf8(POST).length - 14)
    expect(m.body).toMatchObject({ framing: 'length', length: 14, truncated: false })
  })

  test('blank lines before a request are skipped; bare LF is read and warned about', () => {
    const events = run('request', [utf8('\r\n\nGET /a HTTP/1.0\nHost: x\n\n')])
    expect(summary(events)).toEqual([['GET /a', '', 3, 28]])
    expect(http(events[0]).warnings).toEqual(['line ends with LF alone, not CRLF'])
  })

  test('a chunked request body', () => {
    const wire = utf8('PUT /f HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n')
    expect(summary(run('request', oneByOne(wire)))).toEqual([['PUT /f', 'abc', 0, wire.length]])
  })
})

describe('http responses', () => {
  test('chunked with extensions and trailers, byte by byte: chunks, frame and trailers exact', () => {
    const wire = utf8(CHUNKED)
    const [event, ...rest] = run('response', oneByOne(wire))
    expect(rest).toEqual([])
    const m = http(event)
    const head = CHUNKED.indexOf('5;')
    const second = CHUNKED.indexOf('B\r\n')
    const last = CHUNKED.indexOf('0\r\n')
    expect(m.body).toMatchObject({ framing: 'chunked', length: 16, chunkCount: 3 })
    expect(plain(m.body.bytes)).toBe('hello, wire-lab!')
    expect(m.body.chunks).toEqual([
      { start: head, end: second, size: 5, extensions: ';ext="v"' },
      { start: second, end: last, size: 11, extensions: '' },
      { start: last, end: last + 3, size: 0, extensions: '' },
    ])
    expect(m.trailers).toEqual([{ name: 'X-Trailer', value: 'yes' }])
    expect(event?.type === 'message' && event.frame).toEqual([
      { start: head, end: head + 11 },
      { start: second - 2, end: second },
      { start: second, end: second + 3 },
      { start: last - 2, end: last },
      { start: last, end: last + 3 },
      { start: last + 3, end: wire.length },
    ])
  })

  test('a body without length ends when the connection closes', () => {
    const d = createProtocolDecoder('http', 'response')
    expect(d.push(utf8('HTTP/1.0 200 OK\r\n\r\npart 1, '))).toEqual([])
    expect(d.push(utf8('part 2'))).toEqual([])
    const events = d.end()
    expect(summary(events)).toEqual([['200 OK', 'part 1, part 2', 0, 33]])
    expect(http(events[0]).body.framing).toBe('close')
  })

  test('1xx, 204 and 304 have no body; a 100 does not take the request from the queue', () => {
    const pair = createProtocolPair('http')
    pair.request.push(utf8('HEAD / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n'))
    const wire =
      'HTTP/1.1 100 Continue\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n' + // to HEAD: no body
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n' +
      'HTTP/1.1 204 No Content\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
    expect(
      summary(feed(pair.response, [utf8(wire)]).events).map(([line, body]) => [line, body]),
    ).toEqual([
      ['100 Continue', ''],
      ['200 OK', ''],
      ['304 Not Modified', ''],
      ['204 No Content', ''],
      ['200 OK', 'ok'],
    ])
  })

  test('without the request methods, a response to HEAD with Content-Length waits for a body', () => {
    const d = createProtocolDecoder('http', 'response')
    expect(d.push(utf8('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n'))).toEqual([])
    expect(d.pending).toBe(0)
  })

  test('101 Switching Protocols: the rest of both directions is a tunnel', () => {
    const pair = createProtocolPair('http')
    const up = 'GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'
    expect(summary(pair.request.push(utf8(up)))).toHaveLength(1)
    const events = pair.response.push(
      utf8('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello'),
    )
    expect(summary(events).map((e) => e[0])).toEqual(['101 Switching Protocols'])
    expect(http(events[0])).toMatchObject({ tunnel: true })
    expect(pair.request.push(utf8('\x81\x85garbage that is not HTTP'))).toEqual([])
    expect(pair.request.end()).toEqual([])
    expect(pair.response.end()).toEqual([])
  })

  test('a 2xx to CONNECT opens a tunnel; a 4xx does not', () => {
    const pair = createProtocolPair('http')
    pair.request.push(utf8('CONNECT a:443 HTTP/1.1\r\n\r\n'))
    pair.response.push(utf8('HTTP/1.1 407 No\r\nContent-Length: 0\r\n\r\n'))
    pair.request.push(utf8('CONNECT a:443 HTTP/1.1\r\n\r\n'))
    const ok = pair.response.push(utf8('HTTP/1.1 200 Connection established\r\n\r\n\x16\x03'))
    expect(http(ok[0])).toMatchObject({ status: 200, tunnel: true })
    expect(pair.request.push(utf8('\x16\x03\x01'))).toEqual([])
  })
})

describe('http errors', () => {
  test('a bad start line is fatal as soon as its line ends', () => {
    const d = createProtocolDecoder('http', 'request')
    expect(summary(d.push(utf8('hello server\r\n')))).toEqual([['!bad-start-line!', 0, 14]])
    expect(d.push(utf8(GET))).toEqual([])
    expect(summary(run('response', [utf8('HTTP/1.1 2000 OK\r\n')]))).toEqual([
      ['!bad-start-line!', 0, 18],
    ])
  })

  test('a header line without a colon, bad or conflicting Content-Length, TE not ending in chunked', () => {
    expect(summary(run('request', [utf8('GET / HTTP/1.1\r\nHost x\r\n\r\n')]))).toEqual([
      ['!bad-header!', 0, 26],
    ])
    expect(summary(run('request', [utf8('GET / HTTP/1.1\r\nHost : x\r\n\r\n')]))).toEqual([
      ['!bad-header!', 0, 28],
    ])
    const cl = (v: string) =>
      run('request', [utf8(`POST / HTTP/1.1\r\nContent-Length: ${v}\r\n\r\n`)])
    expect(summary(cl('-1'))[0]?.[0]).toBe('!bad-length!')
    expect(summary(cl('1, 2'))[0]?.[0]).toBe('!bad-length!')
    expect(summary(cl('2, 2'))[0]?.[0]).toBe('!incomplete!')
    const te = run('request', [utf8('POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n')])
    expect(summary(te)[0]?.[0]).toBe('!bad-header!')
  })

  test('a bad chunk size line and missing CRLF after chunk data are fatal', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
    expect(summary(run('response', [utf8(head + 'zz\r\n')]))[0]?.[0]).toBe('!bad-chunk!')
    expect(summary(run('response', [utf8(head + '2\r\nabc')]))).toEqual([
      ['!bad-chunk!', 0, head.length + 6],
    ])
  })

  test('a head over the limit is refused at the exact byte, holding no more than the limit', () => {
    const wire = utf8('GET / HTTP/1.1\r\nX: ' + 'a'.repeat(200) + '\r\n\r\n')
    for (const chunks of [[wire], oneByOne(wire)]) {
      const { events, pending } = feed(
        createProtocolDecoder('http', 'request', { maxMessage: 100 }),
        chunks,
      )
      expect(summary(events)).toEqual([['!too-large!', 0, 101]])
      expect(Math.max(...pending)).toBeLessThanOrEqual(100)
    }
  })

  test('a large body keeps its first maxBody bytes and its exact length', () => {
    const body = 'x'.repeat(1000)
    const wire = utf8(`HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n${body}`)
    const { events, pending } = feed(
      createProtocolDecoder('http', 'response', { maxBody: 10 }),
      oneByOne(wire),
    )
    expect(http(events[0]).body).toMatchObject({ length: 1000, truncated: true })
    expect(plain(http(events[0]).body.bytes)).toBe('x'.repeat(10))
    expect(Math.max(...pending)).toBeLessThanOrEqual(100)
  })

  test('the stream ending inside a head or a body is incomplete', () => {
    expect(summary(run('request', [utf8('GET / HTTP/1.1\r\nHo')]))).toEqual([
      ['!incomplete!', 0, 18],
    ])
    expect(summary(run('request', [utf8(POST.slice(0, -3))]))[0]?.[0]).toBe('!incomplete!')
    expect(run('request', [utf8('\r\n\r\n')])).toEqual([])
  })
})
