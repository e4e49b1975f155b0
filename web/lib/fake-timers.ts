// Timers a unit test fires by hand, so delays and timeouts need no real time.

/** A setTimer/clearTimer pair that only records; `fire()` runs the oldest pending callback. */
export function manualTimers() {
  const pending = new Map<number, { cb: () => void; ms: number }>()
  let next = 1
  return {
    setTimer: (cb: () => void, ms: number) => {
      pending.set(next, { cb, ms })
      return next++
    },
    clearTimer: (h: unknown) => void pending.delete(h as number),
    /** Fires the oldest pending timer and returns its delay. */
    fire(): number | undefined {
      const first = pending.entries().next().value
      if (!first) return undefined
      pending.delete(first[0])
      first[1].cb()
      return first[1].ms
    },
    get size() {
      return pending.size
    },
  }
}
