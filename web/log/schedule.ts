// When the log publishes a batch of changes: at an animation frame, at most every 50 ms.

/**
 * Runs each callback at the first animation frame at least `gapMs` after the last one it ran (in
 * Node, where there are no frames, after 16 ms). A flood changes the log every frame; drawing it
 * 60 times a second leaves the page little time for a click, while 20 a second reads the same.
 */
export function frameScheduler(gapMs = 50): (callback: () => void) => void {
  let last = -Infinity
  return (callback) => {
    if (typeof requestAnimationFrame !== 'function') {
      setTimeout(callback, 16)
      return
    }
    const run = (now: number) => {
      if (now - last < gapMs) {
        requestAnimationFrame(run)
        return
      }
      last = now
      callback()
    }
    requestAnimationFrame(run)
  }
}
