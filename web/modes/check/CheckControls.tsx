// The checker's settings card: the server (allow-list entries with their labels), framing, level, codes, Run/Stop.
import { FRAMINGS, type Framing } from '../../../shared/framing.ts'
import type { CodeMode } from '../../../shared/protocol.ts'
import type { LevelChoice } from '../../../shared/conformance/suite.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { ChoiceRadios, ChoiceSelect } from '../../ui/Choice.tsx'
import type { Messages } from '../../i18n/messages.ts'
import { PortField, TargetsFailed } from '../../targets/TargetFields.tsx'
import type { TargetsState } from '../../targets/targets-store.ts'
import { isRange, selectionOf, type Selection, type TargetOption } from '../../targets/targets.ts'
import type { CheckSettings } from './check-store.ts'

/** How an allow-list entry reads in the server select: its address, its name, its framing. */
export function checkOptionText(o: TargetOption, t: Messages): string {
  if (isRange(o)) return `${o.host}:${o.from}–${o.to} — ${t.check.ownServers}`
  const named = o.label !== undefined && o.label !== o.framing
  if (named) return `${o.id} — ${o.label}${o.framing ? ` (${o.framing})` : ''}`
  return `${o.id} — ${o.framing ?? '?'}`
}

interface Props {
  targetsState: TargetsState
  targetsUrl: string
  onRetryTargets: () => void
  settings: CheckSettings
  selection: Selection
  option: TargetOption | undefined
  /** The framing the run will use (the chosen one, or the target's). */
  framing: Framing
  /** `HOST:PORT` when the selection names one. */
  target: string | undefined
  running: boolean
  stopping: boolean
  onSettings: (change: Partial<CheckSettings>) => void
  onRun: () => void
  onStop: () => void
}

const LEVELS: readonly LevelChoice[] = ['lesson', 'all']
const CODES: readonly (CodeMode | 'auto')[] = ['auto', 'lesson', 'http']

/** Native controls only, so Tab, arrows, Enter and Space work as everywhere else. */
export function CheckControls(props: Props) {
  const all = useT()
  const t = all.check
  const { settings, option, running } = props
  const options = props.targetsState.status === 'ready' ? props.targetsState.options : []
  return (
    <section className="card check-controls" aria-labelledby="check-settings-heading">
      <h3 id="check-settings-heading" className="sr-only">
        {t.settings}
      </h3>
      <div className="check-fields">
        <div className="field check-server-field">
          <label htmlFor="check-target">{t.server}</label>
          <select
            id="check-target"
            value={props.selection.optionId}
            disabled={running || options.length === 0}
            onChange={(e) =>
              // Another server: its own framing again, until the student picks one.
              props.onSettings({
                selection: selectionOf(options.find((o) => o.id === e.target.value)),
                framing: undefined,
              })
            }
          >
            {options.length === 0 && (
              <option value="">
                {props.targetsState.status === 'ready' ? all.targetsEmpty : all.targetsLoading}
              </option>
            )}
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {checkOptionText(o, all)}
              </option>
            ))}
          </select>
          {props.targetsState.status === 'error' && (
            <TargetsFailed
              failure={props.targetsState}
              targetsUrl={props.targetsUrl}
              onRetry={props.onRetryTargets}
            />
          )}
        </div>
        {option && isRange(option) && (
          <PortField
            id="check-port"
            option={option}
            port={props.selection.port}
            disabled={running}
            onPort={(port) => props.onSettings({ selection: { ...props.selection, port } })}
          />
        )}
        <div className="field">
          <label htmlFor="check-framing">{all.framing}</label>
          <ChoiceSelect
            id="check-framing"
            values={FRAMINGS}
            value={props.framing}
            text={(f) => all.framingOption[f]}
            disabled={running}
            describedBy="check-framing-hint"
            onChange={(framing) => props.onSettings({ framing })}
          />
          <small id="check-framing-hint" className="hint">
            {option?.framing ? t.framingOfTarget(option.framing) : '\u00a0'}
          </small>
        </div>
        <fieldset className="check-level">
          <legend>{t.level}</legend>
          <ChoiceRadios
            name="check-level"
            className="check-radio"
            values={LEVELS}
            value={settings.level}
            label={(level) => t.levelOption[level]}
            disabled={running}
            onChange={(level) => props.onSettings({ level })}
          />
        </fieldset>
        <div className="field">
          <label htmlFor="check-codes">{t.codes}</label>
          <ChoiceSelect
            id="check-codes"
            values={CODES}
            value={settings.codes}
            text={(c) => t.codesOption[c]}
            disabled={running}
            onChange={(codes) => props.onSettings({ codes })}
          />
        </div>
      </div>
      <div className="check-run">
        {/* One button that turns from Run into Stop, so the keyboard's focus stays on it. */}
        {running ? (
          <button
            type="button"
            className="button danger big"
            aria-disabled={props.stopping}
            onClick={props.onStop}
          >
            {t.stop}
            <span aria-hidden="true"> ■</span>
          </button>
        ) : (
          <button
            type="button"
            className="button primary big"
            disabled={props.target === undefined}
            aria-describedby="check-run-hint"
            onClick={props.onRun}
          >
            {t.run}
            <span aria-hidden="true"> ▶</span>
          </button>
        )}
        <span id="check-run-hint" className="muted small">
          {props.target === undefined ? t.chooseServer : t.runHint}
        </span>
      </div>
    </section>
  )
}
