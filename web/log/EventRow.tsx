// One event in the log: what the bridge or the page saw happen on the connection.
import { memo } from 'react'
import { eventSentence, eventTone } from '../i18n/describe.ts'
import type { EventEntry } from './entries.ts'
import { useT } from '../i18n/use-i18n.ts'
import { Time } from './ChunkRow.tsx'

const ICONS = { ok: '✓', error: '✕', info: '•' } as const

/** A compact event line, tinted by tone, with its icon and words. */
export const EventRow = memo(function EventRow({ entry }: { entry: EventEntry }) {
  const t = useT()
  const { text, detail } = eventSentence(entry.event, t)
  const tone = eventTone(entry.event)
  const divider = entry.event.type === 'session' || entry.event.type === 'restored'
  return (
    <div
      className={`entry event tone-${tone}${divider ? ' divider' : ''}${entry.previous ? ' previous' : ''}`}
    >
      <span className="event-icon" aria-hidden="true">
        {divider ? '⇄' : ICONS[tone]}
      </span>
      <span className="event-text">
        {text}
        {detail && <span className="event-detail"> {detail}</span>}
      </span>
      {entry.event.type !== 'restored' && <Time t={entry.t} />}
    </div>
  )
})
