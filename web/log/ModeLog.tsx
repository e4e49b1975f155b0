// A compact log for a mode's own session: its chunks and decoded messages, and events only when they go wrong.
import { useLayoutEffect, useRef } from 'react'
import { ChunkRow } from './ChunkRow.tsx'
import { EventRow } from './EventRow.tsx'
import { MessageCard } from './decode/MessageCard.tsx'
import { eventTone } from '../i18n/describe.ts'
import { useLog } from '../session/use-session.ts'
import { useCopyHex } from '../bytes/use-copy-hex.ts'
import { useT } from '../i18n/use-i18n.ts'

/**
 * The log of the session in SessionContext, pinned to its newest entry; `label` names it for screen readers.
 * Events show only when they are trouble, unless `events` is 'all' (where connecting is the lesson).
 */
export function ModeLog({
  label,
  empty,
  events = 'trouble',
}: {
  label: string
  empty: string
  events?: 'trouble' | 'all'
}) {
  const t = useT()
  const log = useLog()
  const scroller = useRef<HTMLDivElement>(null)
  const { copyStatus, onCopy } = useCopyHex()
  // Connecting and closing are routine in most modes; there only trouble earns a row.
  const rows =
    events === 'all'
      ? log.visible
      : log.visible.filter((e) => e.kind !== 'event' || eventTone(e.event) === 'error')

  useLayoutEffect(() => {
    const el = scroller.current
    if (el) el.scrollTop = el.scrollHeight
  }, [log.version, t])

  return (
    <div className="mode-log-wrap">
      <div
        ref={scroller}
        className="mode-log"
        role="log"
        // The mode announces its own outcome; reading every chunk's bytes aloud would drown it.
        aria-live="off"
        aria-label={label}
        tabIndex={0}
      >
        {rows.length === 0 ? (
          <p className="log-empty">{empty}</p>
        ) : (
          rows.map((entry) => {
            switch (entry.kind) {
              case 'chunk':
                return <ChunkRow key={entry.id} entry={entry} onCopy={onCopy} />
              case 'message':
                return <MessageCard key={entry.id} entry={entry} />
              case 'event':
                return <EventRow key={entry.id} entry={entry} />
            }
          })
        )}
      </div>
      <p className="mode-log-status" role="status">
        {copyStatus}
      </p>
    </div>
  )
}
