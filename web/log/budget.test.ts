import { describe, expect, it } from 'vitest'
import { ENTRY_OVERHEAD, entryCost } from './budget.ts'
import type { Entry } from './entries.ts'
import { LogModel } from './model.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const MiB = 1024 * 1024
const sum = (entries: readonly Entry[]) => entries.reduce((n, e) => n + entryCost(e), 0)

// One ~1 KiB answer, as a runaway server repeats it.
function answer(n: number): Uint8Array {
  return utf8(
    `{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "${String(n).padStart(6, '0')} ${'x'.repeat(960)}"}`,
  )
}

function flooded(maxBytes: number) {
  const model = new LogModel({ schedule: () => {}, maxBytes })
  model.beginSession('127.0.0.1:4000', 'json')
  return model
}

describe('entryCost', () => {
  it('counts a chunk by its bytes and marks, a message by its body and text', () => {
    const model = new LogModel({ schedule: () => {} })
    model.beginSession('127.0.0.1:4000', 'json')
    const bytes = answer(1)
    model.chunk('received', bytes, 0)
    const [event, chunk, message] = model.all()
    expect(entryCost(event!)).toBe(ENTRY_OVERHEAD)
    // Two marks: where the message starts and where it ends.
    expect(entryCost(chunk!)).toBe(ENTRY_OVERHEAD + bytes.length + 2 * 32)
    expect(message?.kind === 'message' && message.view.type).toBe('response')
    expect(entryCost(message!)).toBe(ENTRY_OVERHEAD + bytes.length + 3 * bytes.length)
  })
})

describe('the byte cap', () => {
  it('holds while a server floods 1 KiB answers, dropping the oldest and counting what went', () => {
    const cap = 1 * MiB
    const model = flooded(cap)
    let fed = 0
    // 64 answers per chunk, as the bridge relays a 64 KiB read: about 8 MiB in all.
    for (let c = 0; c < 128; c++) {
      const chunk = new Uint8Array(64 * answer(0).length)
      for (let i = 0; i < 64; i++) chunk.set(answer(c * 64 + i), i * answer(0).length)
      model.chunk('received', chunk, c)
      fed += chunk.length
      const { held } = model.usage()
      expect(held).toBeLessThanOrEqual(cap)
      expect(held).toBe(sum(model.all()))
    }
    const { held, dropped } = model.usage()
    expect(fed).toBeGreaterThan(7.5 * cap)
    expect(dropped.entries).toBeGreaterThan(0)
    // Everything fed is either held or dropped: the accounting loses nothing.
    const snap = (model.flush(), model.getSnapshot())
    expect(snap.total + snap.dropped).toBe(1 + 128 * 65)
    expect(snap.droppedBytes).toBe(dropped.bytes)
    expect(held + dropped.bytes).toBeGreaterThan(fed)
    // The newest answer is always kept, and the entries left are the newest ones, in order.
    const last = model.all().at(-1)!
    expect(last).toMatchObject({ kind: 'message', n: 128 * 64 })
    expect(model.all()[0]!.id).toBe(snap.dropped + 1)
  })

  it('holds for raw text in 64 KiB chunks, which no framing makes a message of', () => {
    const cap = 2 * MiB
    const model = flooded(cap)
    const text = utf8('linha do loop infinito\n'.repeat(2850)).subarray(0, 65_536)
    for (let i = 0; i < 200; i++) {
      model.chunk('received', text.slice(), i)
      expect(model.usage().held).toBeLessThanOrEqual(cap)
    }
    expect(model.usage().held).toBeGreaterThan(cap * 0.85)
    expect((model.flush(), model.getSnapshot()).dropped).toBeGreaterThan(100)
  })

  it('keeps a chunk given as a view into a larger buffer as a compact copy', () => {
    const model = flooded(MiB)
    const big = new Uint8Array(1 * MiB)
    model.chunk('received', big.subarray(0, 10), 0)
    const chunk = model.all().find((e) => e.kind === 'chunk')
    expect(chunk?.kind === 'chunk' && chunk.bytes.buffer.byteLength).toBe(10)
  })

  it('applies the caps to the entries it starts with, and adds the drops it is told of', () => {
    const source = new LogModel({ schedule: () => {} })
    for (let i = 0; i < 100; i++) source.event({ type: 'ws-open' }, i)
    const model = new LogModel({
      schedule: () => {},
      initial: source.all(),
      maxEntries: 50,
      initialDropped: { entries: 7, bytes: 700 },
    })
    const snap = (model.flush(), model.getSnapshot())
    expect(snap.total).toBeLessThanOrEqual(50)
    expect(snap.dropped).toBe(100 - snap.total + 7)
    expect(snap.droppedBytes).toBe((100 - snap.total) * ENTRY_OVERHEAD + 700)
    expect(model.all().at(-1)!.t).toBe(99)
  })

  it('starts counting again when cleared', () => {
    const model = flooded(64 * 1024)
    for (let i = 0; i < 10; i++) model.chunk('received', new Uint8Array(16 * 1024), i)
    expect((model.flush(), model.getSnapshot()).dropped).toBeGreaterThan(0)
    model.clear()
    expect(model.usage()).toEqual({ held: 0, dropped: { entries: 0, bytes: 0 } })
    expect((model.flush(), model.getSnapshot())).toMatchObject({
      dropped: 0,
      droppedBytes: 0,
      total: 0,
    })
  })
})
