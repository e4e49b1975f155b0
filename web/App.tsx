// The page: header, display preferences, the mode switch, and the playground's client panes or another mode.
import {
  Suspense,
  lazy,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ComponentType,
} from 'react'
import { z } from 'zod'
import { en as zodEn, pt as zodPt } from 'zod/locales'
import { PT, loadMessages, loadModeMessages, messagesOf, type Lang } from './i18n/messages.ts'
import { I18nContext } from './i18n/use-i18n.ts'
import type { StorageLike } from './lib/storage.ts'
import { ModeTabs } from './modes/ModeTabs.tsx'
import type { CheckStore } from './modes/check/check-store.ts'
import type { BotStore } from './modes/bot/bot-store.ts'
import type { ClassStore } from './modes/class/class-store.ts'
import type { FramingLabStore } from './modes/framing-lab/framing-lab-store.ts'
import { MODE_IDS, hashOf, modeFromHash, type ModeId } from './modes/mode-tabs.ts'
import type { TourStore } from './modes/tour/tour-store.ts'
import { Playground, PlaygroundActions } from './playground/Playground.tsx'
import type { PaneSet } from './playground/panes/panes.ts'
import { usePlayground } from './playground/use-playground.ts'
import { Header } from './prefs/Header.tsx'
import { applyPrefs, loadPrefs, savePrefs, type Prefs } from './prefs/prefs.ts'
import { ThemeContext } from './prefs/use-theme.ts'
import type { TargetsStore } from './targets/targets-store.ts'
import type { BridgeLocation } from './targets/targets.ts'
import { GroupControl } from './workspace/GroupControl.tsx'
import { WorkspaceContext } from './workspace/use-workspace.ts'
import type { WorkspaceStore } from './workspace/workspace-store.ts'

/** Zod's own messages (e.g. in `z.prettifyError`) follow the page's language. */
export function setZodLocale(lang: Lang): void {
  z.config(lang === 'pt' ? zodPt() : zodEn())
}

/** The page's plain models, built once in main.tsx with the browser's WebSocket and storage. */
export interface PageStores {
  /** The bridge's allow-list, fetched once and shared by every pane and mode. */
  targets: TargetsStore
  /** The playground's client panes, each with its own ClientSession. */
  panes: PaneSet
  /** The other modes' stores, made when their mode is first opened (code-split with it). */
  tour: () => Promise<TourStore>
  framingLab: () => Promise<FramingLabStore>
  bot: () => Promise<BotStore>
  check: () => Promise<CheckStore>
  /** The page's group and tab id, sent with every connection. */
  workspace: WorkspaceStore
  /** The teacher's view of the class. */
  class: ClassStore
}

interface Props {
  bridge: BridgeLocation
  stores: PageStores
  /** Where preferences persist (localStorage in the page). */
  prefsStorage: StorageLike | undefined
  prefersDark: boolean
}

// The modes besides the playground load when first opened, their code and their store together: the
// first screen carries only the playground.
type ModeViews = Record<Exclude<ModeId, 'playground'>, ComponentType>

function useModeViews(stores: PageStores): ModeViews {
  return useMemo(() => {
    const { targets } = stores
    return {
      tour: lazy(async () => {
        const [{ Tour }, store] = await Promise.all([
          import('./modes/tour/Tour.tsx'),
          stores.tour(),
          loadModeMessages('tour'),
        ])
        return { default: () => <Tour store={store} targets={targets} /> }
      }),
      framing: lazy(async () => {
        const [{ FramingLab }, store] = await Promise.all([
          import('./modes/framing-lab/FramingLab.tsx'),
          stores.framingLab(),
          loadModeMessages('framing'),
        ])
        return { default: () => <FramingLab store={store} targets={targets} /> }
      }),
      bot: lazy(async () => {
        const [{ BotMenu }, store] = await Promise.all([
          import('./modes/bot/BotMenu.tsx'),
          stores.bot(),
          loadModeMessages('bot'),
        ])
        return { default: () => <BotMenu store={store} targets={targets} /> }
      }),
      check: lazy(async () => {
        const [{ CheckMode }, store] = await Promise.all([
          import('./modes/check/CheckMode.tsx'),
          stores.check(),
          loadModeMessages('check'),
        ])
        return { default: () => <CheckMode store={store} targets={targets} /> }
      }),
      class: lazy(async () => {
        const [{ ClassView }] = await Promise.all([
          import('./modes/class/ClassView.tsx'),
          loadModeMessages('class'),
        ])
        return { default: () => <ClassView store={stores.class} targets={targets} /> }
      }),
    }
  }, [stores])
}

// The mode in the URL hash, kept in step both ways (links, back button, tab clicks).
function useHashMode(): [ModeId, (mode: ModeId) => void] {
  const [mode, setMode] = useState<ModeId>(() => modeFromHash(window.location.hash, MODE_IDS))
  useEffect(() => {
    const onHash = () => setMode((current) => modeFromHash(window.location.hash, MODE_IDS, current))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const choose = (next: ModeId) => {
    setMode(next)
    if (window.location.hash !== hashOf(next)) window.location.hash = hashOf(next)
  }
  return [mode, choose]
}

/** The whole page. */
export function App({ bridge, stores, prefsStorage, prefersDark }: Props) {
  const { panes } = stores
  const [prefs, setPrefsState] = useState<Prefs>(() => {
    const loaded = loadPrefs(prefsStorage, prefersDark)
    setZodLocale(loaded.lang)
    return loaded
  })
  // main.tsx loads the saved language before the first render; a switch loads it, then shows it.
  const t = messagesOf(prefs.lang) ?? PT
  const setPrefs = (next: Prefs) => {
    void loadMessages(next.lang).then(() => {
      setZodLocale(next.lang)
      setPrefsState(next)
    })
  }
  useEffect(() => {
    applyPrefs(document.documentElement, prefs)
    savePrefs(prefsStorage, prefs)
    document.title = `${t.title} — ${t.subtitle}`
  }, [prefs, prefsStorage, t])

  const [mode, setMode] = useHashMode()
  const views = useModeViews(stores)
  const ModeView = mode === 'playground' ? undefined : views[mode]
  // The class tab is the teacher's: shown with a key (from the teacher URL), or when #class asks for it.
  const teacher = useSyncExternalStore(stores.class.subscribe, stores.class.getSnapshot).hasKey
  const modes = teacher || mode === 'class' ? MODE_IDS : MODE_IDS.filter((m) => m !== 'class')
  const playground = usePlayground(panes)
  const firstPane = playground.review ? 'ra' : playground.list[0]?.name.toLowerCase()

  return (
    <I18nContext.Provider value={t}>
      <ThemeContext.Provider value={prefs.theme}>
        <WorkspaceContext.Provider value={stores.workspace}>
          {mode === 'playground' && (
            <a className="skip-link" href={`#${firstPane}-log`}>
              {t.skipToLog}
            </a>
          )}
          <Header prefs={prefs} onChange={setPrefs} />
          <ModeTabs modes={modes} current={mode} onChange={setMode}>
            {mode !== 'class' && <GroupControl store={stores.workspace} />}
            {mode === 'playground' && <PlaygroundActions panes={panes} state={playground} />}
          </ModeTabs>
          <main className="app-main">
            {/* The playground stays mounted while hidden, so its forms and connections survive a visit. */}
            <div
              className="mode-panel playground"
              role="tabpanel"
              id="mode-playground"
              aria-labelledby="mode-tab-playground"
              hidden={mode !== 'playground'}
            >
              <Playground
                panes={panes}
                state={playground}
                bridge={bridge}
                targets={stores.targets}
              />
            </div>
            {ModeView && (
              <div
                className="mode-panel"
                role="tabpanel"
                id={`mode-${mode}`}
                aria-labelledby={`mode-tab-${mode}`}
              >
                <Suspense fallback={<p className="mode-loading">{t.loadingMode}</p>}>
                  <ModeView />
                </Suspense>
              </div>
            )}
          </main>
        </WorkspaceContext.Provider>
      </ThemeContext.Provider>
    </I18nContext.Provider>
  )
}
