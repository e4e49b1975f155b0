// The page: header, connection bar, request builder with presets and scenario, and the live log.
import { useEffect, useReducer, useState } from 'react'
import { z } from 'zod'
import { en as zodEn, pt as zodPt } from 'zod/locales'
import type { Framing } from '../shared/framing.ts'
import { ConnectionBar, type Selection } from './components/ConnectionBar.tsx'
import { Header } from './components/Header.tsx'
import { LiveLog } from './components/LiveLog.tsx'
import { Presets } from './components/Presets.tsx'
import { RequestBuilder, type BuilderTab } from './components/RequestBuilder.tsx'
import { ScenarioPanel } from './components/ScenarioPanel.tsx'
import { MESSAGES, type Lang } from './i18n.ts'
import type { StorageLike } from './log-store.ts'
import { applyPrefs, loadPrefs, savePrefs, type Prefs } from './prefs.ts'
import { INITIAL_FORM, builderFromForm, builderReducer, rawToForm } from './request.ts'
import { defaultOption, type BridgeLocation } from './targets.ts'
import { useConnectionState, useLab } from './use-connection.ts'
import { I18nContext } from './use-i18n.ts'
import { useTargets } from './use-targets.ts'

/** Zod's own messages (e.g. in `z.prettifyError`) follow the page's language. */
export function setZodLocale(lang: Lang): void {
  z.config(lang === 'pt' ? zodPt() : zodEn())
}

interface Props {
  bridge: BridgeLocation
  /** Where preferences persist (localStorage in the page). */
  prefsStorage: StorageLike | undefined
  prefersDark: boolean
}

/** The whole page; the Lab comes from LabContext. */
export function App({ bridge, prefsStorage, prefersDark }: Props) {
  const lab = useLab()
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

  const state = useConnectionState()
  const { state: targets, retry } = useTargets(bridge.targetsUrl)
  const [picked, setPicked] = useState<Selection | undefined>()
  const [framingChoice, setFramingChoice] = useState<Framing | undefined>()
  const options = targets.status === 'ready' ? targets.options : []
  // Until the user picks, the bridge's default target is selected; the framing follows the target.
  const fallback = targets.status === 'ready' ? defaultOption(targets.info, options) : undefined
  const selection: Selection =
    picked && (targets.status === 'error' || options.some((o) => o.id === picked.optionId))
      ? picked
      : { optionId: fallback?.id ?? '', port: fallback ? String(fallback.from) : '' }
  const option = options.find((o) => o.id === selection.optionId)
  const busy = state.status === 'connecting' || state.status === 'open'
  const framing: Framing = busy ? lab.currentFraming : (framingChoice ?? option?.framing ?? 'json')

  const [builder, dispatch] = useReducer(builderReducer, INITIAL_FORM, builderFromForm)
  const [tab, setTab] = useState<BuilderTab>('form')
  const canSend = state.status === 'open'

  useEffect(() => {
    // Ctrl+Enter (Cmd+Enter on a Mac) sends from anywhere, so the teacher need not find the button.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return
      e.preventDefault()
      lab.send(builder.raw)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [lab, builder.raw])

  return (
    <I18nContext.Provider value={t}>
      <a className="skip-link" href="#log">
        {t.skipToLog}
      </a>
      <Header prefs={prefs} onChange={setPrefs} />
      <main className="app-main">
        <ConnectionBar
          targets={targets}
          onRetryTargets={retry}
          selection={selection}
          onSelection={(next) => {
            if (next.optionId !== selection.optionId) setFramingChoice(undefined)
            setPicked(next)
          }}
          framing={framing}
          onFraming={setFramingChoice}
          state={state}
          bridgeUrl={bridge.wsUrl}
          targetsUrl={bridge.targetsUrl}
          onConnect={(target) => lab.connect(bridge.wsUrl, target, framing)}
          onDisconnect={() => lab.disconnect()}
        />
        <div className="workspace">
          <div className="column">
            <RequestBuilder
              builder={builder}
              dispatch={dispatch}
              tab={tab}
              onTab={setTab}
              framing={framing}
              canSend={canSend}
              onSend={() => lab.send(builder.raw)}
            />
            <ScenarioPanel connected={canSend} />
            <Presets
              onLoad={(raw) => {
                dispatch({ type: 'load', raw })
                if (!rawToForm(raw)) setTab('raw')
              }}
            />
          </div>
          <LiveLog />
        </div>
      </main>
    </I18nContext.Provider>
  )
}
