// The bot menu mode: the lesson's service bot, each step a real request over its own connection, with a log.
import { useEffect, useState, useSyncExternalStore } from 'react'
import { reasonSentence } from '../../i18n/describe.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { ModeLog } from '../../log/ModeLog.tsx'
import { SessionContext, useConnectionState } from '../../session/use-session.ts'
import { PortField, TargetSelect, TargetsFailed } from '../../targets/TargetFields.tsx'
import type { TargetsState, TargetsStore } from '../../targets/targets-store.ts'
import {
  currentSelection,
  isRange,
  speaksLesson,
  type Selection,
  type TargetOption,
} from '../../targets/targets.ts'
import { useTargets } from '../../targets/use-targets.ts'
import { BotDiagram } from './BotDiagram.tsx'
import { BotScreen } from './BotScreen.tsx'
import type { BotStore } from './bot-store.ts'
import { botTarget, defaultBotOption } from './bot-targets.ts'

/**
 * The guided menu beside the bytes it sends; it connects on the first step. The store lives as long as
 * the page, so coming back to the tab finds the same user, position and log (the connection itself
 * closes on leaving and reopens on the next step).
 */
export function BotMenu({ store, targets }: { store: BotStore; targets: TargetsStore }) {
  const t = useT().botMenu
  useEffect(() => () => store.close(), [store])
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const targetsState = useTargets(targets)
  // The bot speaks only the lesson's protocol.
  const options = targetsState.status === 'ready' ? targetsState.options.filter(speaksLesson) : []
  const [picked, setPicked] = useState<Selection>()
  const selection = currentSelection(picked, options, defaultBotOption(options))
  const option = options.find((o) => o.id === selection.optionId)
  const target = option && botTarget(option, selection.port)
  useEffect(() => {
    if (option) store.setTarget(target)
  }, [store, option, target])

  return (
    <SessionContext.Provider value={store.session}>
      <div className="mode-page bot-mode">
        <div className="mode-intro">
          <h2>{t.heading}</h2>
          <p>{t.intro}</p>
        </div>
        <div className="mode-columns bot-grid">
          <section className="card bot-panel" aria-labelledby="bot-heading">
            <h3 id="bot-heading" className="sr-only">
              {t.heading}
            </h3>
            <BotBar
              targets={targetsState}
              targetsUrl={targets.url}
              onRetry={targets.retry}
              option={option}
              selection={selection}
              onSelection={setPicked}
              locked={state.pending !== undefined}
            />
            <BotScreen state={state} onAction={(action) => store.dispatch(action)} />
            <BotDiagram node={state.node} />
          </section>
          <section className="card bot-log mode-aside" aria-labelledby="bot-log-heading">
            <h3 id="bot-log-heading">{t.logHeading}</h3>
            <ModeLog label={t.log} empty={t.logEmpty} />
          </section>
        </div>
      </div>
    </SessionContext.Provider>
  )
}

// The server select (with a port field for a range) and the connection's state in a few words.
function BotBar(props: {
  targets: TargetsState
  targetsUrl: string
  onRetry: () => void
  option: TargetOption | undefined
  selection: Selection
  onSelection: (selection: Selection) => void
  locked: boolean
}) {
  const all = useT()
  const t = all.botMenu
  const connection = useConnectionState()
  const failed = connection.status === 'closed' && connection.reason?.kind !== 'user'
  const { targets, option, selection } = props
  const options = targets.status === 'ready' ? targets.options : []
  return (
    <div className="bot-bar">
      <div className="field">
        <label htmlFor="bot-target">{t.server}</label>
        {targets.status === 'error' ? (
          <TargetsFailed failure={targets} targetsUrl={props.targetsUrl} onRetry={props.onRetry} />
        ) : (
          <TargetSelect
            id="bot-target"
            targets={targets}
            selection={selection}
            disabled={props.locked || options.length === 0}
            onSelection={props.onSelection}
            only={speaksLesson}
          />
        )}
      </div>
      {option && isRange(option) && (
        <PortField
          id="bot-port"
          option={option}
          port={selection.port}
          disabled={props.locked}
          onPort={(port) => props.onSelection({ ...selection, port })}
        />
      )}
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
