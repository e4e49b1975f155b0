import { describe, expect, it } from 'vitest'
import { LogModel } from '../model.ts'
import { estimate } from './LogRow.tsx'
import { tailLength } from './TailRows.tsx'

function log(events: number, chunks: number) {
  const model = new LogModel({ schedule: () => {} })
  for (let i = 0; i < events; i++) model.event({ type: 'ws-open' }, i)
  for (let i = 0; i < chunks; i++) model.chunk('received', new Uint8Array(1000), i)
  return model.all()
}

describe('the rows drawn while following', () => {
  it('fill the view with the newest rows, and three more, whatever the length of the log', () => {
    const rows = log(100_000, 0)
    const n = tailLength(rows, 400)
    const guessed = (k: number) => rows.slice(-k).reduce((sum, e) => sum + estimate(e), 0)
    expect(guessed(n - 3)).toBeGreaterThanOrEqual(400)
    expect(guessed(n - 4)).toBeLessThan(400)
    // Rows drawn three times as tall as guessed: a third as many fill the view.
    expect(tailLength(rows, 400, 3)).toBe(Math.ceil((n - 3) / 3) + 3)
  })

  it('are at most sixty, and no more than the log holds', () => {
    expect(tailLength(log(0, 10), 400)).toBe(4)
    expect(tailLength(log(1000, 0), 100_000)).toBe(60)
    expect(tailLength(log(1, 0), 400)).toBe(1)
    expect(tailLength([], 400)).toBe(0)
  })
})
