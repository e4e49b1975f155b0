// The log while it follows the newest entry: only the last rows, drawn in place, however fast entries come.
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ChunkEntry, Entry } from '../entries.ts'
import { LogRow, estimate } from './LogRow.tsx'

// Rows drawn: enough guessed height to fill the view twice over, at least a few and at most this many.
const MIN_ROWS = 4
const MAX_ROWS = 60

/** How many of the newest rows to draw so that they fill a view `height` pixels tall. */
export function tailLength(rows: readonly Entry[], height: number): number {
  let n = 0
  let filled = 0
  while (n < rows.length && n < MAX_ROWS && (n < MIN_ROWS || filled < 2 * height)) {
    filled += estimate(rows[rows.length - 1 - n])
    n++
  }
  return n
}

// Scrolls to the bottom, where the newest row is.
function pin(el: HTMLElement): void {
  el.scrollTop = el.scrollHeight
}

/**
 * The newest rows in normal flow after a spacer as tall as the older rows are guessed to be, so the
 * scrollbar still shows the whole log; the view is pinned to the bottom before every paint. Nothing
 * here measures rows or depends on the scroll position, so a flood of appends cannot leave the view
 * behind the rows drawn (a virtual list computes its rows from the last scroll position it saw).
 */
export function TailRows(props: {
  rows: readonly Entry[]
  /** The log's scrolling box, which holds these rows. */
  scroller: HTMLElement
  onCopy: (entry: ChunkEntry) => void
}) {
  const { rows, scroller } = props
  const [height, setHeight] = useState(() => scroller.clientHeight || 600)
  const tail = useRef<HTMLDivElement>(null)
  const from = rows.length - tailLength(rows, height)
  const spacer = useMemo(() => {
    let sum = 0
    for (let i = 0; i < from; i++) sum += estimate(rows[i])
    return sum
  }, [rows, from])

  // Before every paint: the newest row at the bottom of the view.
  useLayoutEffect(() => pin(scroller))
  useLayoutEffect(() => {
    // Rows reflow with the text size, theme, language or window: stay on the newest one.
    if (!tail.current) return
    const observer = new ResizeObserver(() => {
      setHeight(scroller.clientHeight)
      pin(scroller)
    })
    observer.observe(scroller)
    observer.observe(tail.current)
    return () => observer.disconnect()
  }, [scroller])

  return (
    <div className="log-tail">
      <div className="log-spacer" style={{ height: spacer }} />
      <div ref={tail}>
        {rows.slice(from).map((entry) => (
          <div key={entry.id} className="log-row">
            <LogRow entry={entry} onCopy={props.onCopy} />
          </div>
        ))}
      </div>
    </div>
  )
}
