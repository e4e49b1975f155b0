// The log with other protocols' decoders: HTTP, RESP and lines cards, their bytes, and a stored round trip.
import { describe, expect, it } from 'vitest'
import { respCommand } from '../../shared/protocols/resp-values.ts'
import type { Protocol } from '../../shared/protocols/types.ts'
import type { ChunkEntry, MessageEntry } from './entries.ts'
import { parseLog, serializeLog } from './json/persist.ts'
import { LogModel } from './model.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

function session(protocol: Protocol) {
  const model = new LogModel({ schedule: () => {} })
  model.beginSession('127.0.0.1:6379', 'json', 'json', protocol)
  const messages = () => model.all().filter((e): e is MessageEntry => e.kind === 'message')
  const chunks = () => model.all().filter((e): e is ChunkEntry => e.kind === 'chunk')
  // One byte per chunk, as the fake socket delivers them.
  const trickle = (dir: 'sent' | 'received', bytes: Uint8Array) => {
    for (const b of bytes) model.chunk(dir, Uint8Array.of(b), 0)
  }
  return { model, messages, chunks, trickle }
}

const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nabc'
const CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n'

describe('LogModel with other protocols', () => {
  it('decodes RESP one byte per chunk: a command, a reply and an error reply, with their bytes', () => {
    const { model, messages, chunks, trickle } = session('resp')
    const ping = respCommand(['PING'])
    trickle('sent', ping)
    trickle('received', utf8('+PONG\r\n-ERR wrong\r\n'))
    const [sent, pong, err] = messages()
    expect(sent).toMatchObject({ dir: 'sent', n: 1, start: 0, end: ping.length, body: ping })
    expect(sent!.view).toMatchObject({ type: 'protocol', message: { protocol: 'resp' } })
    expect(pong).toMatchObject({
      n: 1,
      chunks: [ping.length + 1, ping.length + 7],
      body: utf8('+PONG\r\n'),
    })
    expect(pong!.view).toMatchObject({ message: { value: { type: 'simple', text: 'PONG' } } })
    expect(err!.view).toMatchObject({ message: { value: { type: 'error', text: 'ERR wrong' } } })
    // Each message's first byte carries its start mark.
    const marks = chunks()
      .filter((c) => c.dir === 'received')
      .flatMap((c) => c.marks)
    expect(marks.filter((m) => m.edge === 'start').map((m) => m.msg)).toEqual([1, 2])
    expect(model.all()[0]).toMatchObject({
      kind: 'event',
      event: { type: 'session', protocol: 'resp' },
    })
  })

  it('decodes two HTTP responses on one connection, a chunked body noted', () => {
    const { messages, trickle } = session('http')
    trickle('sent', utf8('GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n'))
    trickle('received', utf8(RESPONSE + CHUNKED))
    const views = messages().map((m) => m.view)
    expect(views.map((v) => (v.type === 'protocol' ? v.message.protocol : v.type))).toEqual([
      'http',
      'http',
      'http',
      'http',
    ])
    const last = views[3]!
    if (last.type !== 'protocol' || last.message.protocol !== 'http') throw new Error('not http')
    expect(last.message.body).toMatchObject({ framing: 'chunked', length: 2, chunkCount: 2 })
  })

  it('shows a line per card and a protocol error as rejected bytes', () => {
    const lines = session('lines')
    lines.trickle('received', utf8('220 ok\r\nbye\n'))
    expect(lines.messages().map((m) => m.view)).toMatchObject([
      { type: 'protocol', message: { text: '220 ok', terminator: 'crlf' } },
      { type: 'protocol', message: { text: 'bye', terminator: 'lf' } },
    ])
    // The line ends are the frame: CR and LF of the first line, LF of the second.
    const framed = lines.chunks().filter((c) => c.spans.some((s) => s.role === 'frame'))
    expect(framed.map((c) => c.offset)).toEqual([6, 7, 11])
    const resp = session('resp')
    resp.trickle('received', utf8('?what\r\n'))
    expect(resp.messages()[0]!.view).toMatchObject({ type: 'protocol-error', problem: 'bad-type' })
  })

  it('decodes nothing for raw bytes', () => {
    const { messages, chunks, trickle } = session('raw')
    trickle('received', utf8('anything'))
    expect(messages()).toEqual([])
    expect(chunks()).toHaveLength(8)
  })

  it('stores and restores protocol messages with the same views', () => {
    const { model, trickle } = session('http')
    trickle('received', utf8(RESPONSE))
    const resp = session('resp')
    resp.trickle('received', utf8('?x\r\n'))
    for (const m of [model, resp.model]) {
      const restored = parseLog(serializeLog(m.all()))
      expect(restored.map((e) => ({ ...e, previous: undefined }))).toEqual(
        m.all().map((e) => ({ ...e, previous: undefined })),
      )
    }
  })
})
