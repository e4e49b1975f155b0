// The class-wide tally of answer codes, in the board's head so it is on screen however long the class is.
import { useId } from 'react'
import { codeMeaning } from '../../i18n/describe.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { codeCounts } from './arrange.ts'

/** Each code once with its count (its meaning on hover and for screen readers), then the total. */
export function ClassTally({ tally }: { tally: Readonly<Record<string, number>> }) {
  const t = useT()
  const id = useId()
  const codes = codeCounts(tally)
  const total = codes.reduce((sum, [, n]) => sum + n, 0)
  return (
    <section className="class-tally" aria-labelledby={`${id}-tally`}>
      <h3 id={`${id}-tally`}>{t.cls.tally}</h3>
      {codes.length === 0 ? (
        <p className="muted">{t.cls.tallyEmpty}</p>
      ) : (
        <>
          <ul className="tally-list">
            {codes.map(([code, n]) => (
              <li key={code} title={codeMeaning(code, t)}>
                <CodeBadge code={code} /> <strong className="tally-n">{n}</strong>
                <span className="sr-only"> ({codeMeaning(code, t)})</span>
              </li>
            ))}
          </ul>
          <p className="muted">{t.cls.total(total)}</p>
        </>
      )}
    </section>
  )
}
