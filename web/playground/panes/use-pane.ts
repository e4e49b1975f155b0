// Which client pane a component is in, so element ids stay unique when two panes share the page.
import { createContext, useCallback, useContext } from 'react'

/** The pane around a component; outside any pane the prefix is empty and ids are used as is. */
export const PanePrefix = createContext('')

/** Makes an id unique on the page: `target` becomes `b-target` inside pane B. */
export function usePaneId(): (name: string) => string {
  const prefix = useContext(PanePrefix)
  return useCallback((name: string) => (prefix ? `${prefix}-${name}` : name), [prefix])
}
