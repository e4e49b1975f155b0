// Export every pane's log as one versioned JSON file, and read such a file back for review.
import { z } from 'zod'
import { FRAMINGS, type Framing } from '../../../shared/framing.ts'
import { DEFAULT_LIMITS, entryCost, type Dropped, type LogLimits } from '../../log/budget.ts'
import type { Entry } from '../../log/entries.ts'
import { EntryJson, entryFromJson, entryToJson } from '../../log/json/entry-json.ts'
import { estimateCost, keepNewest } from './keep-newest.ts'
import type { ClientSession } from '../../session/client-session.ts'
import { PANE_NAMES, type PaneName } from '../panes/panes.ts'

/** The `format` field's value: tells a wire-lab log from any other JSON file. */
export const EXPORT_FORMAT = 'wire-lab-log'
/** The format version this page writes and reads. */
export const EXPORT_VERSION = 1
/**
 * The largest file this page imports (64 MiB): reading one costs a few times its size in memory for
 * a moment. Exports are kept within it, so a file this page wrote, it reads.
 */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

const count = z.number().int().nonnegative()

/** One client pane: its letter, the target and framing it last used, and its entries, oldest first. */
export const PaneJson = z.object({
  name: z.enum(PANE_NAMES),
  target: z.string().nullable(),
  framing: z.enum(FRAMINGS),
  entries: z.array(EntryJson),
  /** The oldest entries left out: dropped by the live log's caps, or to keep the file importable. */
  dropped: z.object({ entries: count, bytes: count }).optional(),
})
export type PaneJson = z.infer<typeof PaneJson>

/** The whole file, version 1. */
export const LogFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  /** When the file was written, as an ISO 8601 date. */
  exportedAt: z.iso.datetime(),
  panes: z
    .array(PaneJson)
    .min(1)
    .max(PANE_NAMES.length)
    .refine((panes) => new Set(panes.map((p) => p.name)).size === panes.length, 'duplicate pane'),
})
export type LogFile = z.infer<typeof LogFile>

/** One pane's log as exported or imported. */
export interface PaneLog {
  name: PaneName
  /** `HOST:PORT` of the last connection, or null when the pane never connected. */
  target: string | null
  framing: Framing
  entries: readonly Entry[]
  /** Older entries no longer held (the live log's caps, the export's size, the import's caps). */
  dropped?: Dropped
}

/** Why a file could not be imported; the page turns it into a sentence. */
export type ImportError =
  /** Past MAX_IMPORT_BYTES: refused before it is read. */
  | { kind: 'too-large'; size: number; max: number }
  | { kind: 'not-json' }
  | { kind: 'not-log' }
  | { kind: 'version'; version: unknown }
  /** The first problem the schema found: where (`panes[0].entries[3].hex`) and what. */
  | { kind: 'invalid'; path: string; message: string }

/** An imported file, or why it was refused. */
export type ImportResult =
  { ok: true; exportedAt: string; panes: PaneLog[] } | { ok: false; error: ImportError }

/**
 * The file's text: every pane with its entries, bytes as hex, written at `now`. Each pane keeps its
 * newest entries within an equal share of `maxBytes` (MAX_IMPORT_BYTES), and says how many it left out.
 */
export function exportLog(
  panes: readonly PaneLog[],
  now = new Date(),
  maxBytes = MAX_IMPORT_BYTES,
): string {
  // The JSON around the entries takes well under a kilobyte per pane.
  const share = Math.floor((maxBytes - 1024) / Math.max(1, panes.length)) - 1024
  const head = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString() }
  const written = panes.map((p) => {
    const texts: string[] = []
    let size = 0
    let i = p.entries.length - 1
    for (; i >= 0; i--) {
      const text = JSON.stringify(entryToJson(p.entries[i]!))
      if (size + text.length + 1 > share) break
      texts.push(text)
      size += text.length + 1
    }
    let dropped = p.dropped
    if (i >= 0) {
      const left = p.entries.slice(0, i + 1)
      dropped = {
        entries: (dropped?.entries ?? 0) + left.length,
        bytes: (dropped?.bytes ?? 0) + left.reduce((n, e) => n + entryCost(e), 0),
      }
    }
    const pane = { name: p.name, target: p.target, framing: p.framing }
    const tail = dropped && dropped.entries > 0 ? `,"dropped":${JSON.stringify(dropped)}` : ''
    // Written by hand around the entries' texts: one JSON.stringify of the whole file would hold it twice.
    return `${JSON.stringify(pane).slice(0, -1)},"entries":[${texts.reverse().join(',')}]${tail}}`
  })
  return `${JSON.stringify(head).slice(0, -1)},"panes":[${written.join(',')}]}`
}

/** A download name such as `wire-lab-2026-11-25-1430.json`, in local time. */
export function exportFileName(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const day = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`
  return `wire-lab-${day}-${two(now.getHours())}${two(now.getMinutes())}.json`
}

// `panes[0].entries[3].hex` for a zod issue path.
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('')
}

/**
 * Reads an exported file: its size, JSON, then the format and version, then the schema. Each pane
 * keeps its newest entries within the live log's caps (`limits`), renumbered from 1.
 */
export function importLog(text: string, limits: LogLimits = DEFAULT_LIMITS): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) {
    return { ok: false, error: { kind: 'too-large', size: text.length, max: MAX_IMPORT_BYTES } }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, error: { kind: 'not-json' } }
  }
  const head = z.looseObject({ format: z.literal(EXPORT_FORMAT) }).safeParse(value)
  if (!head.success) return { ok: false, error: { kind: 'not-log' } }
  if (head.data.version !== EXPORT_VERSION) {
    return { ok: false, error: { kind: 'version', version: head.data.version } }
  }
  const parsed = LogFile.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return {
      ok: false,
      error: { kind: 'invalid', path: pathText(issue.path), message: issue.message },
    }
  }
  return {
    ok: true,
    exportedAt: parsed.data.exportedAt,
    panes: parsed.data.panes.map((p) => {
      const kept = keepNewest(p.entries, limits, entryFromJson)
      const left = p.entries.slice(0, p.entries.length - kept.length)
      const dropped: Dropped = {
        entries: (p.dropped?.entries ?? 0) + left.length,
        bytes: (p.dropped?.bytes ?? 0) + left.reduce((n, e) => n + estimateCost(e), 0),
      }
      return {
        name: p.name,
        target: p.target,
        framing: p.framing,
        entries: kept,
        ...(dropped.entries > 0 ? { dropped } : {}),
      }
    }),
  }
}

/** Reads a chosen file, refusing one past MAX_IMPORT_BYTES before reading a byte of it. */
export async function readLogFile(
  file: Pick<Blob, 'size' | 'text'>,
): Promise<ImportResult | { ok: false; error: { kind: 'unreadable' } }> {
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, error: { kind: 'too-large', size: file.size, max: MAX_IMPORT_BYTES } }
  }
  let text: string
  try {
    text = await file.text()
  } catch {
    return { ok: false, error: { kind: 'unreadable' } }
  }
  return importLog(text)
}

/** A live pane's log for export: its target (connected, or of its last session) and framing. */
export function paneLogOf(name: PaneName, session: ClientSession): PaneLog {
  const entries = session.log.all()
  let target = session.connection.getState().target ?? null
  for (let i = entries.length - 1; i >= 0 && target === null; i--) {
    const e = entries[i]!
    if (e.kind === 'event' && e.event.type === 'session') target = e.event.target
  }
  return { name, target, framing: session.currentFraming, entries, ...droppedOf(session) }
}

/** `{ dropped }` when the session's log has dropped entries, else nothing: to spread into a PaneLog. */
export function droppedOf(session: ClientSession): { dropped?: Dropped } {
  const { dropped } = session.log.usage()
  return dropped.entries > 0 ? { dropped } : {}
}
