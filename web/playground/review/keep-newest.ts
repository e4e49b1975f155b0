// An imported pane's newest entries within the live log's caps, and what the ones left out would have held.
import { ENTRY_OVERHEAD, MARK_COST, entryCost, type LogLimits } from '../../log/budget.ts'
import type { Entry } from '../../log/entries.ts'
import type { EntryJson } from '../../log/json/entry-json.ts'

/** What an entry read from a file would hold, reckoned as budget.ts `entryCost` does, without decoding it. */
export function estimateCost(json: EntryJson): number {
  switch (json.kind) {
    case 'chunk':
      return (
        ENTRY_OVERHEAD + json.hex.length / 2 + MARK_COST * (json.marks.length + json.spans.length)
      )
    case 'message':
      // Its bytes, and about three bytes per byte for the text and the value decoded from them.
      return ENTRY_OVERHEAD + 4 * (json.hex.length / 2)
    case 'event':
      return ENTRY_OVERHEAD
  }
}

/**
 * The newest of `entries` within `limits`, decoded by `decode` and numbered from 1, oldest first.
 * Only those are decoded: the older bytes of a big file never become arrays. The newest entry is
 * always kept, as the live log keeps it.
 */
export function keepNewest(
  entries: readonly EntryJson[],
  limits: LogLimits,
  decode: (json: EntryJson, id: number) => Entry,
): Entry[] {
  const kept: Entry[] = []
  let held = 0
  for (let i = entries.length - 1; i >= 0 && kept.length < limits.maxEntries; i--) {
    const entry = decode(entries[i]!, 0)
    const cost = entryCost(entry)
    if (kept.length > 0 && held + cost > limits.maxBytes) break
    held += cost
    kept.push(entry)
  }
  kept.reverse()
  kept.forEach((entry, i) => (entry.id = i + 1))
  return kept
}
