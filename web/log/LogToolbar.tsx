// The log's controls: direction and kind filters with counts, and the auto-scroll and clear actions.
import { useState } from 'react'
import type { LogCounts, LogFilter } from './entries.ts'
import { useT } from '../i18n/use-i18n.ts'
import { usePaneId } from '../playground/panes/use-pane.ts'

/**
 * Toggle buttons (aria-pressed) grouped by what they filter; every one is a Tab stop. In a narrow log
 * (two clients on a projector) they fold behind one Filters button, so the rows keep the room.
 */
export function LogFilters(props: {
  filter: LogFilter
  counts: LogCounts
  onFilter: (change: Partial<LogFilter>) => void
}) {
  const t = useT()
  const pid = usePaneId()
  const { filter, counts, onFilter } = props
  const [open, setOpen] = useState(false)
  const on = Object.values(filter).filter(Boolean).length
  const total = Object.keys(filter).length
  const toggle = (key: keyof LogFilter, icon?: string) => (
    <button
      type="button"
      className={`chip chip-${key}`}
      aria-pressed={filter[key]}
      onClick={() => onFilter({ [key]: !filter[key] })}
    >
      {icon && <span aria-hidden="true">{icon} </span>}
      {t.filter[key]} <span className="count">{counts[key]}</span>
    </button>
  )
  return (
    <div className={`log-filters${open ? ' open' : ''}`}>
      <button
        type="button"
        className="chip filters-toggle"
        aria-expanded={open}
        aria-controls={pid('filters')}
        onClick={() => setOpen(!open)}
      >
        {t.filtersToggle(on, total)} <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      <div id={pid('filters')} className="log-toolbar" aria-label={t.logFilters} role="group">
        <div className="chip-group" role="group" aria-labelledby={pid('filter-direction')}>
          <span id={pid('filter-direction')} className="group-label">
            {t.direction}
          </span>
          {toggle('sent', '→')}
          {toggle('received', '←')}
        </div>
        <div className="chip-group" role="group" aria-labelledby={pid('filter-kind')}>
          <span id={pid('filter-kind')} className="group-label">
            {t.kind}
          </span>
          {toggle('chunks')}
          {toggle('messages')}
          {toggle('events')}
        </div>
      </div>
    </div>
  )
}

/** Pause or resume following new entries, and clear the log (not offered for a read-only log). */
export function LogActions(props: {
  autoScroll: boolean
  onAutoScroll: (on: boolean) => void
  onClear?: () => void
}) {
  const t = useT()
  return (
    <div className="log-actions">
      <button
        type="button"
        className="chip"
        aria-pressed={props.autoScroll}
        onClick={() => props.onAutoScroll(!props.autoScroll)}
      >
        <span aria-hidden="true">{props.autoScroll ? '↓ ' : '‖ '}</span>
        {t.autoScroll}
      </button>
      {props.onClear && (
        <button type="button" className="button ghost small" onClick={props.onClear}>
          {t.clear}
        </button>
      )}
    </div>
  )
}
