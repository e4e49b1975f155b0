import { describe, expect, it } from 'vitest'
import { frameStats } from './test-hooks.ts'

describe('frameStats', () => {
  it('reports the median, the 95th percentile and the worst frame', () => {
    const deltas = Array.from({ length: 100 }, (_, i) => (i < 90 ? 16.7 : i < 99 ? 33.3 : 120))
    expect(frameStats(deltas)).toEqual({ frames: 100, p50: 16.7, p95: 33.3, max: 120 })
    expect(frameStats([])).toEqual({ frames: 0, p50: 0, p95: 0, max: 0 })
  })
})
