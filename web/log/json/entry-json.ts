// One log entry as JSON, bytes as hex: the zod schema and the one serialiser that the stored log and the
// exported file both use (message views are decoded again from the bytes when read back).
import { z } from 'zod'
import { fromHex, toHex } from '../../bytes/bytes.ts'
import { PROTOCOLS, type Problem } from '../../../shared/protocols/types.ts'
import { viewOfBytes } from '../decode/protocol-view.ts'
import type { MessageView } from '../decode/decode.ts'
import { LogEvent, type Entry } from '../entries.ts'

const count = z.number().int().nonnegative()
const PROBLEMS = [
  'too-large',
  'too-deep',
  'incomplete',
  'garbage',
  'bad-start-line',
  'bad-header',
  'bad-length',
  'bad-chunk',
  'bad-type',
  'bad-crlf',
  'bad-value',
] as const satisfies readonly Problem[]
/** Bytes as lowercase or uppercase hex pairs, without separators. */
const Hex = z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'hex')
const Dir = z.enum(['sent', 'received'])

// `t`: milliseconds since the entry's connection started; `previous`: restored after a reload.
const base = { t: z.number().nonnegative(), previous: z.boolean().optional() }

/** One log entry as JSON. */
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
    /** What the message speaks when not the lesson's protocol (absent in older files: the lesson). */
    protocol: z.enum(PROTOCOLS).optional(),
    /** Bytes another protocol's decoder rejected. */
    protocolError: z
      .object({ problem: z.enum(PROBLEMS), detail: z.string(), fatal: z.boolean() })
      .optional(),
  }),
  z.object({ kind: z.literal('event'), ...base, event: LogEvent }),
])
export type EntryJson = z.infer<typeof EntryJson>

/** An entry as JSON (its id is left out: entries are renumbered when read back). */
export function entryToJson(entry: Entry): EntryJson {
  const previous = entry.previous ? { previous: true } : {}
  switch (entry.kind) {
    case 'chunk': {
      const { kind, t, n, dir, offset, marks, spans } = entry
      const hex = toHex(entry.bytes, '')
      return { kind, t, ...previous, n, dir, hex, offset, marks: [...marks], spans: [...spans] }
    }
    case 'message': {
      const { kind, t, n, dir, start, end, chunks, view } = entry
      return {
        ...{ kind, t, ...previous, n, dir, start, end, hex: toHex(entry.body, '') },
        ...(chunks ? { chunks: [chunks[0], chunks[1]] } : {}),
        ...(view.type === 'frame-error'
          ? { frameError: { problem: view.problem, fatal: view.fatal } }
          : {}),
        ...(view.type === 'protocol' ? { protocol: view.message.protocol } : {}),
        ...(view.type === 'protocol-error'
          ? {
              protocol: 'raw' as const,
              protocolError: { problem: view.problem, detail: view.detail, fatal: view.fatal },
            }
          : {}),
      }
    }
    case 'event':
      return { kind: 'event', t: entry.t, ...previous, event: entry.event }
  }
}

/** The entry a checked EntryJson stands for, numbered `id`; `previous` marks it restored whatever it said. */
export function entryFromJson(json: EntryJson, id: number, previous = json.previous): Entry {
  const common = { id, t: json.t, ...(previous ? { previous: true } : {}) }
  switch (json.kind) {
    case 'chunk': {
      const { kind, n, dir, offset, marks, spans } = json
      return { ...common, kind, n, dir, offset, marks, spans, bytes: hexBytes(json.hex) }
    }
    case 'message': {
      const { kind, n, dir, start, end, chunks, frameError, protocolError } = json
      const body = hexBytes(json.hex)
      const view: MessageView = frameError
        ? { type: 'frame-error', ...frameError }
        : protocolError
          ? { type: 'protocol-error', ...protocolError }
          : viewOfBytes(json.protocol ?? 'lesson', dir, body)
      return { ...common, kind, n, dir, start, end, ...(chunks ? { chunks } : {}), body, view }
    }
    case 'event':
      return { ...common, kind: 'event', event: json.event }
  }
}

// The schema let only hex pairs through, so this cannot fail.
function hexBytes(hex: string): Uint8Array {
  return fromHex(hex) ?? new Uint8Array(0)
}
