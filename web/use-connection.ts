// React's view of the plain model: hooks over the Lab's stores with useSyncExternalStore.
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { ConnectionState } from './connection.ts'
import type { Lab } from './lab.ts'
import type { LogSnapshot } from './log-entries.ts'
import type { ScenarioState } from './scenario.ts'

/** The Lab around a component: each client pane (ClientPane) and each mode provides its own. */
export const LabContext = createContext<Lab | null>(null)

/** The Lab from context; a programmer error outside the provider. */
export function useLab(): Lab {
  const lab = useContext(LabContext)
  if (!lab) throw Object.assign(new Error('useLab outside LabContext'), { code: 'WL_ERR_NO_LAB' })
  return lab
}

// One state-change subscription per Lab, so React sees a stable subscribe function.
const stateSubscribers = new WeakMap<Lab, (onChange: () => void) => () => void>()
function subscribeState(lab: Lab): (onChange: () => void) => () => void {
  let subscribe = stateSubscribers.get(lab)
  if (!subscribe) {
    subscribe = (onChange) =>
      lab.connection.subscribe((e) => {
        if (e.type === 'state') onChange()
      })
    stateSubscribers.set(lab, subscribe)
  }
  return subscribe
}

/** The connection's state; re-renders on every state change (not on data). */
export function useConnectionState(): ConnectionState {
  const lab = useLab()
  return useSyncExternalStore(subscribeState(lab), lab.connection.getState)
}

/** The log's snapshot; re-renders at most once per animation frame. */
export function useLog(): LogSnapshot {
  const lab = useLab()
  return useSyncExternalStore(lab.log.subscribe, lab.log.getSnapshot)
}

/** The scenario runner's state. */
export function useScenario(): ScenarioState {
  const lab = useLab()
  return useSyncExternalStore(lab.scenario.subscribe, lab.scenario.getSnapshot)
}
