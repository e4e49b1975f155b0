// Entry point: builds every store with the browser's WebSocket, fetch and storage, then renders the page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { loadMessages } from './i18n/messages.ts'
import { loadPrefs } from './prefs/prefs.ts'
import { App, type PageStores } from './App.tsx'
import { once } from './lib/once.ts'
import { browserStorage } from './lib/storage.ts'
import { LOG_KEY, persistLog, restoreLog } from './log/json/persist.ts'
import { ClassStore } from './modes/class/class-store.ts'
import { browserEventStream } from './modes/class/event-stream.ts'
import { TEACHER_KEY, hashWithoutKey, keepKey, keyFromHash } from './modes/class/teacher-key.ts'
import { PaneSet, isPaneName, type PaneName } from './playground/panes/panes.ts'
import { ClientSession } from './session/client-session.ts'
import { browserSocket } from './session/connection.ts'
import { CLASS_PATH } from '../shared/bridge-constants.ts'
import { TargetsStore } from './targets/targets-store.ts'
import { bridgeLocation } from './targets/targets.ts'
import { WorkspaceStore } from './workspace/workspace-store.ts'
import './styles.css'

const bridge = bridgeLocation(window.location.href)
const socket = browserSocket
const bridgeUrl = bridge.wsUrl

const PANES_KEY = 'wire-lab.panes.v1'
const tabStorage = browserStorage('sessionStorage')
// Every connection says which group the page joined and which tab and pane (or mode) it is.
const workspace = new WorkspaceStore(tabStorage)
const classStore = new ClassStore({
  apiUrl: new URL(CLASS_PATH, bridge.targetsUrl).toString(),
  key: takeTeacherKey() ?? tabStorage?.getItem(TEACHER_KEY) ?? undefined,
  storage: tabStorage,
  events: browserEventStream,
})
// The teacher URL may also be pasted into an open tab: only the fragment changes then.
window.addEventListener('hashchange', () => {
  const key = takeTeacherKey()
  if (key) classStore.setKey(key)
})

/** The key in `#class?key=K`, kept for the tab and taken off the address bar (a projector shows it). */
function takeTeacherKey(): string | undefined {
  const key = keyFromHash(window.location.hash)
  if (key === undefined) return undefined
  keepKey(tabStorage, key)
  history.replaceState(history.state, '', hashWithoutKey(window.location.hash))
  return key
}
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
        params: workspace.params(name),
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
// Only in the benchmark's build (vite build --mode bench): the page students get carries no test code.
if (
  import.meta.env.MODE === 'bench' &&
  new URLSearchParams(window.location.search).has('test-hooks')
) {
  void import('./test-hooks.ts').then((m) => m.installTestHooks(panes))
}

const targets = new TargetsStore(bridge.targetsUrl)
targets.load()
const stores: PageStores = {
  targets,
  panes,
  // The other modes' stores come with their code, when a mode is first opened.
  tour: once(async () => {
    const { TourStore } = await import('./modes/tour/tour-store.ts')
    return new TourStore({ socket, bridgeUrl, params: workspace.params('tour') })
  }),
  framingLab: once(async () => {
    const { FramingLabStore } = await import('./modes/framing-lab/framing-lab-store.ts')
    return new FramingLabStore({ socket, bridgeUrl, params: workspace.params('framing') })
  }),
  bot: once(async () => {
    const { BotStore } = await import('./modes/bot/bot-store.ts')
    return new BotStore(new ClientSession({ socket, params: workspace.params('bot') }), {
      bridgeUrl,
    })
  }),
  check: once(async () => {
    const { CheckStore } = await import('./modes/check/check-store.ts')
    return new CheckStore({ socket, bridgeUrl, params: workspace.params('check') })
  }),
  workspace,
  class: classStore,
}

const prefsStorage = browserStorage('localStorage')
const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches
// The saved language's dictionary first (English is a file of its own), so the page never flashes
// the other language.
void loadMessages(loadPrefs(prefsStorage, prefersDark).lang).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App bridge={bridge} stores={stores} prefsStorage={prefsStorage} prefersDark={prefersDark} />
    </StrictMode>,
  )
  // What a paused log needs, fetched while the page is idle (not part of the first screen's bytes).
  const prefetch = () => void import('./log/list/VirtualRows.tsx')
  if ('requestIdleCallback' in window) window.requestIdleCallback(prefetch, { timeout: 5_000 })
  else setTimeout(prefetch, 2_000)
})
