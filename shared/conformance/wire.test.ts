import { describe, expect, test } from 'vitest'
import { FRAMINGS, encodeFrame, type Framing } from '../framing.ts'
import { FakeClock, settle } from './fake-clock.ts'
import { Wire, type Received } from './wire.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)
const A = '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio removido:a@b"}'
const B = '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "x {\\"}"}'

/** A wire on a fake clock; `feed` delivers bytes one per chunk, as a slow network would. */
function setup(framing: Framing) {
  const clock = new FakeClock()
  const wire = new Wire(framing, clock)
  const feed = (bytes: Uint8Array) => {
    for (const b of bytes) wire.events.data(new Uint8Array([b]))
  }
  return { clock, wire, feed }
}

describe.each(FRAMINGS)('%s answers', (framing) => {
  test('two answers delivered a byte at a time come out whole, framing included', async () => {
    const { wire, feed } = setup(framing)
    wire.wrote()
    const a = encodeFrame(framing, utf8(A))
    const b = encodeFrame(framing, utf8(B))
    feed(a)
    feed(b)
    const first = await wire.next(1000, 100)
    const second = await wire.next(1000, 100)
    expect(first).toEqual({ outcome: 'answer', bytes: a, early: false })
    expect(second).toEqual({ outcome: 'answer', bytes: b, early: false })
  })

  test('an answer that arrives before the step finished writing is early', async () => {
    const { wire, feed } = setup(framing)
    feed(encodeFrame(framing, utf8(A)))
    wire.wrote()
    expect(await wire.next(1000, 100)).toMatchObject({ outcome: 'answer', early: true })
  })
})

describe('reading', () => {
  test('nothing at all is a timeout, after exactly the timeout', async () => {
    const { clock, wire } = setup('json')
    let got: Received | undefined
    void wire.next(2000, 300).then((r) => (got = r))
    await clock.advance(1999)
    expect(got).toBeUndefined()
    await clock.advance(1)
    expect(got).toEqual({ outcome: 'timeout', bytes: new Uint8Array(0) })
  })

  test('a partial answer then silence is incomplete after the quiet time; the next answer reads whole', async () => {
    const { clock, wire, feed } = setup('ndjson')
    let got: Received | undefined
    void wire.next(2000, 300).then((r) => (got = r))
    feed(utf8(A)) // no newline
    await clock.advance(299)
    expect(got).toBeUndefined()
    await clock.advance(1)
    expect(got).toEqual({ outcome: 'incomplete', bytes: utf8(A) })
    feed(utf8(B + '\n'))
    expect(text((await wire.next(2000, 300)).bytes)).toBe(B + '\n')
  })

  test('answers first, then the close', async () => {
    const { wire, feed } = setup('json')
    feed(utf8(A + '{"CODIGO'))
    wire.events.closed({ how: 'fin' })
    expect(text((await wire.next(1000, 100)).bytes)).toBe(A)
    expect(await wire.next(1000, 100)).toEqual({
      outcome: 'closed',
      bytes: utf8('{"CODIGO'),
      end: { how: 'fin' },
    })
    expect(wire.closed).toBe(true)
  })

  test('a close wakes a waiting read at once', async () => {
    const { wire } = setup('length')
    let got: Received | undefined
    void wire.next(2000, 300).then((r) => (got = r))
    await settle()
    wire.events.closed({ how: 'reset', detail: 'ECONNRESET' })
    await settle()
    expect(got).toMatchObject({ outcome: 'closed', end: { how: 'reset' } })
  })

  test('json and naive: a newline right after an answer belongs to it; two glued answers split', async () => {
    for (const framing of ['json', 'naive'] as const) {
      const { wire, feed } = setup(framing)
      feed(utf8(A + '\r\n' + B))
      expect(text((await wire.next(1000, 100)).bytes)).toBe(A + '\r\n')
      expect(text((await wire.next(1000, 100)).bytes)).toBe(B)
    }
  })

  test('bytes before an answer (not JSON) stay with it, for the diagnosis', async () => {
    const { wire, feed } = setup('naive')
    feed(utf8('OK ' + A))
    expect(text((await wire.next(1000, 100)).bytes)).toBe('OK ' + A)
  })

  test('drain hands back what was left unread and starts afresh', async () => {
    const { wire, feed } = setup('ndjson')
    feed(utf8(A + '\n' + '{"half'))
    expect(wire.queued).toBe(1)
    expect(text(wire.drain()!)).toBe(A + '\n{"half')
    expect(wire.drain()).toBeUndefined()
    feed(utf8(B + '\n'))
    expect(text((await wire.next(1000, 100)).bytes)).toBe(B + '\n')
  })
})
