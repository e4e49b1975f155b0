// One framing-lab column: a server and its framing, the verdict, the sent strip, the answers and the log.
import { useSyncExternalStore } from 'react'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { reasonSentence } from '../../i18n/describe.ts'
import { SessionContext } from '../../session/use-session.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { ByteStrip } from './ByteStrip.tsx'
import { explain, judge, type LabTarget, type Plan } from './framing-lab.ts'
import type { FramingRun, RunState } from './framing-run.ts'
import { ModeLog } from '../../log/ModeLog.tsx'

const NOT_RUN: RunState = { phase: 'connecting', written: 0, codes: [] }
const never = () => () => {}
const notRun = () => NOT_RUN

/** A column for `target`: the last run's results, or a preview of the next run's bytes. */
export function FramingColumn(props: { target: LabTarget; run?: FramingRun; preview: Plan }) {
  const all = useT()
  const t = all.framingLab
  const { target, run } = props
  const state = useSyncExternalStore(run?.subscribe ?? never, run?.getSnapshot ?? notRun)
  const plan = run?.plan ?? props.preview
  const headingId = `fl-col-${target.id.replace(/[^a-z0-9]/gi, '-')}`
  const phase = run ? state.phase : undefined
  return (
    <section className={`card fl-col framing-${target.framing}`} aria-labelledby={headingId}>
      <div className="fl-col-head">
        <h3 id={headingId}>
          <span className="fl-framing">{target.framing}</span>{' '}
          <span className="fl-target">
            {target.label ? `${target.label} · ${target.target}` : target.target}
          </span>
          {target.own && (
            <>
              {' '}
              <span className="fl-own-tag">{t.ownServer}</span>
            </>
          )}
        </h3>
        {phase && (
          <span className={`fl-phase phase-${phase}`}>
            {phase === 'sending' ? t.written(state.written, plan.chunks.length) : t.phase[phase]}
          </span>
        )}
      </div>
      <div aria-live="polite">
        <Outcome run={run} state={state} plan={plan} own={target.own === true} />
      </div>
      <ByteStrip plan={plan} written={run ? state.written : 0} />
      <div className="fl-answers">
        <span className="fl-answers-label" id={`${headingId}-answers`}>
          {t.answers}
        </span>
        {state.codes.length === 0 ? (
          <span className="muted">{run ? t.noAnswers : '—'}</span>
        ) : (
          <ol className="fl-answer-list" aria-labelledby={`${headingId}-answers`}>
            {state.codes.map((code, i) => (
              <li key={i}>
                {code === undefined ? (
                  <span className="badge tone-error badge-small" title={t.unreadable}>
                    ?
                  </span>
                ) : (
                  <CodeBadge code={code} size="small" />
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
      {run && target.framing === 'naive' && <p className="muted small">{t.naiveNote}</p>}
      {run && (
        <SessionContext.Provider value={run.session}>
          <ModeLog label={t.log(target.target)} empty={t.logEmpty} />
        </SessionContext.Provider>
      )}
    </section>
  )
}

// The verdict once the run has finished, its progress before, or why it failed.
function Outcome(props: { run?: FramingRun; state: RunState; plan: Plan; own: boolean }) {
  const { run, state, plan } = props
  const all = useT()
  const t = all.framingLab
  if (!run) return <p className="fl-note muted">{t.notRun}</p>
  if (state.phase === 'failed') {
    return (
      <div className="verdict verdict-bad">
        <p className="verdict-line">
          <span className="verdict-icon" aria-hidden="true">
            ✕
          </span>
          {t.phase.failed}
        </p>
        {state.reason && <p className="verdict-why">{reasonSentence(state.reason, all)}</p>}
      </div>
    )
  }
  if (state.phase !== 'done') {
    return (
      <div className="verdict verdict-pending" aria-busy="true">
        <p className="verdict-line">{t.phase[state.phase]}</p>
      </div>
    )
  }
  const verdict = judge(plan.messages, state.codes)
  const why = explain(plan, verdict, props.own)
  return (
    <div className={`verdict verdict-${verdict.tone}`}>
      <p className="verdict-line">
        <span className="verdict-icon" aria-hidden="true">
          {verdict.tone === 'ok' ? '✓' : '✕'}
        </span>
        {t.verdict(verdict.sent, verdict.answers, verdict.errors)}
      </p>
      <p className="verdict-why">{why === 'framed' ? t.framed[plan.framing] : t.why[why]}</p>
    </div>
  )
}
