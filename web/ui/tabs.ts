// Keyboard moves in a WAI-ARIA tab list: the arrow keys go round the tabs, Home and End to the ends.

/** The tab after or before `current` for an arrow key, wrapping; Home and End go to the ends. */
export function nextTab<T>(tabs: readonly T[], current: T, key: string): T | undefined {
  const i = tabs.indexOf(current)
  switch (key) {
    case 'ArrowRight':
      return tabs[(i + 1) % tabs.length]
    case 'ArrowLeft':
      return tabs[(i + tabs.length - 1) % tabs.length]
    case 'Home':
      return tabs[0]
    case 'End':
      return tabs[tabs.length - 1]
    default:
      return undefined
  }
}
