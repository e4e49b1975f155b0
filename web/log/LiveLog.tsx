// The live log: filters, then every chunk, decoded message and event in a virtual list, newest at the bottom.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { ChunkEntry, Entry } from './entries.ts'
import { useSession, useLog } from '../session/use-session.ts'
import { useCopyHex } from '../bytes/use-copy-hex.ts'
import { useT } from '../i18n/use-i18n.ts'
import { usePaneId } from '../playground/panes/use-pane.ts'
import { ChunkRow } from './ChunkRow.tsx'
import { EventRow } from './EventRow.tsx'
import { LogActions, LogFilters } from './LogToolbar.tsx'
import { MessageCard } from './decode/MessageCard.tsx'

// A first guess at a row's height in pixels; each row is measured once it renders.
function estimate(entry: Entry | undefined): number {
  if (!entry || entry.kind === 'event') return 38
  if (entry.kind === 'message') return entry.view.type === 'response' ? 112 : 84
  const shown = Math.min(entry.bytes.length, 256)
  return 46 + Math.ceil(shown / 24) * 34 + (entry.bytes.length > 256 ? 30 : 0)
}

// Keys that scroll the log up: reading older entries pauses following the newest.
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home'])

/** The log's body; the list is role=log so screen readers hear new entries while it follows them. */
export function LiveLog({ readOnly = false }: { readOnly?: boolean }) {
  const t = useT()
  const pid = usePaneId()
  const session = useSession()
  const log = useLog()
  const [autoScroll, setAutoScroll] = useState(!readOnly)
  const { copyStatus, onCopy } = useCopyHex()
  const scroller = useRef<HTMLDivElement>(null)
  const rows = log.visible
  // Keys and first guesses as typed arrays: the virtualizer reads them for every row whenever sizes change.
  const { ids, guesses } = useMemo(() => {
    const ids = new Float64Array(rows.length)
    const guesses = new Float32Array(rows.length)
    for (let i = 0; i < rows.length; i++) {
      ids[i] = rows[i]!.id
      guesses[i] = estimate(rows[i])
    }
    return { ids, guesses }
  }, [rows])

  // The page is not built with React Compiler, so the hook's unmemoizable functions cost nothing here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => guesses[i] ?? 40,
    getItemKey: (i) => ids[i] ?? -i,
    // Few rows beyond the view: mounting byte grids is what a fast scroll pays for (measured, see bench:log).
    overscan: 2,
    paddingStart: 8,
    paddingEnd: 8,
    // The library's log mode: appends scroll into view only while the view is at the end.
    anchorTo: 'end',
    followOnAppend: autoScroll,
    scrollEndThreshold: 48,
  })

  const sizer = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    // Rows reflow with the text size, theme, language or window: stay on the newest one while following.
    const el = scroller.current
    if (!autoScroll || !el || !sizer.current) return
    virtualizer.scrollToEnd()
    const observer = new ResizeObserver(() => virtualizer.scrollToEnd())
    observer.observe(el)
    observer.observe(sizer.current)
    return () => observer.disconnect()
  }, [autoScroll, virtualizer])

  const pause = () => {
    if (autoScroll) setAutoScroll(false)
  }
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return
    if (UP_KEYS.has(e.key)) pause()
    else if (e.key === 'End') setAutoScroll(true)
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
            onAutoScroll={setAutoScroll}
            {...(readOnly ? {} : { onClear: () => session.log.clear() })}
          />
        </div>
      </div>
      {log.dropped > 0 && <p className="log-note">{t.logDropped(log.dropped)}</p>}
      <div
        id={pid('log')}
        ref={scroller}
        className="log"
        role="log"
        aria-live={autoScroll ? 'polite' : 'off'}
        aria-label={t.logLabel}
        tabIndex={0}
        onWheel={(e) => e.deltaY < 0 && pause()}
        onKeyDown={onKey}
        // A press on the log itself (not a row) is a grab of its scrollbar.
        onPointerDown={(e) => e.target === e.currentTarget && pause()}
      >
        {log.total === 0 && <p className="log-empty">{t.logEmpty}</p>}
        {log.total > 0 && rows.length === 0 && <p className="log-empty">{t.logFilteredOut}</p>}
        <div ref={sizer} className="log-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = rows[item.index]
            if (!entry) return null
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="log-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <Row entry={entry} onCopy={onCopy} />
              </div>
            )
          })}
        </div>
      </div>
    </>
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
