// One row of the live log, whatever its kind, and a first guess at its height before it is drawn.
import type { ChunkEntry, Entry } from '../entries.ts'
import { ChunkRow } from '../ChunkRow.tsx'
import { EventRow } from '../EventRow.tsx'
import { MessageCard } from '../decode/MessageCard.tsx'

/** A first guess at a row's height in pixels; rows are measured once they render. */
export function estimate(entry: Entry | undefined): number {
  if (!entry || entry.kind === 'event') return 38
  if (entry.kind === 'message') return entry.view.type === 'response' ? 112 : 84
  const shown = Math.min(entry.bytes.length, 256)
  return 46 + Math.ceil(shown / 24) * 34 + (entry.bytes.length > 256 ? 30 : 0)
}

/** The row for an entry: a chunk with its bytes, a decoded message, or an event line. */
export function LogRow({ entry, onCopy }: { entry: Entry; onCopy: (entry: ChunkEntry) => void }) {
  switch (entry.kind) {
    case 'chunk':
      return <ChunkRow entry={entry} onCopy={onCopy} />
    case 'message':
      return <MessageCard entry={entry} />
    case 'event':
      return <EventRow entry={entry} />
  }
}
