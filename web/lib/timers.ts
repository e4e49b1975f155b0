// Timers the plain models take as options: the browser's by default, a hand-fired clock in tests.

/** The injectable timers of a model's options (tests pass lib/fake-timers.ts). */
export interface Timers {
  /** Starts a timer; returns its handle. */
  setTimer?: (callback: () => void, ms: number) => unknown
  /** Cancels a timer by the handle setTimer returned. */
  clearTimer?: (handle: unknown) => void
}

/** The timers given in `options`, with setTimeout and clearTimeout for the missing ones. */
export function timersOf(options: Timers): Required<Timers> {
  return {
    setTimer: options.setTimer ?? ((callback, ms) => setTimeout(callback, ms)),
    clearTimer:
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
  }
}
