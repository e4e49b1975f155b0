// Keeps the log across reloads: a bounded copy in sessionStorage, restored marked as the previous session.
import { z } from 'zod'
import type { StorageLike } from '../../lib/storage.ts'
import type { Entry, LogEvent } from '../entries.ts'
import { EntryJson, entryFromJson, entryToJson } from './entry-json.ts'
import type { LogModel } from '../model.ts'

/** The storage key; the version suffix changes if the format does. */
export const LOG_KEY = 'wire-lab.log.v1'

const Saved = z.object({ v: z.literal(1), entries: z.array(z.unknown()) })

/** The newest entries as JSON text, at most `budget` characters of entries. */
export function serializeLog(entries: readonly Entry[], budget = 1_000_000): string {
  const parts: string[] = []
  let size = 0
  for (let i = entries.length - 1; i >= 0; i--) {
    const text = JSON.stringify(entryToJson(entries[i]!))
    if (size + text.length > budget) break
    parts.push(text)
    size += text.length + 1
  }
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

/** Saves the model to storage under `key` shortly after changes and at once on `save()`; `stop()` detaches. */
export function persistLog(
  model: LogModel,
  storage: StorageLike,
  delayMs = 1000,
  key = LOG_KEY,
): { save(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = () => {
    clearTimeout(timer)
    timer = undefined
    const entries = model.all()
    // Halve the budget on a quota error rather than lose the whole log.
    for (let budget = 1_000_000; budget >= 10_000; budget /= 2) {
      try {
        if (entries.length === 0) storage.removeItem(key)
        else storage.setItem(key, serializeLog(entries, budget))
        return
      } catch {
        continue
      }
    }
  }
  const unsubscribe = model.subscribe(() => {
    timer ??= setTimeout(save, delayMs)
  })
  return {
    save,
    stop: () => {
      clearTimeout(timer)
      unsubscribe()
    },
  }
}
