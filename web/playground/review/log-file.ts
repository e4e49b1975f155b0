// Export every pane's log as one versioned JSON file, and read such a file back for review.
import { z } from 'zod'
import { FRAMINGS, type Framing } from '../../../shared/framing.ts'
import type { Entry } from '../../log/entries.ts'
import { EntryJson, entryFromJson, entryToJson } from '../../log/json/entry-json.ts'
import type { ClientSession } from '../../session/client-session.ts'
import { PANE_NAMES, type PaneName } from '../panes/panes.ts'

/** The `format` field's value: tells a wire-lab log from any other JSON file. */
export const EXPORT_FORMAT = 'wire-lab-log'
/** The format version this page writes and reads. */
export const EXPORT_VERSION = 1

/** One client pane: its letter, the target and framing it last used, and its entries, oldest first. */
export const PaneJson = z.object({
  name: z.enum(PANE_NAMES),
  target: z.string().nullable(),
  framing: z.enum(FRAMINGS),
  entries: z.array(EntryJson),
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
}

/** Why a file could not be imported; the page turns it into a sentence. */
export type ImportError =
  | { kind: 'not-json' }
  | { kind: 'not-log' }
  | { kind: 'version'; version: unknown }
  /** The first problem the schema found: where (`panes[0].entries[3].hex`) and what. */
  | { kind: 'invalid'; path: string; message: string }

/** An imported file, or why it was refused. */
export type ImportResult =
  { ok: true; exportedAt: string; panes: PaneLog[] } | { ok: false; error: ImportError }

/** The file's text: every pane with its entries, bytes as hex, written at `now`. */
export function exportLog(panes: readonly PaneLog[], now = new Date()): string {
  const file: LogFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    panes: panes.map((p): PaneJson => ({
      name: p.name,
      target: p.target,
      framing: p.framing,
      entries: p.entries.map(entryToJson),
    })),
  }
  return JSON.stringify(file)
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

/** Reads an exported file: JSON, then the format and version, then the schema; ids are renumbered from 1. */
export function importLog(text: string): ImportResult {
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
    panes: parsed.data.panes.map((p) => ({
      name: p.name,
      target: p.target,
      framing: p.framing,
      entries: p.entries.map((e, i) => entryFromJson(e, i + 1)),
    })),
  }
}

/** A live pane's log for export: its target (connected, or of its last session) and framing. */
export function paneLogOf(name: PaneName, session: ClientSession): PaneLog {
  const entries = session.log.all()
  let target = session.connection.getState().target ?? null
  for (let i = entries.length - 1; i >= 0 && target === null; i--) {
    const e = entries[i]!
    if (e.kind === 'event' && e.event.type === 'session') target = e.event.target
  }
  return { name, target, framing: session.currentFraming, entries }
}
