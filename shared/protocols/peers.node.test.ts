// The decoders against real peers' bytes: a real redis-server (RESP2 and RESP3) and a real node:http server.
import { startRedis as startTestRedis } from '../../test-support/redis.ts'
import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { RESP_PRESETS, httpRequest } from '../editor/presets.ts'
import { concatBytes } from '../pieces.ts'
import { hasCommand } from '../test-tools.node.ts'
import { createProtocolDecoder, createProtocolPair } from './decoders.ts'
import { formatResp, inlineCommand, respCommand } from './resp-values.ts'
import { oneByOne, splitAt } from './test-feed.ts'
import type { Direction, Protocol, ProtocolEvent } from './types.ts'

const REDIS = hasCommand('redis-server', ['--version'])
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

/** Sends `bytes` on a new connection and resolves with everything the peer sent until it closed. */
function exchange(port: number, bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.write(bytes))
    socket.on('error', reject)
    socket.on('data', (b: Buffer) => chunks.push(b))
    socket.on('close', () => resolve(new Uint8Array(Buffer.concat(chunks))))
  })
}

/** A redis-server on a free port, without persistence, stopped after the test. */
async function startRedis(): Promise<number> {
  const redis = await startTestRedis(['--enable-debug-command', 'yes'])
  cleanups.push(() => redis.stop())
  return redis.port
}

/**
 * Decodes a recorded stream whole, one byte per push and cut at every point; all must agree, and the
 * messages must tile the stream exactly (real peers send nothing between messages).
 */
function decodeEverySplit(protocol: Protocol, dir: Direction, bytes: Uint8Array): ProtocolEvent[] {
  const decode = (chunks: Uint8Array[]) => {
    const d = createProtocolDecoder(protocol, dir)
    return [...chunks.flatMap((c) => d.push(c)), ...d.end()]
  }
  const whole = decode([bytes])
  let at = 0
  for (const e of whole) {
    expect(e.type, JSON.stringify(e)).toBe('message')
    expect(e.start).toBe(at)
    at = e.end
  }
  expect(at).toBe(bytes.length)
  expect(decode(oneByOne(bytes))).toEqual(whole)
  for (let cut = 1; cut < bytes.length; cut++) expect(decode(splitAt(bytes, cut))).toEqual(whole)
  return whole
}

const replies = (events: ProtocolEvent[]) =>
  events.map((e) =>
    e.type === 'message' && e.message.protocol === 'resp' ? formatResp(e.message.value) : e,
  )

describe.skipIf(!REDIS)('a real redis-server (redis-server missing: skipped)', () => {
  test('the RESP presets and inline commands: replies decoded at every split point', async () => {
    const port = await startRedis()
    const sent = concatBytes([...RESP_PRESETS.map((p) => p.bytes), respCommand(['QUIT'])])
    const received = await exchange(port, sent)
    expect(replies(decodeEverySplit('resp', 'response', received))).toEqual([
      'PONG', // PING
      'OK', // SET aluno Ana
      '"Ana"', // GET aluno
      '(integer) 1', // INCR visitas
      'OK', // SET aluno Ana
      '(error) ERR value is not an integer or out of range', // INCR aluno
      'PONG', // inline PING
      'OK', // inline SET aluno "Ana Maria"
      '"Ana Maria"', // inline GET aluno
      'OK', // QUIT
    ])
    const commands = decodeEverySplit('resp', 'request', sent)
    expect(
      commands.map(
        (e) => e.type === 'message' && e.message.protocol === 'resp' && e.message.value.type,
      ),
    ).toEqual([...Array<string>(6).fill('array'), ...Array<string>(3).fill('inline'), 'array'])
  })

  test('RESP3 after HELLO 3: every type DEBUG PROTOCOL sends, and pushes', async () => {
    const port = await startRedis()
    // Each DEBUG PROTOCOL type and what it decodes to: attrib and push come before their reply.
    const debug: [string, string[]][] = [
      ['string', ['bulk']],
      ['integer', ['integer']],
      ['double', ['double']],
      ['bignum', ['bignum']],
      ['null', ['null']],
      ['array', ['array']],
      ['set', ['set']],
      ['map', ['map']],
      ['attrib', ['attribute', 'bulk']],
      ['push', ['push', 'bulk']],
      ['verbatim', ['verbatim']],
      ['true', ['boolean']],
      ['false', ['boolean']],
    ]
    const sent = concatBytes([
      respCommand(['HELLO', '3']),
      ...debug.map(([type]) => respCommand(['DEBUG', 'PROTOCOL', type])),
      respCommand(['SET', 'k', 'olá']),
      respCommand(['GET', 'k']),
      respCommand(['GET', 'nada']),
      inlineCommand(['QUIT']),
    ])
    const events = decodeEverySplit('resp', 'response', await exchange(port, sent))
    const values = events.map((e) =>
      e.type === 'message' && e.message.protocol === 'resp' ? e.message.value : undefined,
    )
    expect(values[0]).toMatchObject({ type: 'map' })
    expect(formatResp(values[0]!)).toContain('"server" => "redis"')
    expect(values.slice(1).map((v) => v?.type)).toEqual([
      ...debug.flatMap(([, decoded]) => decoded),
      'simple', // SET
      'bulk', // GET k
      'null', // GET nada
      'simple', // QUIT
    ])
    expect(values[3]).toEqual({ type: 'double', text: '3.141' })
    expect(values[4]).toMatchObject({
      type: 'bignum',
      text: '1234567999999999999999999999999999999',
    })
    expect(values[13]).toMatchObject({ type: 'verbatim', format: 'txt' })
    expect(values.slice(14, 16)).toEqual([
      { type: 'boolean', value: true },
      { type: 'boolean', value: false },
    ])
    expect(values[17]).toMatchObject({ type: 'bulk', text: 'olá', utf8: true })
    expect(values[18]).toEqual({ type: 'null', marker: '_' })
  })
})

/**
 * A node:http server: `/` says olá (Content-Length), `/chunked` streams with a trailer, `/stream` streams
 * without one, `/vazio` answers 204, POST echoes.
 */
async function startHttp(): Promise<number> {
  const server = http.createServer((req, res) => {
    if (req.url === '/chunked') {
      res.setHeader('Trailer', 'X-Checksum')
      res.write('a')
      res.write('bb')
      res.addTrailers({ 'X-Checksum': '3' })
      return res.end('ccc')
    }
    if (req.url === '/vazio') return res.writeHead(204).end()
    if (req.url === '/stream') {
      res.write('a')
      return res.end('bb')
    }
    const body: Buffer[] = []
    req.on('data', (b: Buffer) => body.push(b))
    req.on('end', () => res.end(req.method === 'POST' ? Buffer.concat(body) : 'olá'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => server.close())
  return (server.address() as net.AddressInfo).port
}

describe('a real node:http server', () => {
  test('pipelined keep-alive requests: Content-Length, HEAD, chunked with trailers, 204, POST; every split point', async () => {
    const port = await startHttp()
    const target = { host: '127.0.0.1', port }
    const sent = concatBytes([
      httpRequest({ method: 'GET', path: '/', target }),
      httpRequest({ method: 'HEAD', path: '/', target }),
      httpRequest({ method: 'GET', path: '/chunked', target }),
      httpRequest({ method: 'GET', path: '/vazio', target }),
      httpRequest({
        method: 'POST',
        path: '/eco',
        target,
        body: '{"nome": "Ana"}',
        headers: [['Connection', 'close']],
      }),
    ])
    const received = await exchange(port, sent)
    const requests = decodeEverySplit('http', 'request', sent)
    expect(
      requests.map(
        (e) =>
          e.type === 'message' &&
          e.message.protocol === 'http' &&
          e.message.kind === 'request' &&
          e.message.method,
      ),
    ).toEqual(['GET', 'HEAD', 'GET', 'GET', 'POST'])

    // Responses need the requests' methods (HEAD): a linked pair, requests first, as on the wire.
    const decodePair = (chunks: Uint8Array[]) => {
      const pair = createProtocolPair('http')
      pair.request.push(sent)
      return [...chunks.flatMap((c) => pair.response.push(c)), ...pair.response.end()]
    }
    const whole = decodePair([received])
    expect(decodePair(oneByOne(received))).toEqual(whole)
    for (let cut = 1; cut < received.length; cut++)
      expect(decodePair(splitAt(received, cut))).toEqual(whole)
    const summary = whole.map((e) => {
      if (e.type !== 'message' || e.message.protocol !== 'http' || e.message.kind !== 'response')
        return e
      const m = e.message
      return [m.status, m.body.framing, new TextDecoder().decode(m.body.bytes), m.trailers]
    })
    expect(summary).toEqual([
      [200, 'length', 'olá', []],
      [200, 'none', '', []], // HEAD: Content-Length but no body
      [200, 'chunked', 'abbccc', [{ name: 'X-Checksum', value: '3' }]],
      [204, 'none', '', []],
      [200, 'length', '{"nome": "Ana"}', []],
    ])
    expect(whole.at(-1)?.end).toBe(received.length)
  })

  test('a streamed answer to HTTP/1.0 has no length: its body ends when the connection closes', async () => {
    const port = await startHttp()
    const sent = new TextEncoder().encode('GET /stream HTTP/1.0\r\nHost: x\r\n\r\n')
    const received = await exchange(port, sent)
    const [event, ...rest] = decodeEverySplit('http', 'response', received)
    expect(rest).toEqual([])
    expect(
      event?.type === 'message' && event.message.protocol === 'http' && event.message.body,
    ).toMatchObject({
      framing: 'close',
      length: 3,
    })
  })
})
