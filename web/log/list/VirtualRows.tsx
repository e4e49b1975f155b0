// The log while a person reads it: every row in a virtual list, drawn only where the view is.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useState } from 'react'
import type { ChunkEntry, Entry } from '../entries.ts'
import { LogRow, estimate } from './LogRow.tsx'

// Space above the first row and below the last.
const PADDING = 8

/** Where the list opens: at the newest row, the oldest, or wherever the view already is. */
export type ListStart = 'end' | 'top' | 'keep'

/** Every row, virtualised; opened at `start`, then scrolled only by the person reading. */
export function VirtualRows(props: {
  rows: readonly Entry[]
  /** The log's scrolling box, which holds these rows. */
  scroller: HTMLElement
  start: ListStart
  onCopy: (entry: ChunkEntry) => void
}) {
  const { rows, scroller } = props
  // Read once: the list opens there, and later renders leave the view to the reader.
  const [start] = useState(props.start)
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
  // Opening at the end is an offset, not the library's scrollToEnd(): that one keeps chasing the end
  // while rows come, which is following, not reading.
  const [initialOffset] = useState(() => {
    if (start === 'keep') return scroller.scrollTop
    if (start === 'top') return 0
    let total = PADDING * 2
    for (const guess of guesses) total += guess
    return Math.max(0, total - scroller.clientHeight)
  })

  // The page is not built with React Compiler, so the hook's unmemoizable functions cost nothing here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: (i) => guesses[i] ?? 40,
    getItemKey: (i) => ids[i] ?? -i,
    // Few rows beyond the view: mounting byte grids is what a fast scroll pays for (measured, see bench:log).
    overscan: 2,
    paddingStart: PADDING,
    paddingEnd: PADDING,
    initialOffset,
    // The library's log mode: the row in view stays put when the oldest rows are dropped.
    anchorTo: 'end',
    followOnAppend: false,
  })

  return (
    <div className="log-rows" style={{ height: virtualizer.getTotalSize() }}>
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
            <LogRow entry={entry} onCopy={props.onCopy} />
          </div>
        )
      })}
    </div>
  )
}
