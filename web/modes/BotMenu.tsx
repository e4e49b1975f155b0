// The bot menu mode: the lesson's service bot, each step a real request over its own connection, with a log.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { browserSocket } from '../connection.ts'
import { reasonSentence } from '../describe.ts'
import { Lab } from '../lab.ts'
import type { BridgeLocation } from '../targets.ts'
import { LabContext, useConnectionState } from '../use-connection.ts'
import { useT } from '../use-i18n.ts'
import { useTargets } from '../use-targets.ts'
import { BotDiagram } from './BotDiagram.tsx'
import { BotScreen } from './BotScreen.tsx'
import { BotSession, botTargets, defaultBotTarget, type BotTarget } from './bot-session.ts'
import { ModeLog } from './ModeLog.tsx'

// One bot per bridge for the page's lifetime, so leaving the tab and coming back finds the same user,
// position and log (the connection itself closes on leaving and reopens on the next step).
const sessions = new Map<string, BotSession>()
function sessionFor(bridgeUrl: string): BotSession {
  let session = sessions.get(bridgeUrl)
  if (!session) {
    session = new BotSession(new Lab({ socket: browserSocket }), { bridgeUrl })
    sessions.set(bridgeUrl, session)
  }
  return session
}

/** The guided menu beside the bytes it sends; it connects on the first step. */
export function BotMenu({ bridge }: { bridge: BridgeLocation }) {
  const t = useT().botMenu
  const session = sessionFor(bridge.wsUrl)
  useEffect(() => () => session.close(), [session])
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot)
  const { state: targetsState, retry } = useTargets(bridge.targetsUrl)
  const targets = useMemo(
    () => (targetsState.status === 'ready' ? botTargets(targetsState.options) : []),
    [targetsState],
  )
  const [picked, setPicked] = useState<string>()
  const target = targets.find((x) => x.id === picked) ?? defaultBotTarget(targets)
  useEffect(() => {
    if (target) session.setTarget(target.id, target.framing)
  }, [session, target])

  return (
    <LabContext.Provider value={session.lab}>
      <div className="mode-page bot-mode">
        <div className="mode-intro">
          <h2>{t.heading}</h2>
          <p>{t.intro}</p>
        </div>
        <div className="bot-grid">
          <section className="card bot-panel" aria-labelledby="bot-heading">
            <h3 id="bot-heading" className="sr-only">
              {t.heading}
            </h3>
            <BotBar
              targets={targets}
              targetsFailed={targetsState.status === 'error'}
              targetsUrl={bridge.targetsUrl}
              onRetry={retry}
              target={target}
              onTarget={setPicked}
              locked={state.pending !== undefined}
            />
            <BotScreen state={state} onAction={(action) => session.dispatch(action)} />
            <BotDiagram node={state.node} />
          </section>
          <section className="card bot-log" aria-labelledby="bot-log-heading">
            <h3 id="bot-log-heading">{t.logHeading}</h3>
            <ModeLog label={t.log} empty={t.logEmpty} />
          </section>
        </div>
      </div>
    </LabContext.Provider>
  )
}

// The server select and the connection's state in a few words.
function BotBar(props: {
  targets: readonly BotTarget[]
  targetsFailed: boolean
  targetsUrl: string
  onRetry: () => void
  target: BotTarget | undefined
  onTarget: (id: string) => void
  locked: boolean
}) {
  const all = useT()
  const t = all.botMenu
  const connection = useConnectionState()
  const failed = connection.status === 'closed' && connection.reason?.kind !== 'user'
  return (
    <div className="bot-bar">
      <div className="field">
        <label htmlFor="bot-target">{t.server}</label>
        {props.targetsFailed ? (
          <div className="inline-error">
            <span>{all.targetsFailed(props.targetsUrl)}</span>
            <button type="button" className="small" onClick={props.onRetry}>
              {all.retry}
            </button>
          </div>
        ) : (
          <select
            id="bot-target"
            value={props.target?.id ?? ''}
            disabled={props.locked || props.targets.length === 0}
            onChange={(e) => props.onTarget(e.target.value)}
          >
            {props.targets.length === 0 && <option value="">{all.targetsLoading}</option>}
            {props.targets.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        )}
      </div>
      <p className={`bot-conn status-${connection.status}${failed ? ' failed' : ''}`}>
        <span className="status-dot" aria-hidden="true" />
        <span>
          {all.status[connection.status]}
          {failed && connection.reason ? ` — ${reasonSentence(connection.reason, all)}` : ''}
        </span>
      </p>
    </div>
  )
}
