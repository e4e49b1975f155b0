// The teacher's view of the class: the JSON the bridge serves under /api/class (zod schemas, shared with the page).
import { z } from 'zod'
import { BridgeEvent, ByteCounts } from './bridge-protocol.ts'
import { FRAMINGS } from './framing.ts'

export { CLASS_PATH, KEY_PARAM } from './bridge-constants.ts'

const int = z.number().int()
const count = int.nonnegative()
/** Milliseconds since 1970, on the bridge's clock. */
const epoch = z.number().nonnegative()

/** A request or answer as the teacher sees it: the decoded gist and when it passed. */
export const Said = z.object({ at: epoch, text: z.string() })
export type Said = z.infer<typeof Said>

/** An answer's gist: its code and EXPLICAÇÃO as text. */
export const Answered = Said.extend({ code: z.string() })
export type Answered = z.infer<typeof Answered>

/** What went wrong last on one connection: a refusal answer, or how the connection ended. */
export const LastError = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), at: epoch, code: z.string(), text: z.string() }),
  z.object({ kind: z.literal('close'), at: epoch, code: int, reason: z.string() }),
  z.object({ kind: z.literal('undecodable'), at: epoch, text: z.string() }),
])
export type LastError = z.infer<typeof LastError>

/** One page's connection (one client pane) through the bridge. */
export const ClassConnection = z.object({
  id: count,
  /** The page's IP address: the computer. */
  address: z.string(),
  /** The group the page joined, if any. */
  group: z.string().optional(),
  /** Which workspace (registry) the server puts it in: `ip:ADDRESS`, `group:NAME` or `class`. */
  workspace: z.string(),
  /** The page's own id for itself (one per browser tab) and the pane's letter, when it said. */
  client: z.string().optional(),
  target: z.string(),
  framing: z.enum(FRAMINGS).optional(),
  since: epoch,
  /** Set once the connection is over. */
  ended: z.object({ at: epoch, code: int, reason: z.string() }).optional(),
  bytes: ByteCounts,
  requests: count,
  /** Answers by code ("200": 7, "404": 2). */
  answers: z.record(z.string(), count),
  lastRequest: Said.optional(),
  lastAnswer: Answered.optional(),
  lastError: LastError.optional(),
})
export type ClassConnection = z.infer<typeof ClassConnection>

/** One line of the live feed. */
export const FeedItem = z.object({
  at: epoch,
  connection: count,
  address: z.string(),
  group: z.string().optional(),
  kind: z.enum(['connected', 'request', 'answer', 'closed']),
  code: z.string().optional(),
  text: z.string(),
})
export type FeedItem = z.infer<typeof FeedItem>

/** A workspace of the server and how many users it holds. */
export const WorkspaceInfo = z.object({ name: z.string(), users: count })
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>

/** The whole class at one moment. */
export const ClassSnapshot = z.object({
  at: epoch,
  connections: z.array(ClassConnection),
  /** Answers by code over every connection, those ended included. */
  tally: z.record(z.string(), count),
  workspaces: z.array(WorkspaceInfo),
  feed: z.array(FeedItem),
})
export type ClassSnapshot = z.infer<typeof ClassSnapshot>

/** One thing that crossed a connection, in order: a bridge event or bytes either way. */
export const ExchangeItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), t: z.number().nonnegative(), event: BridgeEvent }),
  z.object({
    kind: z.literal('data'),
    t: z.number().nonnegative(),
    dir: z.enum(['sent', 'received']),
    hex: z.string().regex(/^(?:[0-9a-f]{2})*$/),
  }),
])
export type ExchangeItem = z.infer<typeof ExchangeItem>

/** One connection's recorded exchange, oldest first; `dropped` items fell out of the bounded history. */
export const Exchange = z.object({
  connection: ClassConnection,
  dropped: z.object({ items: count, bytes: count }),
  items: z.array(ExchangeItem),
})
export type Exchange = z.infer<typeof Exchange>
