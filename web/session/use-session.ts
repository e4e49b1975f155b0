// React's view of the plain model: hooks over a ClientSession's stores with useSyncExternalStore.
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { ConnectionState } from './connection.ts'
import type { ClientSession } from './client-session.ts'
import type { LogSnapshot } from '../log/entries.ts'
import { wlError } from '../../shared/errors.ts'

/** The ClientSession around a component: each client pane (ClientPane) and each mode provides its own. */
export const SessionContext = createContext<ClientSession | null>(null)

/** The ClientSession from context; a programmer error outside the provider. */
export function useSession(): ClientSession {
  const session = useContext(SessionContext)
  if (!session) throw wlError('WL_ERR_NO_SESSION', 'useSession outside SessionContext')
  return session
}

// One state-change subscription per ClientSession, so React sees a stable subscribe function.
const stateSubscribers = new WeakMap<ClientSession, (onChange: () => void) => () => void>()
function subscribeState(session: ClientSession): (onChange: () => void) => () => void {
  let subscribe = stateSubscribers.get(session)
  if (!subscribe) {
    subscribe = (onChange) =>
      session.connection.subscribe((e) => {
        if (e.type === 'state') onChange()
      })
    stateSubscribers.set(session, subscribe)
  }
  return subscribe
}

/** The connection's state; re-renders on every state change (not on data). */
export function useConnectionState(): ConnectionState {
  const session = useSession()
  return useSyncExternalStore(subscribeState(session), session.connection.getState)
}

/** The log's snapshot; re-renders at most once per animation frame. */
export function useLog(): LogSnapshot {
  const session = useSession()
  return useSyncExternalStore(session.log.subscribe, session.log.getSnapshot)
}
