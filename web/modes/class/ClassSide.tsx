// Beside the cards: the server's workspaces and the live feed.
import { useId } from 'react'
import type { ClassSnapshot, FeedItem } from '../../../shared/class-protocol.ts'
import { useT } from '../../i18n/use-i18n.ts'
import type { TargetOption } from '../../targets/targets.ts'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { workspaceOfKey } from '../../workspace/workspace-label.ts'
import { workspaceRows } from './arrange.ts'
import { clientLabel, targetName, timeOfDay, workspaceName } from './class-text.ts'

// A target with its name, when it has one: `127.0.0.1:3213 (json)`.
const connectedTo = (target: string, targets: readonly TargetOption[]) => {
  const name = targetName(target, targets)
  return name === target ? target : `${target} (${name})`
}

// Lines of the feed on screen; the bridge keeps 200.
const FEED_SHOWN = 40

/** The side column; the feed is newest first and not a live region (the projector is for eyes). */
export function ClassSide({
  snapshot,
  skew,
  targets,
}: {
  snapshot: ClassSnapshot
  skew: number
  targets: readonly TargetOption[]
}) {
  const t = useT()
  const id = useId()
  const workspaces = workspaceRows(snapshot)
  const feed = snapshot.feed.slice(-FEED_SHOWN).reverse()
  const byId = new Map(snapshot.connections.map((c) => [c.id, c]))
  const who = (item: FeedItem) => {
    const c = byId.get(item.connection)
    return c ? `${item.address} · ${clientLabel(c, t)}` : item.address
  }

  return (
    <aside className="class-side">
      <section className="card class-workspaces" aria-labelledby={`${id}-workspaces`}>
        <h3 id={`${id}-workspaces`}>{t.cls.workspaces}</h3>
        {workspaces.length === 0 ? (
          <p className="muted">{t.cls.workspacesEmpty}</p>
        ) : (
          <ul className="workspace-list">
            {workspaces.map((w) => (
              <li key={w.name}>
                <span className="workspace-name">{workspaceName(workspaceOfKey(w.name), t)}</span>
                <span className="muted">
                  {t.cls.users(w.users)} · {t.cls.pages(w.open)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card class-feed" aria-labelledby={`${id}-feed`}>
        <h3 id={`${id}-feed`}>{t.cls.feed}</h3>
        {feed.length === 0 ? (
          <p className="muted">{t.cls.feedEmpty}</p>
        ) : (
          <ol className="feed-list">
            {feed.map((item, i) => (
              <li key={`${item.at}-${item.connection}-${i}`} className={`feed-${item.kind}`}>
                <span className="feed-when">
                  <time>{timeOfDay(item.at, skew, t)}</time> {who(item)}
                </span>
                <span className="feed-what">
                  <span className="feed-kind">{t.cls.feedKind[item.kind]}</span>
                  {item.code !== undefined && <CodeBadge code={item.code} size="small" />}
                  <span className="feed-text">
                    {item.kind === 'connected' ? connectedTo(item.text, targets) : item.text}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </aside>
  )
}
