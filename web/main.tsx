// Entry point: builds the client panes' ClientSessions with the browser's WebSocket and storage, then renders the page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { browserSocket } from './session/connection.ts'
import { ClientSession } from './session/client-session.ts'
import { LOG_KEY, persistLog, restoreLog, type StorageLike } from './log/json/persist.ts'
import { PaneSet, isPaneName, type PaneName } from './playground/panes/panes.ts'
import { bridgeLocation } from './targets/targets.ts'
import { installTestHooks } from './test-hooks.ts'
import './styles.css'

// Reading window.sessionStorage itself throws when storage is disabled, so probe it once.
function storage(name: 'sessionStorage' | 'localStorage'): StorageLike | undefined {
  try {
    return window[name]
  } catch {
    return undefined
  }
}

const PANES_KEY = 'wire-lab.panes.v1'
const tabStorage = storage('sessionStorage')
// Pane A keeps the key the single-pane page used, so an older tab's log is still restored.
const logKey = (name: PaneName) => (name === 'A' ? LOG_KEY : `${LOG_KEY}.${name}`)
const persisters = new Map<PaneName, { save(): void; stop(): void }>()

function savedPanes(): PaneName[] {
  try {
    const names: unknown = JSON.parse(tabStorage?.getItem(PANES_KEY) ?? '["A"]')
    return Array.isArray(names) ? names.filter(isPaneName) : ['A']
  } catch {
    return ['A']
  }
}

const panes = new PaneSet(
  {
    create: (name) => {
      const session = new ClientSession({
        socket: browserSocket,
        log: { initial: restoreLog(tabStorage, logKey(name)) },
      })
      if (tabStorage) persisters.set(name, persistLog(session.log, tabStorage, 1000, logKey(name)))
      return session
    },
    release: (pane) => {
      persisters.get(pane.name)?.stop()
      persisters.delete(pane.name)
      tabStorage?.removeItem(logKey(pane.name))
    },
    changed: (names) => {
      try {
        tabStorage?.setItem(PANES_KEY, JSON.stringify(names))
      } catch {
        // Not remembering the pane count is harmless.
      }
    },
  },
  savedPanes(),
)
window.addEventListener('pagehide', () => persisters.forEach((p) => p.save()))
if (new URLSearchParams(window.location.search).has('test-hooks')) installTestHooks(panes)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App
      bridge={bridgeLocation(window.location.href)}
      panes={panes}
      prefsStorage={storage('localStorage')}
      prefersDark={window.matchMedia('(prefers-color-scheme: dark)').matches}
    />
  </StrictMode>,
)
