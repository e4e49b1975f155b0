// One student's connection on the class board: who, where, how it goes, and a button that opens its exchange.
import type { ClassConnection } from '../../../shared/class-protocol.ts'
import { useT } from '../../i18n/use-i18n.ts'
import type { TargetOption } from '../../targets/targets.ts'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { workspaceOfKey } from '../../workspace/workspace-label.ts'
import { codeCounts } from './arrange.ts'
import {
  ago,
  clientLabel,
  endSentence,
  errorSentence,
  targetName,
  workspaceName,
} from './class-text.ts'

interface Props {
  connection: ClassConnection
  /** Under its computer's heading: the address is not repeated. */
  grouped: boolean
  bridgeNow: number
  targets: readonly TargetOption[]
  onOpen: (id: number) => void
}

/** A card; the whole card opens the exchange, through the button in its heading (one tab stop). */
export function ConnectionCard({ connection: c, grouped, bridgeNow, targets, onOpen }: Props) {
  const t = useT()
  const who = clientLabel(c, t)
  const error = c.lastError
  // A refusal that is also the last answer shows once, as the error.
  const answerIsError =
    error?.kind === 'answer' && c.lastAnswer !== undefined && error.at === c.lastAnswer.at
  const codes = codeCounts(c.answers)
  // The computer's own workspace goes without saying; a group or the class-wide one does not.
  const shared = c.workspace !== `ip:${c.address}`
  return (
    <li className={`class-card${c.ended ? ' ended' : ''}${error ? ' trouble' : ''}`}>
      <div className="class-card-top">
        <h4 className="class-card-title">
          <button
            type="button"
            id={`class-open-${c.id}`}
            className="class-card-open"
            title={t.cls.openHint}
            onClick={() => onOpen(c.id)}
          >
            {grouped ? who : `${c.address} · ${who}`}
          </button>
        </h4>
        {shared && (
          <span className="class-card-workspace">
            {workspaceName(workspaceOfKey(c.workspace), t)}
          </span>
        )}
      </div>
      <p className="class-card-where">
        <span title={c.target}>{targetName(c.target, targets)}</span> ·{' '}
        {t.cls.since(ago(bridgeNow - c.since, t))}
      </p>
      <div className="class-card-counts">
        <span className="class-requests">{t.cls.requests(c.requests)}</span>
        {codes.length === 0 ? (
          <span className="muted">{t.cls.noAnswers}</span>
        ) : (
          <ul className="code-counts" aria-label={t.cls.answersBy}>
            {codes.map(([code, n]) => (
              <li key={code}>
                <CodeBadge code={code} /> <span className="times">×{n}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {c.lastRequest && (
        <p className="class-card-line">
          <span className="line-key">{t.cls.lastRequest}</span>
          <span className="line-text mono">{c.lastRequest.text}</span>
        </p>
      )}
      {c.lastAnswer && !answerIsError && (
        <p className="class-card-line">
          <span className="line-key">{t.cls.lastAnswer}</span>
          <CodeBadge code={c.lastAnswer.code} size="small" />
          <span className="line-text">{c.lastAnswer.text}</span>
        </p>
      )}
      {error && (
        <p className="class-card-line class-card-error">
          <span className="line-key">{t.cls.lastError}</span>
          {error.kind === 'answer' && <CodeBadge code={error.code} size="small" />}
          <span className="line-text">{errorSentence(error, t)}</span>
        </p>
      )}
      {c.ended && (
        <p className="class-card-ended">
          {t.cls.ended(
            ago(bridgeNow - c.ended.at, t),
            endSentence(c.ended.code, c.ended.reason, t),
          )}
        </p>
      )}
    </li>
  )
}
