// Whether a CSS media query matches, kept in step with the window (for what CSS alone cannot change).
import { useCallback, useSyncExternalStore } from 'react'

/** True while `query` matches, e.g. `(max-width: 1180px)`; false where there is no window. */
export function useMedia(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    [query],
  )
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  )
}

/** Below this width the page uses its compact forms: short option texts, icon actions. */
export const NARROW = '(max-width: 1180px)'
