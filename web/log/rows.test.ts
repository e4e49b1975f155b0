import { describe, expect, it } from 'vitest'
import { ALL, type Entry } from './entries.ts'
import { FilteredRows } from './rows.ts'

const ev = (id: number): Entry => ({ kind: 'event', id, t: id, event: { type: 'ws-open' } })
const chunk = (id: number, dir: 'sent' | 'received' = 'sent'): Entry => ({
  kind: 'chunk',
  id,
  t: id,
  n: id,
  dir,
  bytes: new Uint8Array([id]),
  offset: 0,
  marks: [],
  spans: [],
})

describe('FilteredRows', () => {
  it('appends what passes the filter and hands out a stable copy until a change', () => {
    const rows = new FilteredRows({ ...ALL, events: false })
    rows.add(ev(1))
    rows.add(chunk(2))
    const first = rows.snapshot()
    expect(first.map((e) => e.id)).toEqual([2])
    expect(rows.snapshot()).toBe(first)
    rows.add(chunk(3))
    expect(rows.snapshot().map((e) => e.id)).toEqual([2, 3])
    expect(first.map((e) => e.id)).toEqual([2])
  })

  it('replaces a changed entry in place and ignores one the filter hides', () => {
    const rows = new FilteredRows({ ...ALL, received: false })
    for (const e of [chunk(1), chunk(2, 'received'), chunk(3)]) rows.add(e)
    const changed = { ...chunk(3), t: 99 }
    rows.replace(changed)
    rows.replace({ ...chunk(2, 'received'), t: 99 })
    expect(rows.snapshot()).toEqual([chunk(1), changed])
  })

  it('drops rows older than the log keeps, and rebuilds for a new filter', () => {
    const entries = [ev(1), chunk(2), ev(3), chunk(4), ev(5)]
    const rows = new FilteredRows(ALL)
    entries.forEach((e) => rows.add(e))
    rows.dropBefore(3)
    expect(rows.snapshot().map((e) => e.id)).toEqual([3, 4, 5])
    expect(rows.indexOf(4)).toBe(1)
    rows.reset(entries.slice(2), { ...ALL, chunks: false })
    expect(rows.snapshot().map((e) => e.id)).toEqual([3, 5])
  })
})
