// One case of the checker: a row that opens (Enter or Space) onto what is wrong, what was sent, and the byte diff.
import { byteText } from '../../../shared/conformance/diff-view.ts'
import { concatBytes } from '../../../shared/pieces.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { ByteDiff } from './ByteDiff.tsx'
import { failedStep, type Row, type RowStatus } from './check-view.ts'
import { Sentence } from './Sentence.tsx'

const MARKS: Record<RowStatus, string> = {
  pass: '✓',
  fail: '✗',
  'not-run': '·',
  'not-applicable': '–',
  running: '…',
  queued: '·',
  idle: '·',
}

// Sent bytes as one line of text, cut so a 64 KiB message stays readable.
function sentText(writes: readonly Uint8Array[], max = 240): string {
  const text = byteText(concatBytes(writes)).text
  const chars = Array.from(text)
  return chars.length > max ? chars.slice(0, max).join('') + '…' : text
}

/** A case's row; `canRerun` is false while a run is going (the button stays focusable, and says so). */
export function CaseRow(props: {
  row: Row
  open: boolean
  onToggle: () => void
  canRerun: boolean
  onRerun: () => void
}) {
  const t = useT().check
  const { row, open } = props
  const lang = t.lang
  const bodyId = `check-case-${row.id}`
  const result = row.result
  return (
    <li className={`check-case ${row.status}`}>
      <button
        type="button"
        className="check-case-head"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={props.onToggle}
      >
        <span className="check-mark" aria-hidden="true">
          {MARKS[row.status]}
        </span>
        <span className="check-case-title">{row.title[lang]}</span>
        <span className="check-case-id mono">{row.id}</span>
        <span className="check-status">{t.status[row.status]}</span>
      </button>
      <div id={bodyId} className="check-case-body" hidden={!open}>
        {open && (
          <>
            {row.status === 'fail' && result && <Failure row={row} />}
            {result?.why && (
              <p>
                <Sentence text={result.why[lang]} />
              </p>
            )}
            {row.status !== 'fail' && (
              <p className="muted">
                <strong>{t.teaches}: </strong>
                {row.teaches[lang]}
              </p>
            )}
            {result && row.status !== 'not-applicable' && (
              <div>
                <button
                  type="button"
                  className="button small"
                  aria-disabled={!props.canRerun}
                  onClick={() => props.canRerun && props.onRerun()}
                >
                  {t.rerunOne}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </li>
  )
}

// The failed case's sentences, the lesson's point, the step that failed and its answer against the expected.
function Failure({ row }: { row: Row }) {
  const t = useT().check
  const lang = t.lang
  const result = row.result!
  const findings = result.failure?.findings ?? []
  const where = failedStep(result)
  const answers = where?.step.answers ?? []
  const answer = answers[result.failure?.answer ?? 0]
  return (
    <>
      <div className="check-wrong">
        <h4>{t.whatWrong}</h4>
        <ul>
          {findings.map((f, i) => (
            <li key={i}>
              <Sentence text={f.text[lang]} />
            </li>
          ))}
        </ul>
      </div>
      <p className="muted">
        <strong>{t.teaches}: </strong>
        {row.teaches[lang]}
      </p>
      {where && (
        <div className="check-sent">
          <p>
            <strong>{t.sent}</strong> (
            {t.stepOf(where.position, where.planned, where.step.conn + 1)}
            ): <Sentence text={where.step.what[lang]} capital={false} />
          </p>
          {where.step.writes.length > 0 && (
            <p className="mono check-sent-bytes">{sentText(where.step.writes)}</p>
          )}
        </div>
      )}
      {answer && (
        <>
          {answers.length > 1 && (
            <p className="small muted">
              {t.answerOf((result.failure?.answer ?? 0) + 1, answers.length)}
            </p>
          )}
          <ByteDiff answer={answer} />
        </>
      )}
    </>
  )
}
