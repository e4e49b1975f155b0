// The connection bar: target, framing, connect/disconnect and the always-visible connection state.
import { formatTarget, parseTarget } from '../../../shared/bridge-protocol.ts'
import { FRAMINGS, type Framing } from '../../../shared/framing.ts'
import { PROTOCOLS, type Protocol } from '../../../shared/protocols/types.ts'
import type { ConnectionState } from '../../session/connection.ts'
import { statusSentence } from '../../i18n/describe.ts'
import { endpoint } from '../../session/events.ts'
import { isRange, resolveTarget, type Selection } from '../../targets/targets.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import type { TargetsState } from '../../targets/targets-store.ts'
import { PortField, TargetSelect, TargetsFailed } from '../../targets/TargetFields.tsx'
import { WorkspaceStatus } from '../../workspace/WorkspaceStatus.tsx'
import { Tip } from '../../ui/Tip.tsx'
import { NARROW, useMedia } from '../../ui/use-media.ts'

interface Props {
  targets: TargetsState
  onRetryTargets: () => void
  selection: Selection
  onSelection: (selection: Selection) => void
  framing: Framing
  onFraming: (framing: Framing) => void
  protocol: Protocol
  onProtocol: (protocol: Protocol) => void
  state: ConnectionState
  bridgeUrl: string
  targetsUrl: string
  onConnect: (target: string) => void
  onDisconnect: () => void
  /** A narrow pane: framing options show just their names. */
  compact?: boolean
}

/** Target and framing pickers, the connect button and the state, with a reconnect offer after a failure. */
export function ConnectionBar(props: Props) {
  const t = useT()
  const pid = usePaneId()
  const { targets, selection, framing, state } = props
  const options = targets.status === 'ready' ? targets.options : []
  const option = options.find((o) => o.id === selection.optionId)
  // Without the allow-list (bridge down, or no CORS on another origin) the user may type HOST:PORT.
  const manual = targets.status === 'error' ? parseTarget(selection.port) : undefined
  const target = option
    ? resolveTarget(option, selection.port)
    : manual && formatTarget(manual.host, manual.port)
  const busy = state.status === 'connecting' || state.status === 'open'
  const failed = state.status === 'closed' && state.reason?.kind !== 'user'
  // On a narrow window the framing's name alone keeps the bar one row high (its tip explains it).
  const compact = useMedia(NARROW) || props.compact

  return (
    <section
      className={`connection-bar${busy ? ' busy' : ''}`}
      aria-labelledby={pid('connection-heading')}
    >
      <h2 id={pid('connection-heading')} className="sr-only">
        {t.connectionHeading}
      </h2>
      <div className="controls">
        <div className="field target-field">
          <span className="label-row">
            <label htmlFor={pid('target')}>{t.target}</label>
            <Tip label={t.targetTipLabel}>
              {t.targetTip.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </Tip>
          </span>
          {targets.status === 'error' ? (
            <>
              <input
                id={pid('target')}
                className="mono"
                autoComplete="off"
                spellCheck={false}
                placeholder="127.0.0.1:3213"
                value={selection.port}
                disabled={busy}
                aria-describedby={pid('target-error')}
                onChange={(e) => props.onSelection({ optionId: '', port: e.target.value })}
              />
              <TargetsFailed
                id={pid('target-error')}
                failure={targets}
                targetsUrl={props.targetsUrl}
                onRetry={props.onRetryTargets}
              />
            </>
          ) : (
            <TargetSelect
              id={pid('target')}
              targets={targets}
              selection={selection}
              disabled={busy || targets.status === 'loading'}
              onSelection={props.onSelection}
            />
          )}
        </div>
        {option && isRange(option) && (
          <PortField
            id={pid('port')}
            option={option}
            port={selection.port}
            disabled={busy}
            onPort={(port) => props.onSelection({ ...selection, port })}
          />
        )}
        {(targets.status === 'error' || (option && !option.framing)) && (
          <div className="field protocol-field">
            <span className="label-row">
              <label htmlFor={pid('protocol')}>{t.protocol}</label>
              <Tip label={t.protocolTipLabel}>
                {t.protocolTip.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </Tip>
            </span>
            <select
              id={pid('protocol')}
              value={props.protocol}
              disabled={busy}
              title={busy ? t.protocolLocked : undefined}
              onChange={(e) => props.onProtocol(e.target.value as Protocol)}
            >
              {PROTOCOLS.map((p) => (
                <option key={p} value={p}>
                  {t.protocolName[p]}
                </option>
              ))}
            </select>
            {!busy && option?.protocol && option.protocol !== props.protocol && (
              <small className="hint">{t.protocolDiffers(t.protocolName[option.protocol])}</small>
            )}
          </div>
        )}
        {props.protocol === 'lesson' && (
          <div className="field framing-field">
            <span className="label-row">
              <label htmlFor={pid('framing')}>{t.framing}</label>
              <Tip label={t.framingTipLabel}>
                {t.framingTip.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </Tip>
            </span>
            <select
              id={pid('framing')}
              value={framing}
              disabled={busy}
              title={busy ? t.framingLocked : undefined}
              aria-describedby={pid('framing-hint')}
              onChange={(e) => props.onFraming(e.target.value as Framing)}
            >
              {FRAMINGS.map((f) => (
                <option key={f} value={f}>
                  {compact ? f : t.framingOption[f]}
                </option>
              ))}
            </select>
            {/* Only a warning takes room; that the select is locked while connected shows in its look. */}
            {!busy && option?.framing && option.framing !== framing ? (
              <small id={pid('framing-hint')} className="hint">
                {t.framingDiffers(option.framing)}
              </small>
            ) : (
              <span id={pid('framing-hint')} className="sr-only">
                {busy ? t.framingLocked : ''}
              </span>
            )}
          </div>
        )}
        <div className="field connect-field">
          {busy ? (
            <button type="button" className="button danger" onClick={props.onDisconnect}>
              {state.status === 'connecting' ? t.cancel : t.disconnect}
            </button>
          ) : (
            <button
              type="button"
              className="button primary"
              disabled={!target}
              onClick={() => target && props.onConnect(target)}
            >
              {t.connect}
            </button>
          )}
        </div>
      </div>
      <div className={`status-area status-${state.status}${failed ? ' failed' : ''}`}>
        <div className="status" role="status" aria-label={t.connectionState}>
          <span className="status-dot" aria-hidden="true" />
          <strong className="status-label">{t.status[state.status]}</strong>
          {state.target && (
            <span className="status-target">
              {state.target}
              {busy && (
                <span className="status-framing">
                  {' '}
                  · {props.protocol === 'lesson' ? framing : t.protocolName[props.protocol]}
                </span>
              )}
            </span>
          )}
          <StatusDetail state={state} bridgeUrl={props.bridgeUrl} />
          <WorkspaceStatus state={state} compact={compact === true} />
        </div>
        {failed && state.target && (
          <button
            type="button"
            className="button primary"
            onClick={() => state.target && props.onConnect(state.target)}
          >
            {t.reconnect}
          </button>
        )}
      </div>
    </section>
  )
}

function StatusDetail({ state, bridgeUrl }: { state: ConnectionState; bridgeUrl: string }) {
  const t = useT()
  if (state.status === 'open' && state.local && state.remote) {
    return (
      <span className="status-detail">
        {t.openDetail(endpoint(state.local), endpoint(state.remote))}
      </span>
    )
  }
  if (state.status === 'closed' && state.reason) {
    return <span className="status-reason">{statusSentence(state.reason, t)}</span>
  }
  return (
    <span className="status-detail">
      <Tip label={t.bridge} term={t.bridge}>
        {t.bridgeTip}
      </Tip>
      : {bridgeUrl}
    </span>
  )
}
