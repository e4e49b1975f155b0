// The log while it follows the newest entry: only the last rows, drawn in place, however fast entries come.
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ChunkEntry, Entry } from '../entries.ts'
import { LogRow, estimate } from './LogRow.tsx'

// Rows drawn: enough to fill the view, three more above it (as a virtual list's overscan), at most sixty.
const EXTRA = 3
const MAX_ROWS = 60

/**
 * How many of the newest rows to draw to fill a view `height` pixels tall, when rows are `scale`
 * times as tall as their guessed heights (`estimate`), plus a few more above.
 */
export function tailLength(rows: readonly Entry[], height: number, scale = 1): number {
  const goal = height / scale
  let n = 0
  let filled = 0
  while (n < rows.length && filled < goal) filled += estimate(rows[rows.length - 1 - n++])
  return Math.min(rows.length, MAX_ROWS, n + EXTRA)
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
  // How much taller the drawn rows are than guessed (long answers wrap): so that no more are drawn than fill the view.
  const [scale, setScale] = useState(1)
  const tail = useRef<HTMLDivElement>(null)
  const from = rows.length - tailLength(rows, height, scale)
  const { spacer, guessed } = useMemo(() => {
    let spacer = 0
    for (let i = 0; i < from; i++) spacer += estimate(rows[i])
    let guessed = 0
    for (let i = from; i < rows.length; i++) guessed += estimate(rows[i])
    return { spacer, guessed }
  }, [rows, from])

  // Before every paint: the newest row at the bottom of the view.
  useLayoutEffect(() => pin(scroller))
  useLayoutEffect(() => {
    // Layout is fresh after pin: reading the drawn height costs nothing more.
    const drawn = tail.current?.offsetHeight ?? 0
    const next = Math.min(8, Math.max(0.5, drawn / Math.max(1, guessed)))
    // Only a real change re-renders: a flood of rows of one kind settles on one scale.
    if (guessed > 0 && Math.abs(next - scale) > 0.2 * scale) setScale(next)
  }, [rows, guessed, scale])
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
