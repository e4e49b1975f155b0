// One answer's expected and received bytes side by side, as text and as hex, the first differing byte marked.
import type { AnswerCheck } from '../../../shared/conformance/types.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { diffParts, type Marked } from './byte-diff.ts'

// A line with its marked spot; past the end, a small "end" tag stands where the byte would be.
function MarkedLine({ line, empty }: { line: Marked; empty: boolean }) {
  const t = useT().check
  if (empty) return <span className="muted">{t.nothing}</span>
  return (
    <>
      {line.before}
      {line.atEnd ? (
        <mark className="check-diff-mark end">{t.end}</mark>
      ) : (
        line.mark && <mark className="check-diff-mark">{line.mark}</mark>
      )}
      {line.after}
    </>
  )
}

// The table's rows: the bytes as text, then as hex (each names its row in the dictionary too).
const VIEWS = ['text', 'hex'] as const

/** The expected/received table of one answer. */
export function ByteDiff({ answer }: { answer: AnswerCheck }) {
  const t = useT().check
  const { expected, received, firstDiff } = answer
  const parts = diffParts(expected, received, firstDiff)
  const noExpected = expected.length === 0
  const noReceived = received.length === 0
  return (
    <div className="check-diff-wrap">
      <table className="check-diff">
        <caption>
          {firstDiff < 0 ? t.sameBytes : t.firstDiff(firstDiff)}
          {answer.shapeOnly && <span className="muted"> {t.shapeOnly}</span>}
        </caption>
        <colgroup>
          <col className="check-diff-label" />
          <col />
          <col />
        </colgroup>
        <thead>
          <tr>
            <td />
            <th scope="col">{t.expected}</th>
            <th scope="col">{t.received}</th>
          </tr>
        </thead>
        <tbody>
          {VIEWS.map((view) => (
            <tr key={view}>
              <th scope="row">{t[view]}</th>
              <td className="mono" data-side="expected">
                <MarkedLine line={parts[view].expected} empty={noExpected} />
              </td>
              <td className="mono" data-side="received">
                <MarkedLine line={parts[view].received} empty={noReceived} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
