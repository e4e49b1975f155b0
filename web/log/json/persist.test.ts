import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeFrame } from '../../../shared/framing.ts'
import {
  LOG_KEY,
  entryJsonSize,
  parseLog,
  persistLog,
  restoreLog,
  serializeLog,
} from './persist.ts'
import { entryToJson } from './entry-json.ts'
import type { StorageLike } from '../../lib/storage.ts'
import type { Entry } from '../entries.ts'
import { LogModel } from '../model.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

class MemoryStorage implements StorageLike {
  map = new Map<string, string>()
  quota = Infinity
  writes = 0
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('full', 'QuotaExceededError')
    this.writes++
    this.map.set(key, value)
  }
  removeItem(key: string) {
    this.map.delete(key)
  }
}

function filledModel(): LogModel {
  const model = new LogModel({ schedule: () => {} })
  model.beginSession('127.0.0.1:3215', 'length')
  model.chunk('sent', new Uint8Array([0, 0, 0, 2, 0x7b, 0x7d]), 3)
  const reply = encodeFrame(
    'length',
    utf8('{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "ok"}'),
  )
  model.chunk('received', reply.subarray(0, 20), 5)
  model.chunk('received', reply.subarray(20), 6)
  model.event({ type: 'fin', at: 7, bytes: { toTarget: 6, fromTarget: 20 } }, 7)
  return model
}

describe('log persistence', () => {
  it('round-trips chunks, messages and events, marked as the previous session', () => {
    const model = filledModel()
    const restored = parseLog(serializeLog(model.all()))
    expect(restored).toHaveLength(model.all().length)
    const strip = (e: Entry) => ({ ...e, previous: undefined })
    expect(restored.map(strip)).toEqual(model.all().map((e) => ({ ...e, previous: undefined })))
    expect(restored.every((e) => e.previous)).toBe(true)
  })

  it('keeps the newest entries within the budget, renumbered from 1', () => {
    const model = new LogModel({ schedule: () => {} })
    for (let i = 0; i < 100; i++) model.event({ type: 'ws-open' }, i)
    const restored = parseLog(serializeLog(model.all(), 500))
    expect(restored.length).toBeGreaterThan(0)
    expect(restored.length).toBeLessThan(100)
    expect(restored[0]!.id).toBe(1)
    expect(restored.at(-1)!.t).toBe(99)
  })

  it('restores with a divider, and a model built from it continues numbering', () => {
    const storage = new MemoryStorage()
    storage.setItem(LOG_KEY, serializeLog(filledModel().all()))
    const initial = restoreLog(storage)
    expect(initial.at(-1)).toMatchObject({ kind: 'event', event: { type: 'restored' } })
    const model = new LogModel({ schedule: () => {}, initial })
    model.beginSession('127.0.0.1:3213', 'json')
    model.chunk('received', utf8('{}'), 0)
    const chunks = model.all().filter((e) => e.kind === 'chunk')
    expect(chunks.map((c) => c.kind === 'chunk' && c.n)).toEqual([1, 2, 3, 4])
    expect(model.all().map((e) => e.id)).toEqual(model.all().map((_, i) => i + 1))
  })

  it('ignores storage that holds something else', () => {
    expect(parseLog('not json')).toEqual([])
    expect(parseLog('{"v":2,"entries":[]}')).toEqual([])
    expect(
      parseLog(
        '{"v":1,"entries":[{"kind":"chunk"},{"kind":"event","id":1,"t":0,"event":{"type":"ws-open"}}]}',
      ),
    ).toHaveLength(1)
    expect(restoreLog(undefined)).toEqual([])
  })

  it('saves after changes, halves the budget on quota errors, and clears with the log', () => {
    const storage = new MemoryStorage()
    const model = filledModel()
    const persist = persistLog(model, storage, 0)
    storage.quota = serializeLog(model.all()).length - 1
    model.flush()
    persist.save()
    expect(storage.getItem(LOG_KEY)).toBeNull()
    storage.quota = Infinity
    persist.save()
    expect(parseLog(storage.getItem(LOG_KEY))).toHaveLength(model.all().length)
    model.clear()
    persist.save()
    expect(storage.getItem(LOG_KEY)).toBeNull()
    persist.stop()
  })
})

describe('saving a large or flooding log', () => {
  afterEach(() => vi.useRealTimers())

  it('knows a lower bound of the JSON length of each entry without writing it', () => {
    for (const entry of filledModel().all()) {
      expect(entryJsonSize(entry)).toBeLessThanOrEqual(JSON.stringify(entryToJson(entry)).length)
    }
  })

  it('keeps a contiguous run of the newest entries, and never writes one past the budget', () => {
    const model = new LogModel({ schedule: () => {} })
    model.beginSession('127.0.0.1:4000', 'json')
    for (let i = 0; i < 20; i++) model.chunk('received', new Uint8Array(10_000).fill(0x61), i)
    model.chunk('received', new Uint8Array(600_000).fill(0x61), 20)
    const cache = new Map()
    // The json framing rejects the letters: each chunk is followed by a message saying so.
    const kinds = () => parseLog(serializeLog(model.all(), 1_000_000, cache)).map((e) => e.kind)
    // The big chunk's 1.2 million hex digits do not fit, so nothing older is kept either.
    expect(kinds()).toEqual(['message'])
    expect(cache.size).toBe(1)
    model.event({ type: 'ws-open' }, 21)
    expect(kinds()).toEqual(['message', 'event'])
  })

  it('reuses the text of entries written last time and forgets the ones it no longer keeps', () => {
    const model = new LogModel({ schedule: () => {} })
    for (let i = 0; i < 50; i++) model.event({ type: 'ws-open' }, i)
    const cache = new Map()
    const first = serializeLog(model.all(), 2000, cache)
    const held = cache.size
    expect(held).toBeGreaterThan(0)
    expect(held).toBeLessThan(50)
    expect(serializeLog(model.all(), 2000, cache)).toBe(first)
    for (let i = 50; i < 100; i++) model.event({ type: 'ws-open' }, i)
    serializeLog(model.all(), 2000, cache)
    expect(cache.size).toBe(held)
    expect([...cache.keys()].every((e) => e.t >= 50)).toBe(true)
  })

  it('saves once changes pause, and at most every maxWait while they never do', () => {
    vi.useFakeTimers()
    const storage = new MemoryStorage()
    const model = new LogModel({ schedule: () => {} })
    const persist = persistLog(model, storage, 1000, LOG_KEY, 10_000)
    // A change every 100 ms for 25 s, as a flood's frames bring.
    for (let i = 0; i < 250; i++) {
      model.event({ type: 'ws-open' }, i)
      model.flush()
      vi.advanceTimersByTime(100)
    }
    expect(storage.writes).toBe(2)
    vi.advanceTimersByTime(1000)
    expect(storage.writes).toBe(3)
    expect(parseLog(storage.getItem(LOG_KEY))).toHaveLength(250)
    vi.advanceTimersByTime(60_000)
    expect(storage.writes).toBe(3)
    persist.stop()
  })
})
