// React's view of the page's WorkspaceStore: provided once by App, read by the group control and each pane's status.
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { WorkspaceState, WorkspaceStore } from './workspace-store.ts'

/** The page's WorkspaceStore; absent in components rendered on their own (tests, reviews). */
export const WorkspaceContext = createContext<WorkspaceStore | null>(null)

const none = () => () => {}
const nothing = () => undefined

/** The page's group and tab id, or undefined outside a WorkspaceContext. */
export function useWorkspace(): WorkspaceState | undefined {
  const store = useContext(WorkspaceContext)
  return useSyncExternalStore(store?.subscribe ?? none, store?.getSnapshot ?? nothing)
}
