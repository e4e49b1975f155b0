import { describe, expect, it } from 'vitest'
import { encodeFrame, type Framing } from '../../shared/framing.ts'
import type { ChunkEntry, MessageEntry } from './entries.ts'
import { LogModel } from './model.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const NOT_REGISTERED =
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:eu@gmail.com"}'
const RECORD =
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": {"Nome": "Cabron", "Endere\\u00e7o": null, "Telefone": "3218181", "Email": "meu@gmail.com"}}'

// A model whose batches run only when the test flushes them.
function setup(framing: Framing = 'json', options: { maxEntries?: number } = {}) {
  const pending: (() => void)[] = []
  const model = new LogModel({ schedule: (cb) => pending.push(cb), ...options })
  model.beginSession('127.0.0.1:3213', framing)
  const frame = () => pending.splice(0).forEach((cb) => cb())
  const of = <K extends 'chunk' | 'message'>(kind: K) =>
    model.all().filter((e) => e.kind === kind) as (K extends 'chunk' ? ChunkEntry : MessageEntry)[]
  // Like the fake socket: one byte per chunk.
  const trickle = (dir: 'sent' | 'received', bytes: Uint8Array) => {
    for (const b of bytes) model.chunk(dir, new Uint8Array([b]), 0)
  }
  return { model, pending, frame, of, trickle }
}

describe('LogModel decoding', () => {
  it('decodes a response that arrives one byte per chunk and says which chunks held it', () => {
    const { of, trickle } = setup('json')
    const bytes = utf8(NOT_REGISTERED)
    trickle('received', bytes)
    const [message] = of('message')
    expect(message).toMatchObject({
      dir: 'received',
      n: 1,
      start: 0,
      end: bytes.length,
      chunks: [1, bytes.length],
      view: { type: 'response', response: { 'CODIGO DE ERRO': '404' } },
    })
    if (message?.view.type !== 'response') throw new Error('not a response')
    expect(message.view.response['EXPLICAÇÃO']).toBe('Usuário não registrado:eu@gmail.com')
    const chunks = of('chunk')
    expect(chunks[0]!.marks).toEqual([{ at: 0, edge: 'start', msg: 1 }])
    expect(chunks.at(-1)!.marks).toEqual([{ at: 1, edge: 'end', msg: 1 }])
    expect(chunks[5]!.marks).toEqual([])
  })

  it('marks two messages in one chunk and keeps stream offsets across chunks', () => {
    const { model, of } = setup('json')
    const a = utf8(NOT_REGISTERED)
    const b = utf8(RECORD)
    const both = new Uint8Array(a.length + 10)
    both.set(a)
    both.set(b.subarray(0, 10), a.length)
    model.chunk('received', both, 5)
    model.chunk('received', b.subarray(10), 7)
    const [first, second] = of('message')
    expect(first).toMatchObject({ start: 0, end: a.length, chunks: [1, 1] })
    expect(second).toMatchObject({
      start: a.length,
      end: a.length + b.length,
      chunks: [1, 2],
      t: 7,
    })
    expect(of('chunk')[0]!.marks).toEqual([
      { at: 0, edge: 'start', msg: 1 },
      { at: a.length, edge: 'end', msg: 1 },
      { at: a.length, edge: 'start', msg: 2 },
    ])
    expect(of('chunk')[1]!.marks).toEqual([{ at: b.length - 10, edge: 'end', msg: 2 }])
    if (second?.view.type !== 'response') throw new Error('not a response')
    expect(second.view.response['EXPLICAÇÃO']).toEqual({
      Nome: 'Cabron',
      Endereço: null,
      Telefone: '3218181',
      Email: 'meu@gmail.com',
    })
  })

  it('marks the length prefix and the ndjson newline as framing bytes', () => {
    const length = setup('length')
    length.trickle('received', encodeFrame('length', utf8(NOT_REGISTERED)))
    const prefix = length
      .of('chunk')
      .slice(0, 5)
      .map((c) => c.spans)
    expect(prefix).toEqual([
      [{ from: 0, to: 1, role: 'frame' }],
      [{ from: 0, to: 1, role: 'frame' }],
      [{ from: 0, to: 1, role: 'frame' }],
      [{ from: 0, to: 1, role: 'frame' }],
      [],
    ])
    expect(length.of('message')[0]!.view.type).toBe('response')

    const ndjson = setup('ndjson')
    const framed = encodeFrame('ndjson', utf8(NOT_REGISTERED))
    ndjson.model.chunk('received', framed, 0)
    expect(ndjson.of('chunk')[0]!.spans).toEqual([
      { from: framed.length - 1, to: framed.length, role: 'frame' },
    ])
  })

  it('decodes the sent direction with its own decoder and validates requests', () => {
    const { model, of } = setup('json')
    model.chunk('sent', utf8('{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "X"}'), 1)
    model.chunk('received', utf8(NOT_REGISTERED), 2)
    const [sent, received] = of('message')
    expect(sent).toMatchObject({ dir: 'sent', n: 1, view: { type: 'invalid' } })
    expect(received).toMatchObject({ dir: 'received', n: 1, view: { type: 'response' } })
  })

  it('shows responses that fail the schema and bytes that are not JSON', () => {
    const { model, of } = setup('ndjson')
    model.chunk('received', utf8('{"CODIGO DE ERRO": 200}\n{not json}\n'), 0)
    model.chunk('received', new Uint8Array([0xff, 0x0a]), 0)
    const views = of('message').map((m) => m.view)
    expect(views[0]).toMatchObject({ type: 'invalid', value: { 'CODIGO DE ERRO': 200 } })
    expect(views[1]).toMatchObject({ type: 'not-json', problem: 'json', text: '{not json}' })
    expect(views[2]).toMatchObject({ type: 'not-json', problem: 'utf8', offset: 0 })
  })

  it('reports garbage as rejected bytes, and a message cut by the end of the session', () => {
    const { model, of } = setup('json')
    model.chunk('received', utf8('oops {"a": '), 0)
    model.endSession(3)
    expect(of('message').map((m) => m.view)).toEqual([
      { type: 'frame-error', problem: 'garbage', fatal: false },
      { type: 'frame-error', problem: 'incomplete', fatal: true },
    ])
    expect(of('chunk')[0]!.spans).toEqual([
      { from: 0, to: 5, role: 'rejected' },
      { from: 5, to: 11, role: 'rejected' },
    ])
  })

  it('calls message listeners at once, before the batched render', () => {
    const { model, pending, trickle } = setup('json')
    const seen: string[] = []
    model.onMessage((m) => seen.push(m.dir))
    trickle('received', utf8(NOT_REGISTERED))
    expect(seen).toEqual(['received'])
    expect(pending).toHaveLength(1)
  })
})

describe('LogModel snapshots', () => {
  it('batches any number of changes into one snapshot per frame', () => {
    const { model, pending, frame, trickle } = setup()
    const before = model.getSnapshot()
    let renders = 0
    model.subscribe(() => renders++)
    trickle('received', utf8(NOT_REGISTERED))
    expect(model.getSnapshot()).toBe(before)
    expect(pending).toHaveLength(1)
    frame()
    expect(renders).toBe(1)
    expect(model.getSnapshot()).not.toBe(before)
    expect(model.getSnapshot().counts).toMatchObject({
      chunks: 98,
      messages: 1,
      received: 99,
      events: 1,
    })
  })

  it('filters by direction and kind, keeping every row that passes', () => {
    const { model, frame, trickle } = setup('json')
    trickle('received', utf8(NOT_REGISTERED))
    model.chunk('sent', utf8('{}'), 0)
    frame()
    let snap = model.getSnapshot()
    expect(snap.visible).toHaveLength(snap.total)
    expect(snap.visible[0]).toMatchObject({ kind: 'event' })
    model.setFilter({ chunks: false, events: false })
    snap = model.getSnapshot()
    expect(snap.visible.map((e) => e.kind)).toEqual(['message', 'message'])
    model.setFilter({ received: false })
    expect(model.getSnapshot().visible).toHaveLength(1)
    expect(model.getSnapshot().visible[0]).toMatchObject({ kind: 'message', dir: 'sent' })
  })

  it('shows the annotated version of a chunk once a message ends in it', () => {
    const { model, frame } = setup('json')
    model.chunk('received', utf8(NOT_REGISTERED), 0)
    frame()
    const chunk = model.getSnapshot().visible.find((e) => e.kind === 'chunk')
    expect(chunk).toMatchObject({ marks: [{ edge: 'start' }, { edge: 'end' }] })
  })

  it('clears entries but keeps decoding the stream in progress', () => {
    const { model, of } = setup('json')
    const bytes = utf8(NOT_REGISTERED)
    model.chunk('received', bytes.subarray(0, 10), 0)
    model.clear()
    expect(model.getSnapshot().total).toBe(0)
    model.chunk('received', bytes.subarray(10), 0)
    expect(of('message')).toHaveLength(1)
    expect(of('message')[0]).toMatchObject({ start: 0, end: bytes.length, chunks: [2, 2] })
  })

  it('holds 100k entries, dropping the oldest past the cap (its speed: npm run bench:log)', () => {
    const { model, frame } = setup('naive', { maxEntries: 100_000 })
    const byte = new Uint8Array([0x41])
    for (let i = 0; i < 60_000; i++) model.chunk('received', byte, i)
    frame()
    const snap = model.getSnapshot()
    // Every naive chunk is also a message: 120k entries plus the session event, trimmed by tenths.
    expect(snap.total).toBeLessThanOrEqual(100_000)
    expect(snap.dropped).toBeGreaterThan(0)
    expect(snap.total + snap.dropped).toBe(120_001)
    expect(snap.visible).toHaveLength(snap.total)
    expect(snap.visible[0]!.id).toBe(snap.dropped + 1)
    expect(snap.visible.at(-1)).toMatchObject({ kind: 'message', n: 60_000 })
  })
})
