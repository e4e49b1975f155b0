// Keeps the log across reloads: a bounded copy in sessionStorage, restored marked as the previous session.
import { z } from 'zod'
import type { StorageLike } from '../../lib/storage.ts'
import { fromHex, toHex } from '../../bytes/bytes.ts'
import { decodeMessage } from '../decode/decode.ts'
import type { Entry, LogEvent } from '../entries.ts'
import type { LogModel } from '../model.ts'

/** The storage key; the version suffix changes if the format does. */
export const LOG_KEY = 'wire-lab.log.v1'

const dir = z.enum(['sent', 'received'])
const base = { id: z.number().int(), t: z.number() }
const Stored = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('chunk'),
    n: z.number().int(),
    dir,
    hex: z.string(),
    offset: z.number().int(),
    marks: z.array(
      z.object({ at: z.number().int(), edge: z.enum(['start', 'end']), msg: z.number().int() }),
    ),
    spans: z.array(
      z.object({
        from: z.number().int(),
        to: z.number().int(),
        role: z.enum(['frame', 'rejected']),
      }),
    ),
  }),
  z.object({
    ...base,
    kind: z.literal('message'),
    n: z.number().int(),
    dir,
    start: z.number().int(),
    end: z.number().int(),
    chunks: z.tuple([z.number().int(), z.number().int()]).optional(),
    hex: z.string(),
    frameError: z
      .object({ problem: z.enum(['garbage', 'too-large', 'incomplete']), fatal: z.boolean() })
      .optional(),
  }),
  // Events were validated when they arrived; only their tag is checked here.
  z.object({ ...base, kind: z.literal('event'), event: z.looseObject({ type: z.string() }) }),
])
type Stored = z.infer<typeof Stored>
const Saved = z.object({ v: z.literal(1), entries: z.array(z.unknown()) })

// The JSON shape of an entry (bytes as hex; message views are decoded again on load).
function store(entry: Entry): unknown {
  const { id, t } = entry
  switch (entry.kind) {
    case 'chunk': {
      const { kind, n, dir, offset, marks, spans } = entry
      return { kind, id, t, n, dir, hex: toHex(entry.bytes, ''), offset, marks, spans }
    }
    case 'message': {
      const { kind, n, dir, start, end, chunks, view } = entry
      return {
        ...{ kind, id, t, n, dir, start, end, hex: toHex(entry.body, '') },
        ...(chunks ? { chunks } : {}),
        ...(view.type === 'frame-error'
          ? { frameError: { problem: view.problem, fatal: view.fatal } }
          : {}),
      }
    }
    case 'event':
      return { kind: 'event', id, t, event: entry.event }
  }
}

function load(stored: Stored, id: number): Entry | undefined {
  const common = { id, t: stored.t, previous: true }
  switch (stored.kind) {
    case 'chunk': {
      const bytes = fromHex(stored.hex)
      if (!bytes) return undefined
      const { kind, n, dir, offset, marks, spans } = stored
      return { ...common, kind, n, dir, offset, marks, spans, bytes }
    }
    case 'message': {
      const body = fromHex(stored.hex)
      if (!body) return undefined
      const { kind, n, dir, start, end, chunks, frameError } = stored
      const view = frameError
        ? ({ type: 'frame-error', ...frameError } as const)
        : decodeMessage(dir, body)
      return { ...common, kind, n, dir, start, end, ...(chunks ? { chunks } : {}), body, view }
    }
    case 'event':
      return { kind: 'event', ...common, event: stored.event as LogEvent }
  }
}

/** The newest entries as JSON text, at most `budget` characters of entries. */
export function serializeLog(entries: readonly Entry[], budget = 1_000_000): string {
  const parts: string[] = []
  let size = 0
  for (let i = entries.length - 1; i >= 0; i--) {
    const text = JSON.stringify(store(entries[i]!))
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
    const stored = Stored.safeParse(raw)
    const entry = stored.success ? load(stored.data, out.length + 1) : undefined
    if (entry) out.push(entry)
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
