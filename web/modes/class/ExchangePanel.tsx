// One student's exchange, read-only, in the same log and diagram view the student's pane has.
import { useEffect, useId, useRef } from 'react'
import type { ClassSnapshot } from '../../../shared/class-protocol.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { ExchangeCard } from '../../playground/panes/ExchangeCard.tsx'
import { PanePrefix } from '../../playground/panes/use-pane.ts'
import { SessionContext } from '../../session/use-session.ts'
import type { TargetOption } from '../../targets/targets.ts'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { workspaceOfKey } from '../../workspace/workspace-label.ts'
import { codeCounts } from './arrange.ts'
import type { OpenExchange } from './class-store.ts'
import { clientLabel, endSentence, targetName, workspaceName } from './class-text.ts'

interface Props {
  exchange: OpenExchange
  snapshot: ClassSnapshot
  skew: number
  targets: readonly TargetOption[]
  onBack: () => void
  onRefresh: () => void
  onFollow: (follow: boolean) => void
}

/** The panel; Escape (or the Back button) returns to the class, and focus to the card. */
export function ExchangePanel({ exchange, snapshot, targets, onBack, onRefresh, onFollow }: Props) {
  const t = useT()
  const id = useId()
  const back = useRef<HTMLButtonElement>(null)
  // The live snapshot's gist is the freshest; the fetched one stands in once the bridge let it go.
  const c = snapshot.connections.find((x) => x.id === exchange.id) ?? exchange.connection

  // Focus goes to Back once, when the panel opens; not on each live update.
  useEffect(() => back.current?.focus(), [])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onBack()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onBack])

  const who = c ? `${c.address} · ${clientLabel(c, t)}` : t.cls.unnamed(exchange.id)
  const note =
    exchange.status === 'loading'
      ? t.cls.loading
      : exchange.status === 'gone'
        ? t.cls.gone
        : exchange.status === 'failed'
          ? t.cls.failed
          : ''
  return (
    <div className="mode-page class-page class-exchange">
      <section className="class-exchange-head" aria-labelledby={`${id}-heading`}>
        <div className="class-exchange-bar">
          <button
            ref={back}
            type="button"
            className="button"
            aria-keyshortcuts="Escape"
            onClick={onBack}
          >
            <span aria-hidden="true">← </span>
            {t.cls.back}
            <kbd className="key-hint" aria-hidden="true">
              Esc
            </kbd>
          </button>
          <h2 id={`${id}-heading`}>{t.cls.exchangeOf(who)}</h2>
          <span className="tag">{t.readOnly}</span>
          <span className="class-exchange-actions">
            <label className="check">
              <input
                type="checkbox"
                checked={exchange.follow}
                onChange={(e) => onFollow(e.target.checked)}
              />
              {t.cls.follow}
            </label>
            <button type="button" className="button small" onClick={onRefresh}>
              <span aria-hidden="true">↻ </span>
              {t.cls.refresh}
            </button>
          </span>
        </div>
        {c && (
          <div className="class-exchange-gist">
            <span>{workspaceName(workspaceOfKey(c.workspace), t)}</span>
            {targetName(c.target, targets) !== c.target && (
              <span>{targetName(c.target, targets)}</span>
            )}
            <span className="mono">{c.target}</span>
            <span>{t.cls.requests(c.requests)}</span>
            {codeCounts(c.answers).map(([code, n]) => (
              <span key={code}>
                <CodeBadge code={code} size="small" /> ×{n}
              </span>
            ))}
            {c.ended && <span>{endSentence(c.ended.code, c.ended.reason, t)}</span>}
          </div>
        )}
        <p className="class-exchange-note" role="status">
          {note}
          {exchange.dropped && exchange.dropped.items > 0 && t.cls.dropped(exchange.dropped.items)}
        </p>
      </section>
      <PanePrefix.Provider value="cx">
        <SessionContext.Provider value={exchange.session}>
          <ExchangeCard key={exchange.id} readOnly svgName={`wire-lab-class-${exchange.id}.svg`} />
        </SessionContext.Provider>
      </PanePrefix.Provider>
    </div>
  )
}
