// The live log panel: toolbar, then every chunk, decoded message and event, newest at the bottom.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { toHex } from '../bytes.ts'
import { copyText } from '../clipboard.ts'
import type { ChunkEntry, Entry } from '../log-entries.ts'
import { useLab, useLog } from '../use-connection.ts'
import { useT } from '../use-i18n.ts'
import { ChunkRow } from './ChunkRow.tsx'
import { EventRow } from './EventRow.tsx'
import { LogActions, LogFilters } from './LogToolbar.tsx'
import { MessageCard } from './MessageCard.tsx'

/** The log section; the list is role=log so screen readers hear new entries politely. */
export function LiveLog() {
  const t = useT()
  const lab = useLab()
  const log = useLog()
  const [autoScroll, setAutoScroll] = useState(true)
  const [copyStatus, setCopyStatus] = useState('')
  const scroller = useRef<HTMLDivElement>(null)

  useLayoutEffect(() => {
    const el = scroller.current
    if (autoScroll && el) el.scrollTop = el.scrollHeight
  }, [log.version, autoScroll, t])

  useEffect(() => {
    // Text size, theme or window changes reflow the rows; stay pinned to the newest one.
    const el = scroller.current
    if (!autoScroll || !el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      el.scrollTop = el.scrollHeight
    })
    observer.observe(el)
    if (el.firstElementChild) observer.observe(el.firstElementChild)
    return () => observer.disconnect()
  }, [autoScroll])

  useEffect(() => {
    if (!copyStatus) return
    const timer = setTimeout(() => setCopyStatus(''), 2500)
    return () => clearTimeout(timer)
  }, [copyStatus])

  const onCopy = useCallback(
    (entry: ChunkEntry) => {
      void copyText(toHex(entry.bytes)).then((ok) =>
        setCopyStatus(ok ? t.copied(entry.n) : t.copyFailed),
      )
    },
    [t],
  )

  return (
    <section className="card log-panel" aria-labelledby="log-heading">
      <div className="card-head">
        <h2 id="log-heading">{t.logHeading}</h2>
        <p className="copy-status" role="status">
          {copyStatus}
        </p>
        <LogActions
          autoScroll={autoScroll}
          onAutoScroll={setAutoScroll}
          onClear={() => lab.log.clear()}
        />
      </div>
      <LogFilters
        filter={log.filter}
        counts={log.counts}
        onFilter={(change) => lab.log.setFilter(change)}
      />
      <div
        id="log"
        ref={scroller}
        className="log"
        role="log"
        aria-live="polite"
        aria-label={t.logLabel}
        tabIndex={0}
      >
        <div className="log-rows">
          {log.dropped > 0 && <p className="log-note">{t.logDropped(log.dropped)}</p>}
          {log.more && <p className="log-note">{t.logMore(log.visible.length)}</p>}
          {log.total === 0 && <p className="log-empty">{t.logEmpty}</p>}
          {log.total > 0 && log.visible.length === 0 && (
            <p className="log-empty">{t.logFilteredOut}</p>
          )}
          {log.visible.map((entry) => (
            <Row key={entry.id} entry={entry} onCopy={onCopy} />
          ))}
        </div>
      </div>
    </section>
  )
}

function Row({ entry, onCopy }: { entry: Entry; onCopy: (entry: ChunkEntry) => void }) {
  switch (entry.kind) {
    case 'chunk':
      return <ChunkRow entry={entry} onCopy={onCopy} />
    case 'message':
      return <MessageCard entry={entry} />
    case 'event':
      return <EventRow entry={entry} />
  }
}
