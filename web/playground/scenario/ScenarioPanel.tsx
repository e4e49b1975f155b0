// The lesson's 10-message scenario: run all (send, wait for the answer, next) or step by step.
import { ACTION, EMAIL, FIELD, LESSON_SCENARIO, VALUE } from '../../../shared/protocol.ts'
import type { ScenarioRunner, StepResult } from './scenario.ts'
import { useSyncExternalStore } from 'react'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { CopyCode, type CopyItem } from '../request/CopyCode.tsx'

/** Runner buttons, progress, and each step with the code it got. */
export function ScenarioPanel({
  scenario,
  connected,
  copy,
}: {
  scenario: ScenarioRunner
  connected: boolean
  /** Copy the whole scenario as one Python script. */
  copy?: CopyItem
}) {
  const t = useT()
  const pid = usePaneId()
  const s = useSyncExternalStore(scenario.subscribe, scenario.getSnapshot)
  const done = s.next >= s.total && !s.results.some((r) => r?.kind === 'waiting')
  return (
    <section className="card scenario" aria-labelledby={pid('scenario-heading')}>
      <div className="card-head">
        <h2 id={pid('scenario-heading')}>{t.scenarioHeading}</h2>
        <span className="progress-text" aria-live="polite">
          {done ? t.scenarioDone : t.stepOf(Math.min(s.next + 1, s.total), s.total)}
        </span>
      </div>
      <p className="muted small">{t.scenarioHelp}</p>
      <div className="scenario-controls">
        {s.running ? (
          <button type="button" className="button" onClick={() => scenario.pause()}>
            {t.pause}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={!connected}
            onClick={() => scenario.runAll()}
          >
            {t.runAll}
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={!connected || s.running || s.next >= s.total}
          onClick={() => scenario.step()}
        >
          {t.nextStep}
        </button>
        <button type="button" className="button ghost" onClick={() => scenario.reset()}>
          {t.reset}
        </button>
      </div>
      {copy && <CopyCode items={[copy]} />}
      <progress className="scenario-progress" max={s.total} value={s.next} aria-hidden="true" />
      {(s.blocked || !connected) && <p className="muted small">{t.scenarioBlocked}</p>}
      <ol className="steps" aria-label={t.scenarioSteps}>
        {LESSON_SCENARIO.map((request, i) => (
          <li
            key={i}
            className={`step${i === s.next && !done ? ' current' : ''}`}
            aria-current={i === s.next && !done ? 'step' : undefined}
          >
            <span className="step-n">{i + 1}</span>
            <span className="step-what">
              <b>{request[ACTION]?.split(' ')[0]}</b> {request[EMAIL]}
              {request[FIELD] !== undefined && (
                <span className="muted">
                  {' '}
                  {request[FIELD]} → {request[VALUE]}
                </span>
              )}
            </span>
            <span className="step-result">
              <Result result={s.results[i]} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}

function Result({ result }: { result: StepResult | undefined }) {
  const t = useT()
  switch (result?.kind) {
    case undefined:
      return null
    case 'answered':
      return <CodeBadge code={result.code} size="small" />
    case 'waiting':
      return <span className="step-state waiting">{t.step.waiting}</span>
    case 'timeout':
      return <span className="step-state bad">{t.step.timeout}</span>
    case 'unreadable':
      return <span className="step-state bad">{t.step.unreadable}</span>
  }
}
