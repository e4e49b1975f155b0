// The whole class at a glance: live state and counts, the connections by computer, the tally, workspaces and feed.
import { useId, useState } from 'react'
import type { ClassSnapshot } from '../../../shared/class-protocol.ts'
import { useT } from '../../i18n/use-i18n.ts'
import type { TargetOption } from '../../targets/targets.ts'
import { ORDERS, arrange, classCounts, type Order } from './arrange.ts'
import { ClassSide } from './ClassSide.tsx'
import { ClassTally } from './ClassTally.tsx'
import type { Stream } from './class-store.ts'
import { ConnectionCard } from './ConnectionCard.tsx'
import { useNow } from './use-now.ts'

interface Props {
  snapshot: ClassSnapshot
  stream: Stream
  skew: number
  targets: readonly TargetOption[]
  onOpen: (id: number) => void
}

/** The board; the order and whether ended connections show are the teacher's, for this visit. */
export function ClassBoard({ snapshot, stream, skew, targets, onOpen }: Props) {
  const t = useT()
  const id = useId()
  const now = useNow()
  const [order, setOrder] = useState<Order>('computer')
  const [showEnded, setShowEnded] = useState(true)
  const counts = classCounts(snapshot)
  const groups = arrange(snapshot.connections, order, showEnded)
  // The bridge's clock now, for how long ago things happened there.
  const bridgeNow = now - skew

  return (
    <div className="mode-page class-page">
      <header className="class-head">
        <div className="class-title">
          <h2>{t.cls.heading}</h2>
          <span className={`stream-state stream-${stream}`} role="status">
            <span className="status-dot" aria-hidden="true" />
            {t.cls.stream[stream]}
          </span>
        </div>
        <p className="class-summary">
          {t.cls.summary(counts.open, counts.computers, counts.ended)}
        </p>
        <ClassTally tally={snapshot.tally} />
        <div className="class-controls">
          <label htmlFor={`${id}-order`}>{t.cls.order}</label>
          <select
            id={`${id}-order`}
            value={order}
            onChange={(e) => setOrder(e.target.value as Order)}
          >
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {t.cls.orders[o]}
              </option>
            ))}
          </select>
          <label className="check">
            <input
              type="checkbox"
              checked={showEnded}
              onChange={(e) => setShowEnded(e.target.checked)}
            />
            {t.cls.showEnded}
          </label>
        </div>
      </header>
      <div className="class-body">
        <section className="class-connections" aria-labelledby={`${id}-connections`}>
          <h2 id={`${id}-connections`} className="sr-only">
            {t.cls.connections}
          </h2>
          {groups.length === 0 && (
            <p className="class-empty">
              {counts.ended > 0 ? t.cls.allEnded(counts.ended) : t.cls.none}
            </p>
          )}
          {groups.map((group) => (
            <section
              key={group.address ?? 'all'}
              className="class-group"
              aria-label={group.address && t.cls.computer(group.address)}
            >
              {group.address && (
                <h3 className="class-group-head">
                  {t.cls.computer(group.address)}
                  <span className="class-group-count">{t.cls.openCount(group.open)}</span>
                </h3>
              )}
              <ul className="class-cards">
                {group.connections.map((c) => (
                  <ConnectionCard
                    key={c.id}
                    connection={c}
                    grouped={group.address !== undefined}
                    bridgeNow={bridgeNow}
                    targets={targets}
                    onOpen={onOpen}
                  />
                ))}
              </ul>
            </section>
          ))}
        </section>
        <ClassSide snapshot={snapshot} skew={skew} targets={targets} />
      </div>
    </div>
  )
}
