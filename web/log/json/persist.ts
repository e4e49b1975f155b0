// Keeps the log across reloads: a bounded copy in sessionStorage, restored marked as the previous session.
import { z } from 'zod'
import type { StorageLike } from '../../lib/storage.ts'
import type { Entry, LogEvent } from '../entries.ts'
import { EntryJson, entryFromJson, entryToJson } from './entry-json.ts'
import type { LogModel } from '../model.ts'

/** The storage key; the version suffix changes if the format does. */
export const LOG_KEY = 'wire-lab.log.v1'

const Saved = z.object({ v: z.literal(1), entries: z.array(z.unknown()) })

/** Characters of entries kept per pane: sessionStorage holds about 5 MB per site, for every pane. */
export const SAVE_BUDGET = 1_000_000

/** A lower bound on an entry's JSON length, known without writing it: its bytes as hex. */
export function entryJsonSize(entry: Entry): number {
  if (entry.kind === 'chunk') return 2 * entry.bytes.length
  if (entry.kind === 'message') return 2 * entry.body.length
  return 0
}

/**
 * The newest entries as JSON text, at most `budget` characters of entries. `cache` holds the text
 * of entries written last time (an entry that changes is a new object), and is left holding this
 * time's, so a save during a flood writes only what is new; an entry past the budget is never written.
 */
export function serializeLog(
  entries: readonly Entry[],
  budget = SAVE_BUDGET,
  cache: Map<Entry, string> = new Map(),
): string {
  const parts: string[] = []
  const kept = new Map<Entry, string>()
  let size = 0
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!
    if (size + entryJsonSize(entry) > budget) break
    const text = cache.get(entry) ?? JSON.stringify(entryToJson(entry))
    if (size + text.length > budget) break
    parts.push(text)
    kept.set(entry, text)
    size += text.length + 1
  }
  cache.clear()
  for (const [entry, text] of kept) cache.set(entry, text)
  return `{"v":1,"entries":[${parts.reverse().join(',')}]}`
}

/** Entries from `serializeLog` text, renumbered from 1 and marked `previous`; [] for anything unreadable. */
export function parseLog(text: string | null): Entry[] {
  if (!text) return []
  let saved: z.infer<typeof Saved>
  try {
    saved = Saved.parse(JSON.parse(text))
  } catch {
    return []
  }
  const out: Entry[] = []
  for (const raw of saved.entries) {
    const stored = EntryJson.safeParse(raw)
    if (stored.success) out.push(entryFromJson(stored.data, out.length + 1, true))
  }
  return out
}

/** The previous page load's entries, followed by a `restored` divider when there were any. */
export function restoreLog(storage: StorageLike | undefined, key = LOG_KEY): Entry[] {
  let text: string | null = null
  try {
    text = storage?.getItem(key) ?? null
  } catch {
    // Storage can be disabled (privacy settings); the log then starts empty.
  }
  const entries = parseLog(text)
  if (entries.length === 0) return entries
  const t = entries[entries.length - 1]!.t
  const divider: LogEvent = { type: 'restored', count: entries.length }
  return [...entries, { kind: 'event', id: entries.length + 1, t, event: divider }]
}

/**
 * Saves the model to storage under `key` once changes pause for `delayMs`, at the latest `maxWaitMs`
 * after the first unsaved one (a flood never pauses, and each save stalls the page for tens of ms),
 * and at once on `save()` (the page calls it on pagehide); `stop()` detaches.
 */
export function persistLog(
  model: LogModel,
  storage: StorageLike,
  delayMs = 1000,
  key = LOG_KEY,
  maxWaitMs = 30_000,
): { save(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let since: number | undefined
  const cache = new Map<Entry, string>()
  const save = () => {
    clearTimeout(timer)
    timer = undefined
    since = undefined
    const entries = model.all()
    // Halve the budget on a quota error rather than lose the whole log.
    for (let budget = SAVE_BUDGET; budget >= 10_000; budget /= 2) {
      try {
        if (entries.length === 0) storage.removeItem(key)
        else storage.setItem(key, serializeLog(entries, budget, cache))
        return
      } catch {
        continue
      }
    }
  }
  const unsubscribe = model.subscribe(() => {
    const now = Date.now()
    since ??= now
    clearTimeout(timer)
    timer = setTimeout(save, Math.max(0, Math.min(delayMs, since + maxWaitMs - now)))
  })
  return {
    save,
    stop: () => {
      clearTimeout(timer)
      unsubscribe()
    },
  }
}
