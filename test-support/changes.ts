// Waiting in tests without a clock: a condition is re-checked each time something reports a change.

/** Conditions that tests wait on, re-checked whenever `changed()` is called (never on a timer). */
export class Changes {
  private readonly waiters = new Set<() => void>()
  private queued = false

  /**
   * Something a condition may read has changed. The re-check runs once the current event's listeners
   * have all run, so state a later listener of the same event sets is seen too.
   */
  readonly changed = (): void => {
    if (this.queued) return
    this.queued = true
    queueMicrotask(() => {
      this.queued = false
      for (const waiter of [...this.waiters]) waiter()
    })
  }

  /** Resolves once `check()` holds, re-checked on every change; rejects after `ms` (a deadline, not a poll). */
  until(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer)
        this.waiters.delete(waiter)
      }
      const waiter = () => {
        if (!check()) return
        stop()
        resolve()
      }
      const timer = setTimeout(() => {
        stop()
        reject(new Error(`timed out waiting for ${what}`))
      }, ms)
      this.waiters.add(waiter)
    })
  }
}
