import { afterEach, describe, expect, it, vi } from 'vitest'
import { frameScheduler } from './schedule.ts'

describe('frameScheduler', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('runs at the next frame, then no sooner than 50 ms after the last run', () => {
    let frames: ((now: number) => void)[] = []
    vi.stubGlobal('requestAnimationFrame', (cb: (now: number) => void) => frames.push(cb))
    const frame = (now: number) => {
      const due = frames
      frames = []
      for (const cb of due) cb(now)
    }
    const ran: number[] = []
    const schedule = frameScheduler(50)
    schedule(() => ran.push(1))
    frame(1000)
    expect(ran).toEqual([1])
    // A flood: a change every frame, 60 frames a second.
    schedule(() => ran.push(2))
    for (let t = 1016; t < 1050; t += 16) frame(t)
    expect(ran).toEqual([1])
    frame(1050)
    expect(ran).toEqual([1, 2])
    // After a quiet spell, the next change is drawn at the next frame.
    schedule(() => ran.push(3))
    frame(2000)
    expect(ran).toEqual([1, 2, 3])
  })
})
