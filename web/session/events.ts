// What a session reports besides bytes: why a connection ended and the page's own events, as zod schemas
// (the stored log and exported files check them) with their types derived, and how an endpoint reads.
import { z } from 'zod'
import { formatTarget, type Endpoint } from '../../shared/bridge-protocol.ts'

const int = z.number().int()

/** Why a connection ended; the page turns it into a sentence in the current language. */
export const CloseReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user') }),
  /** The bridge closed the WebSocket with a code (CLOSE); `errno` from a preceding TCP error event. */
  z.object({
    kind: z.literal('closed'),
    code: int,
    reason: z.string(),
    errno: z.string().optional(),
  }),
  /** The WebSocket never opened: no bridge at that address, or it refused the upgrade. */
  z.object({ kind: z.literal('unreachable'), url: z.string() }),
  /** The WebSocket dropped without a close frame (1006) after it had opened. */
  z.object({ kind: z.literal('lost'), code: int }),
  z.object({ kind: z.literal('timeout'), seconds: z.number() }),
  /** The bridge sent something the page cannot read. */
  z.object({ kind: z.literal('protocol'), detail: z.string() }),
])
export type CloseReason = z.infer<typeof CloseReason>

/** Something the page did or saw that is not a bridge event, for the log. */
export const LocalEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ws-connecting'), url: z.string() }),
  z.object({ type: z.literal('ws-open') }),
  z.object({ type: z.literal('ended'), reason: CloseReason }),
])
export type LocalEvent = z.infer<typeof LocalEvent>

/** `127.0.0.1:3213` for an endpoint. */
export function endpoint(e: Endpoint): string {
  return formatTarget(e.address, e.port)
}
