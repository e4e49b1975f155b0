// The bridge's contract with the page: URL, close codes (bridge-constants.ts) and the zod schemas of its JSON events.
import { z } from 'zod'
import { FRAMINGS } from './framing.ts'
import { PROTOCOLS } from './protocols/types.ts'
import { isAllowRange } from './bridge-constants.ts'

export * from './bridge-constants.ts'

/** An address and port as Node reports them. */
export const Endpoint = z.object({ address: z.string(), port: z.number().int() })
export type Endpoint = z.infer<typeof Endpoint>

/** Bytes the bridge relayed: page -> TCP target, and TCP target -> page. */
export const ByteCounts = z.object({
  toTarget: z.number().int().nonnegative(),
  fromTarget: z.number().int().nonnegative(),
})
export type ByteCounts = z.infer<typeof ByteCounts>

/** Milliseconds since the WebSocket was accepted, on the bridge's clock. */
const at = z.number().nonnegative()

/** What happened on the TCP side, sent by the bridge as one JSON text frame each (never mixed with data). */
export const BridgeEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connecting'), at, target: z.string() }),
  z.object({ type: z.literal('connected'), at, local: Endpoint, remote: Endpoint }),
  /**
   * The bridge wrote a PROXY protocol v2 header to the bundled server before the page's bytes, so the
   * server knows the page's address (and group) rather than the bridge's: `hex` is the whole header.
   */
  z.object({
    type: z.literal('proxy'),
    at,
    source: Endpoint,
    group: z.string().optional(),
    hex: z.string().regex(/^(?:[0-9a-f]{2})+$/),
  }),
  /** The target half-closed (FIN): no more bytes will come from it. */
  z.object({ type: z.literal('fin'), at, bytes: ByteCounts }),
  /** A TCP error: `code` is Node's errno code (ECONNRESET, ECONNREFUSED...). */
  z.object({ type: z.literal('error'), at, code: z.string(), message: z.string() }),
  /** Refused before any TCP connect (target, origin, limits). */
  z.object({ type: z.literal('refused'), at, code: z.number().int(), reason: z.string() }),
  /** The last event: the WebSocket close code and reason that follow, and the final byte counts. */
  z.object({
    type: z.literal('closed'),
    at,
    code: z.number().int(),
    reason: z.string(),
    bytes: ByteCounts,
  }),
])
export type BridgeEvent = z.infer<typeof BridgeEvent>

/**
 * One allow-list entry: a host and an inclusive port range, with what is known of the target: its
 * protocol (absent: the lesson's), the lesson's framing, and a name for people.
 */
export const AllowedTarget = z
  .object({
    host: z.string(),
    from: z.number(),
    to: z.number(),
    protocol: z.enum(PROTOCOLS).optional(),
    framing: z.enum(FRAMINGS).optional(),
    label: z.string().optional(),
  })
  .refine(isAllowRange, 'a host and a rising range of TCP ports (1-65535)')
export type AllowedTarget = z.infer<typeof AllowedTarget>

/** The answer of GET /api/targets. */
export const TargetsInfo = z.object({
  targets: z.array(AllowedTarget),
  /** `HOST:PORT` used when the WebSocket URL names no target. */
  defaultTarget: z.string().optional(),
})
export type TargetsInfo = z.infer<typeof TargetsInfo>
