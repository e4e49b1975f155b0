// The log's entries as plain data: chunks, decoded messages, events, and how filters select them.
import { z } from 'zod'
import { BridgeEvent } from '../../shared/bridge-protocol.ts'
import { FRAMINGS } from '../../shared/framing.ts'
import { PROTOCOLS } from '../../shared/protocols/types.ts'
import { LocalEvent } from '../session/events.ts'
import type { Direction, MessageView } from './decode/decode.ts'

/** A message boundary inside a chunk: `at` is a byte index within the chunk (0..length). */
export interface Mark {
  at: number
  edge: 'start' | 'end'
  /** The message's number in its direction. */
  msg: number
}

/** Bytes within a chunk that framing added (prefix, newline) or a decoder rejected. */
export interface Span {
  from: number
  to: number
  role: 'frame' | 'rejected'
}

interface EntryBase {
  /** Position in the log; ids are consecutive, so an entry's index is `id - firstId`. */
  id: number
  /** Milliseconds since its connection started. */
  t: number
  /** Restored from a previous page load. */
  previous?: boolean
}

/** One WebSocket message's bytes, i.e. one TCP write (sent) or read (received) as the bridge relayed it. */
export interface ChunkEntry extends EntryBase {
  kind: 'chunk'
  /** Chunk number, counted across the whole log. */
  n: number
  dir: Direction
  bytes: Uint8Array
  /** Stream offset of the chunk's first byte in its direction. */
  offset: number
  marks: readonly Mark[]
  spans: readonly Span[]
}

/** One message the framing decoder delimited, with the stream bytes and chunks it came from. */
export interface MessageEntry extends EntryBase {
  kind: 'message'
  n: number
  dir: Direction
  start: number
  end: number
  /** First and last chunk numbers holding its bytes, when those chunks are still in the log. */
  chunks?: readonly [number, number]
  body: Uint8Array
  view: MessageView
}

/** Events the log shows besides bytes: the bridge's, the page's own, and the log's dividers. */
export const LogEvent = z.union([
  BridgeEvent,
  LocalEvent,
  z.discriminatedUnion('type', [
    /** A connection starts: what it goes to, how its bytes are framed, what it speaks (absent: the lesson). */
    z.object({
      type: z.literal('session'),
      target: z.string(),
      framing: z.enum(FRAMINGS),
      protocol: z.enum(PROTOCOLS).optional(),
    }),
    /** The entries above came from before a reload. */
    z.object({ type: z.literal('restored'), count: z.number().int().nonnegative() }),
  ]),
])
export type LogEvent = z.infer<typeof LogEvent>

/** An event in the log. */
export interface EventEntry extends EntryBase {
  kind: 'event'
  event: LogEvent
}

/** Any log entry. */
export type Entry = ChunkEntry | MessageEntry | EventEntry

/** Which entries are shown; direction applies to chunks and messages. */
export interface LogFilter {
  sent: boolean
  received: boolean
  chunks: boolean
  messages: boolean
  events: boolean
}

/** Entry counts by kind and direction, kept as entries come and go. */
export interface LogCounts {
  chunks: number
  messages: number
  events: number
  sent: number
  received: number
}

/** What the page renders; a new object after each batch of changes. */
export interface LogSnapshot {
  version: number
  /** Every entry that passes the filter, oldest first (the virtual list renders the ones in view). */
  visible: readonly Entry[]
  total: number
  counts: LogCounts
  filter: LogFilter
  /** The oldest entries dropped because the log reached one of its caps (entries or bytes). */
  dropped: number
  /** The bytes those entries were reckoned to hold (budget.ts `entryCost`). */
  droppedBytes: number
}

/** Every filter on: the log's starting state. */
export const ALL: LogFilter = {
  sent: true,
  received: true,
  chunks: true,
  messages: true,
  events: true,
}

/** Whether an entry passes a filter. */
export function passes(entry: Entry, filter: LogFilter): boolean {
  if (entry.kind === 'event') return filter.events
  if (!(entry.kind === 'chunk' ? filter.chunks : filter.messages)) return false
  return entry.dir === 'sent' ? filter.sent : filter.received
}
