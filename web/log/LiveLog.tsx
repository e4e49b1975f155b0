// The live log: filters, then every chunk, decoded message and event, newest at the bottom.
import { Suspense, lazy, useState, type KeyboardEvent } from 'react'
import { useSession, useLog } from '../session/use-session.ts'
import { useCopyHex } from '../bytes/use-copy-hex.ts'
import { useT } from '../i18n/use-i18n.ts'
import { usePaneId } from '../playground/panes/use-pane.ts'
import { LogActions, LogFilters } from './LogToolbar.tsx'
import { TailRows } from './list/TailRows.tsx'
import type { ListStart } from './list/VirtualRows.tsx'

// The virtual list (and its library) loads when a log is first paused: a log that only follows the
// newest rows never needs it. main.tsx fetches it once the page is idle, so a pause finds it ready.
const VirtualRows = lazy(() =>
  import('./list/VirtualRows.tsx').then((m) => ({ default: m.VirtualRows })),
)

// Keys that scroll the log up: reading older entries pauses following the newest.
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home'])

/**
 * The log's body; the list is role=log so screen readers hear new entries while it follows them.
 * Following, it draws only the newest rows (TailRows); paused, every row in a virtual list (VirtualRows).
 */
export function LiveLog({ readOnly = false }: { readOnly?: boolean }) {
  const t = useT()
  const pid = usePaneId()
  const session = useSession()
  const log = useLog()
  // 'follow', or where the paused list opened.
  const [mode, setMode] = useState<'follow' | ListStart>(readOnly ? 'top' : 'follow')
  const autoScroll = mode === 'follow'
  const { copyStatus, onCopy } = useCopyHex()
  // The scrolling box as state: the rows inside need it when they first lay out, before a ref is set.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null)
  const rows = log.visible

  const pause = (start: ListStart) => {
    if (autoScroll) setMode(start)
  }
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return
    if (UP_KEYS.has(e.key)) pause(e.key === 'Home' ? 'top' : 'end')
    else if (e.key === 'End') setMode('follow')
  }

  return (
    <>
      <div className="log-bar">
        <LogFilters
          filter={log.filter}
          counts={log.counts}
          onFilter={(change) => session.log.setFilter(change)}
        />
        <div className="log-bar-end">
          <p className="copy-status" role="status">
            {copyStatus}
          </p>
          <LogActions
            autoScroll={autoScroll}
            onAutoScroll={(on) => setMode(on ? 'follow' : 'end')}
            {...(readOnly ? {} : { onClear: () => session.log.clear() })}
          />
        </div>
      </div>
      {log.dropped > 0 && <p className="log-note">{t.logDropped(log.dropped, log.droppedBytes)}</p>}
      <div
        id={pid('log')}
        ref={setScroller}
        className="log"
        role="log"
        aria-live={autoScroll ? 'polite' : 'off'}
        aria-label={t.logLabel}
        tabIndex={0}
        onWheel={(e) => e.deltaY < 0 && pause('end')}
        onKeyDown={onKey}
        // A press on the log itself (not a row) is a grab of its scrollbar: the view stays where it is.
        onPointerDown={(e) => e.target === e.currentTarget && pause('keep')}
      >
        {log.total === 0 && <p className="log-empty">{t.logEmpty}</p>}
        {log.total > 0 && rows.length === 0 && <p className="log-empty">{t.logFilteredOut}</p>}
        {scroller &&
          (autoScroll ? (
            <TailRows rows={rows} scroller={scroller} onCopy={onCopy} />
          ) : (
            <Suspense fallback={<TailRows rows={rows} scroller={scroller} onCopy={onCopy} />}>
              <VirtualRows rows={rows} scroller={scroller} start={mode} onCopy={onCopy} />
            </Suspense>
          ))}
      </div>
    </>
  )
}
