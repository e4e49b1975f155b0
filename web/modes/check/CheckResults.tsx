// The checker's results: live progress, the stop sentence, the tallies, and the cases grouped by level.
import { tallyText } from '../../../shared/conformance/report-text.ts'
import { allPassed } from '../../../shared/conformance/tally.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { CaseRow } from './CaseRow.tsx'
import type { CheckState } from './check-store.ts'
import { groupsOf, progressOf, rowsOf } from './check-view.ts'
import { Sentence } from './Sentence.tsx'

interface Props {
  state: CheckState
  open: ReadonlySet<string>
  onToggle: (id: string) => void
  onRerun: (id: string) => void
  onRerunFailed: () => void
}

/** Everything below the settings; the groups are sections a screen reader can jump between. */
export function CheckResults({ state, open, onToggle, onRerun, onRerunFailed }: Props) {
  const t = useT().check
  const lang = t.lang
  const { live, report } = state
  const rows = rowsOf(state)
  const groups = groupsOf(rows)
  const progress = progressOf(state)
  const stop = live ? live.stopped : report?.stopped
  const shown = live ?? report
  const failed = report?.cases.some((c) => c.status === 'fail' || c.status === 'not-run') ?? false
  const codes = report?.codes
  return (
    <section className="card check-results" aria-labelledby="check-results-heading">
      <div className="card-head">
        <h3 id="check-results-heading">
          {t.results}
          {shown && (
            <span className="mono check-results-target">
              {' '}
              {t.resultsOf(shown.target, shown.framing)}
            </span>
          )}
        </h3>
        {report && failed && (
          <button
            type="button"
            className="button"
            aria-disabled={live !== undefined}
            onClick={() => live === undefined && onRerunFailed()}
          >
            {t.rerunFailed}
          </button>
        )}
      </div>
      <div role="status" className="check-progress">
        {live ? (
          <>
            <progress value={progress.done} max={progress.total} />
            <span>
              {live.stopping
                ? t.stopping
                : `${t.progress(Math.min(progress.done + 1, progress.total), progress.total)}${
                    progress.current ? `: ${progress.current.title[lang]}` : ''
                  }`}
            </span>
          </>
        ) : report ? (
          <span>
            {state.rerun !== undefined && `${t.rerunDone(state.rerun)} `}
            {t.finished(report.cases.filter((c) => c.status !== 'not-run').length)}{' '}
            {codes && t.codesUsed(codes.mode, codesHow(t.codesHow, codes))}
            {allPassed(report) && <strong className="check-all-passed"> {t.allPassed}</strong>}
          </span>
        ) : (
          <span className="muted">{t.notYet}</span>
        )}
      </div>
      {stop && (
        <div role="alert" className="check-stop">
          <strong>{t.stoppedHeading}: </strong>
          <Sentence text={stop.text[lang]} capital={false} />
        </div>
      )}
      {state.crash && <p className="inline-error">{t.crashed(state.crash)}</p>}
      {groups.map((group) => {
        const name = t.levelName[group.level]
        const headingId = `check-level-${group.level}`
        const counted = shown !== undefined
        return (
          <section key={group.level} className="check-group" aria-labelledby={headingId}>
            <h4 id={headingId}>
              {counted ? t.tallyLabel(name, tallyText(group.tally, lang)) : name}
            </h4>
            <ul className="stack-list">
              {group.rows.map((row) => (
                <CaseRow
                  key={row.id}
                  row={row}
                  open={open.has(row.id)}
                  onToggle={() => onToggle(row.id)}
                  canRerun={!live}
                  onRerun={() => onRerun(row.id)}
                />
              ))}
            </ul>
          </section>
        )
      })}
    </section>
  )
}

function codesHow(
  how: { asked: string; detected: (id: string) => string; default: string },
  codes: { source: 'asked' | 'detected' | 'default'; from?: string },
): string {
  if (codes.source === 'detected') return how.detected(codes.from ?? '?')
  return codes.source === 'asked' ? how.asked : how.default
}
