// The framing lab's settings: split or glue, the message, pieces and delay or copies, servers, and Run.
import { useMemo } from 'react'
import { TargetsFailed } from '../../targets/TargetFields.tsx'
import { ChoiceRadios } from '../../ui/Choice.tsx'
import { hintsFor } from '../../playground/request/request.ts'
import type { TargetOption } from '../../targets/targets.ts'
import { useT } from '../../i18n/use-i18n.ts'
import type { TargetsState } from '../../targets/targets-store.ts'
import {
  DEFAULT_TEXT,
  LIMITS,
  clampInt,
  type Experiment,
  type LabTarget,
  type OwnPick,
  type Settings,
} from './framing-lab.ts'
import { OwnServers } from './OwnServers.tsx'

interface Props {
  settings: Settings
  onSettings: (settings: Settings) => void
  targetsState: TargetsState
  targetsUrl: string
  onRetryTargets: () => void
  targets: readonly LabTarget[]
  selected: readonly string[]
  onSelected: (ids: readonly string[]) => void
  /** The allow-list's port ranges, where students' own servers may run. */
  ranges: readonly TargetOption[]
  picks: ReadonlyMap<string, OwnPick>
  onPicks: (picks: ReadonlyMap<string, OwnPick>) => void
  /** At least one column to run. */
  canRun: boolean
  onRun: () => void
}

const EXPERIMENTS: readonly Experiment[] = ['split', 'glue']

/** The settings card; every control is a native input, so the keyboard works as usual. */
export function FramingControls(props: Props) {
  const all = useT()
  const t = all.framingLab
  const { settings, onSettings } = props
  const set = (change: Partial<Settings>) => onSettings({ ...settings, ...change })
  const hints = useMemo(() => hintsFor(settings.text), [settings.text])
  const hint = [...hints.form, ...Object.values(hints.fields).flatMap((m) => m ?? [])][0]
  const split = settings.experiment === 'split'
  const range = (
    id: string,
    label: string,
    key: 'pieces' | 'delayMs' | 'copies',
    step: number,
    shown: string,
  ) => (
    <div className="fl-range">
      <label htmlFor={id}>{label}</label>
      <output htmlFor={id} className="fl-range-value">
        {shown}
      </output>
      <input
        id={id}
        type="range"
        min={LIMITS[key].min}
        max={LIMITS[key].max}
        step={step}
        value={settings[key]}
        onChange={(e) => set({ [key]: clampInt(e.target.valueAsNumber, LIMITS[key]) })}
      />
    </div>
  )

  return (
    <section className="card fl-controls" aria-labelledby="fl-experiment-heading">
      <div className="fl-controls-main">
        <fieldset className="fl-experiment">
          <legend id="fl-experiment-heading">{t.experiment}</legend>
          <div className="fl-choices">
            <ChoiceRadios
              name="fl-experiment"
              className="fl-choice"
              values={EXPERIMENTS}
              value={settings.experiment}
              label={(name) => (
                <span className="fl-choice-text">
                  <strong>{name === 'split' ? t.split : t.glue}</strong>
                  <span className="muted small">{name === 'split' ? t.splitHelp : t.glueHelp}</span>
                </span>
              )}
              onChange={(experiment) => set({ experiment })}
            />
          </div>
        </fieldset>
        <div className="fl-message">
          <div className="fl-message-head">
            <label htmlFor="fl-text">{t.message}</label>
            {settings.text !== DEFAULT_TEXT && (
              <button
                type="button"
                className="button ghost small"
                onClick={() => set({ text: DEFAULT_TEXT })}
              >
                {t.restore}
              </button>
            )}
          </div>
          <textarea
            id="fl-text"
            className="mono"
            rows={3}
            spellCheck={false}
            autoComplete="off"
            value={settings.text}
            aria-describedby="fl-text-hint"
            onChange={(e) => set({ text: e.target.value })}
          />
          <p id="fl-text-hint" className={hint ? 'hint-error small' : 'hint-ok small'}>
            {hint ? `${all.serverWouldSay} ${hint}` : t.valid}
          </p>
        </div>
      </div>
      <div className="fl-controls-side">
        <div className="fl-numbers">
          {split ? (
            <>
              {range('fl-pieces', t.pieces, 'pieces', 1, String(settings.pieces))}
              {range('fl-delay', t.delay, 'delayMs', 50, t.ms(settings.delayMs))}
            </>
          ) : (
            range('fl-copies', t.copies, 'copies', 1, String(settings.copies))
          )}
          <p className={split && settings.delayMs === 0 ? 'fl-warn' : 'muted small'}>
            {!split
              ? t.oneWrite
              : settings.delayMs === 0
                ? t.coalesce
                : t.delayNote(settings.delayMs)}
          </p>
        </div>
        <fieldset className="fl-servers">
          <legend>{t.servers}</legend>
          <ServerChoices {...props} />
        </fieldset>
        <div className="fl-run">
          <button
            type="button"
            className="button primary fl-run-button"
            disabled={!props.canRun}
            onClick={props.onRun}
          >
            {t.run}
            <span aria-hidden="true"> ▶</span>
          </button>
          <span className="muted small">{t.runHint}</span>
        </div>
      </div>
    </section>
  )
}

// Checkboxes for the servers, or why there are none yet.
function ServerChoices(props: Props) {
  const all = useT()
  const { targetsState, targets, selected, onSelected } = props
  if (targetsState.status === 'loading') return <p className="muted">{all.targetsLoading}</p>
  if (targetsState.status === 'error') {
    return (
      <TargetsFailed
        failure={targetsState}
        targetsUrl={props.targetsUrl}
        onRetry={props.onRetryTargets}
      />
    )
  }
  if (targets.length === 0 && props.ranges.length === 0) {
    return <p className="muted">{all.framingLab.noServers}</p>
  }
  return (
    <div className="fl-server-list">
      {targets.map((target) => (
        <label key={target.id} className="fl-server">
          <input
            type="checkbox"
            checked={selected.includes(target.id)}
            onChange={(e) =>
              onSelected(
                e.target.checked
                  ? targets
                      .filter((x) => x.id === target.id || selected.includes(x.id))
                      .map((x) => x.id)
                  : selected.filter((id) => id !== target.id),
              )
            }
          />
          <strong>{target.framing}</strong>{' '}
          {target.label && <span className="small">{target.label}</span>}{' '}
          <span className="mono small">{target.target}</span>
        </label>
      ))}
      <OwnServers ranges={props.ranges} picks={props.picks} onPicks={props.onPicks} />
    </div>
  )
}
