// The page's allow-list for components: the shared TargetsStore's state, re-rendering on each change.
import { useSyncExternalStore } from 'react'
import type { TargetsState, TargetsStore } from './targets-store.ts'

/** The allow-list's current state; `store.retry` fetches it again. */
export function useTargets(store: TargetsStore): TargetsState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
