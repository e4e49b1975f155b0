// A clock that moves only when a test says so, for the reader's and runner's timeouts (tests only).
import type { Clock } from './types.ts'

/** Lets pending promise callbacks run (a bounded number of turns; no timer involved). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve()
}

/** Timers fire in order as `advance` moves time; nothing fires on its own. */
export class FakeClock implements Clock {
  private time = 0
  private seq = 0
  private readonly timers = new Map<number, { at: number; callback: () => void }>()

  now(): number {
    return this.time
  }

  set(callback: () => void, ms: number): unknown {
    const id = ++this.seq
    this.timers.set(id, { at: this.time + ms, callback })
    return id
  }

  clear(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  /** Moves time forward by `ms`, firing each due timer and letting promises settle after it. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    await settle()
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined
      for (const entry of this.timers) if (!next || entry[1].at < next[1].at) next = entry
      if (!next || next[1].at > end) break
      this.timers.delete(next[0])
      this.time = next[1].at
      next[1].callback()
      await settle()
    }
    this.time = end
  }
}
