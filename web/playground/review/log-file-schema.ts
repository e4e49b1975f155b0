// The exported log file's format, version 1: zod schemas for every entry and event, bytes as hex.
import { z } from 'zod'
import { BridgeEvent } from '../../../shared/bridge-protocol.ts'
import { FRAMINGS } from '../../../shared/framing.ts'
import { PANE_NAMES } from '../panes/panes.ts'

/** The `format` field's value: tells a wire-lab log from any other JSON file. */
export const EXPORT_FORMAT = 'wire-lab-log'
/** The format version this page writes and reads. */
export const EXPORT_VERSION = 1

const int = z.number().int()
const count = int.nonnegative()
/** Bytes as lowercase or uppercase hex pairs, without separators. */
const Hex = z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'hex')
const Dir = z.enum(['sent', 'received'])

/** Why a connection ended (web/connection.ts's CloseReason). */
export const CloseReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user') }),
  z.object({
    kind: z.literal('closed'),
    code: int,
    reason: z.string(),
    errno: z.string().optional(),
  }),
  z.object({ kind: z.literal('unreachable'), url: z.string() }),
  z.object({ kind: z.literal('lost'), code: int }),
  z.object({ kind: z.literal('timeout'), seconds: z.number() }),
  z.object({ kind: z.literal('protocol'), detail: z.string() }),
])

/** Every event the log records: the bridge's, the page's own, and the log's dividers. */
export const LogEventJson = z.union([
  BridgeEvent,
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('ws-connecting'), url: z.string() }),
    z.object({ type: z.literal('ws-open') }),
    z.object({ type: z.literal('ended'), reason: CloseReason }),
    z.object({ type: z.literal('session'), target: z.string(), framing: z.enum(FRAMINGS) }),
    z.object({ type: z.literal('restored'), count }),
  ]),
])

// `t`: milliseconds since the entry's connection started; `previous`: restored after a reload.
const base = { t: z.number().nonnegative(), previous: z.boolean().optional() }

/** One log entry as JSON; message views are decoded again from the bytes on import. */
export const EntryJson = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('chunk'),
    ...base,
    n: count,
    dir: Dir,
    hex: Hex,
    offset: count,
    marks: z.array(z.object({ at: count, edge: z.enum(['start', 'end']), msg: count })),
    spans: z.array(z.object({ from: count, to: count, role: z.enum(['frame', 'rejected']) })),
  }),
  z.object({
    kind: z.literal('message'),
    ...base,
    n: count,
    dir: Dir,
    start: count,
    end: count,
    chunks: z.tuple([count, count]).optional(),
    hex: Hex,
    frameError: z
      .object({ problem: z.enum(['garbage', 'too-large', 'incomplete']), fatal: z.boolean() })
      .optional(),
  }),
  z.object({ kind: z.literal('event'), ...base, event: LogEventJson }),
])
export type EntryJson = z.infer<typeof EntryJson>

/** One client pane: its letter, the target and framing it last used, and its entries, oldest first. */
export const PaneJson = z.object({
  name: z.enum(PANE_NAMES),
  target: z.string().nullable(),
  framing: z.enum(FRAMINGS),
  entries: z.array(EntryJson),
})
export type PaneJson = z.infer<typeof PaneJson>

/** The whole file. */
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
