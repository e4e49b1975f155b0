// The page: header, display preferences, the mode switch, and the playground's client panes or another mode.
import { useEffect, useState, type ComponentType } from 'react'
import { z } from 'zod'
import { en as zodEn, pt as zodPt } from 'zod/locales'
import { Header } from './prefs/Header.tsx'
import { ModeTabs } from './modes/ModeTabs.tsx'
import { Playground, PlaygroundActions } from './playground/Playground.tsx'
import { MESSAGES, type Lang } from './i18n/messages.ts'
import type { StorageLike } from './log/json/persist.ts'
import { BotMenu } from './modes/bot/BotMenu.tsx'
import { FramingLab } from './modes/framing-lab/FramingLab.tsx'
import { Tour } from './modes/tour/Tour.tsx'
import { MODE_IDS, hashOf, modeFromHash, type ModeId } from './modes/mode-tabs.ts'
import type { PaneSet } from './playground/panes/panes.ts'
import { applyPrefs, loadPrefs, savePrefs, type Prefs } from './prefs/prefs.ts'
import type { BridgeLocation } from './targets/targets.ts'
import { I18nContext } from './i18n/use-i18n.ts'
import { usePlayground } from './playground/use-playground.ts'
import { ThemeContext } from './prefs/use-theme.ts'

/** Zod's own messages (e.g. in `z.prettifyError`) follow the page's language. */
export function setZodLocale(lang: Lang): void {
  z.config(lang === 'pt' ? zodPt() : zodEn())
}

// The modes besides the playground, each with its own ClientSession; only modes that exist get a tab.
const OTHER_MODES: Partial<Record<ModeId, ComponentType<{ bridge: BridgeLocation }>>> = {
  framing: FramingLab,
  tour: Tour,
  bot: BotMenu,
}
const MODES: readonly ModeId[] = MODE_IDS.filter((m) => m === 'playground' || OTHER_MODES[m])

interface Props {
  bridge: BridgeLocation
  /** The playground's client panes, each with its own ClientSession. */
  panes: PaneSet
  /** Where preferences persist (localStorage in the page). */
  prefsStorage: StorageLike | undefined
  prefersDark: boolean
}

// The mode in the URL hash, kept in step both ways (links, back button, tab clicks).
function useHashMode(): [ModeId, (mode: ModeId) => void] {
  const [mode, setMode] = useState<ModeId>(() => modeFromHash(window.location.hash, MODES))
  useEffect(() => {
    const onHash = () => setMode((current) => modeFromHash(window.location.hash, MODES, current))
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
export function App({ bridge, panes, prefsStorage, prefersDark }: Props) {
  const [prefs, setPrefsState] = useState<Prefs>(() => {
    const loaded = loadPrefs(prefsStorage, prefersDark)
    setZodLocale(loaded.lang)
    return loaded
  })
  const t = MESSAGES[prefs.lang]
  const setPrefs = (next: Prefs) => {
    setZodLocale(next.lang)
    setPrefsState(next)
  }
  useEffect(() => {
    applyPrefs(document.documentElement, prefs)
    savePrefs(prefsStorage, prefs)
    document.title = `${t.title} — ${t.subtitle}`
  }, [prefs, prefsStorage, t])

  const [mode, setMode] = useHashMode()
  const playground = usePlayground(panes)
  const Other = mode === 'playground' ? undefined : OTHER_MODES[mode]
  const firstPane = playground.review ? 'ra' : playground.list[0]?.name.toLowerCase()

  return (
    <I18nContext.Provider value={t}>
      <ThemeContext.Provider value={prefs.theme}>
        {mode === 'playground' && (
          <a className="skip-link" href={`#${firstPane}-log`}>
            {t.skipToLog}
          </a>
        )}
        <Header prefs={prefs} onChange={setPrefs} />
        <ModeTabs modes={MODES} current={mode} onChange={setMode}>
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
            <Playground panes={panes} state={playground} bridge={bridge} />
          </div>
          {Other && (
            <div
              className="mode-panel"
              role="tabpanel"
              id={`mode-${mode}`}
              aria-labelledby={`mode-tab-${mode}`}
            >
              <Other bridge={bridge} />
            </div>
          )}
        </main>
      </ThemeContext.Provider>
    </I18nContext.Provider>
  )
}
