// Entry point: builds every store with the browser's WebSocket, fetch and storage, then renders the page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, type PageStores } from './App.tsx'
import { browserStorage } from './lib/storage.ts'
import { LOG_KEY, persistLog, restoreLog } from './log/json/persist.ts'
import { BotStore } from './modes/bot/bot-store.ts'
import { CheckStore } from './modes/check/check-store.ts'
import { FramingLabStore } from './modes/framing-lab/framing-lab-store.ts'
import { TourStore } from './modes/tour/tour-store.ts'
import { PaneSet, isPaneName, type PaneName } from './playground/panes/panes.ts'
import { ClientSession } from './session/client-session.ts'
import { browserSocket } from './session/connection.ts'
import { TargetsStore } from './targets/targets-store.ts'
import { bridgeLocation } from './targets/targets.ts'
import { installTestHooks } from './test-hooks.ts'
import './styles.css'

const bridge = bridgeLocation(window.location.href)
const socket = browserSocket
const bridgeUrl = bridge.wsUrl

const PANES_KEY = 'wire-lab.panes.v1'
const tabStorage = browserStorage('sessionStorage')
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
        socket,
        log: { initial: restoreLog(tabStorage, logKey(name)) },
      })
      if (tabStorage) {
        persisters.set(name, persistLog(session.log, tabStorage, 1000, logKey(name)))
      }
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

const targets = new TargetsStore(bridge.targetsUrl)
targets.load()
const stores: PageStores = {
  targets,
  panes,
  tour: new TourStore({ socket, bridgeUrl }),
  framingLab: new FramingLabStore({ socket, bridgeUrl }),
  bot: new BotStore(new ClientSession({ socket }), { bridgeUrl }),
  check: new CheckStore({ socket, bridgeUrl }),
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App
      bridge={bridge}
      stores={stores}
      prefsStorage={browserStorage('localStorage')}
      prefersDark={window.matchMedia('(prefers-color-scheme: dark)').matches}
    />
  </StrictMode>,
)
