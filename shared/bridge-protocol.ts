// The bridge's contract with the page: URL, close codes and the JSON events it sends as text frames.
import { z } from 'zod'
import { FRAMINGS } from './framing.ts'

/** WebSocket path of the relay; `?target=HOST:PORT` chooses the TCP target (else the bridge's default). */
export const BRIDGE_PATH = '/ws'
/** HTTP path answering the allow-list as `TargetsInfo` JSON. */
export const TARGETS_PATH = '/api/targets'

/**
 * Close codes the bridge uses, each with an English reason for other clients; the page translates by code.
 * 1000/1001/1009/1011 are RFC 6455's; 4xxx are the bridge's own.
 */
export const CLOSE = {
  /** The page closed, and the TCP side was ended. */
  NORMAL: 1000,
  /** The bridge is shutting down. */
  GOING_AWAY: 1001,
  /** A frame was larger than the bridge's --max-frame. */
  TOO_BIG: 1009,
  /** An unexpected failure inside the bridge. */
  INTERNAL: 1011,
  /** The TCP peer closed its side (FIN); everything it sent was delivered first. */
  TARGET_CLOSED: 4000,
  /** The TCP peer reset the connection (RST, ECONNRESET). */
  TARGET_RESET: 4001,
  /** The TCP connect failed (ECONNREFUSED, EHOSTUNREACH, ETIMEDOUT...). */
  TARGET_UNREACHABLE: 4002,
  /** Another TCP error after connecting. */
  TARGET_ERROR: 4003,
  /** The requested target is not on the allow-list (no TCP connect was made). */
  TARGET_NOT_ALLOWED: 4004,
  /** The page's Origin is not allowed (no TCP connect was made). */
  ORIGIN_NOT_ALLOWED: 4005,
  /** Too many connections, in total or from this address. */
  TOO_MANY_CONNECTIONS: 4006,
  /** No traffic either way for the idle timeout. */
  IDLE_TIMEOUT: 4007,
  /** The request named no target and the bridge has no default one. */
  NO_TARGET: 4008,
} as const
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE]

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

/** One allow-list entry: a host and an inclusive port range, with the framing when it is known. */
export const AllowedTarget = z.object({
  host: z.string(),
  from: z.number().int().min(1).max(65535),
  to: z.number().int().min(1).max(65535),
  framing: z.enum(FRAMINGS).optional(),
  label: z.string().optional(),
})
export type AllowedTarget = z.infer<typeof AllowedTarget>

/** The answer of GET /api/targets. */
export const TargetsInfo = z.object({
  targets: z.array(AllowedTarget),
  /** `HOST:PORT` used when the WebSocket URL names no target. */
  defaultTarget: z.string().optional(),
})
export type TargetsInfo = z.infer<typeof TargetsInfo>

/** Parses `HOST:PORT` or `[v6]:PORT`; undefined when it is not one. */
export function parseTarget(text: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s/[\]]+)):(\d{1,5})$/.exec(text.trim())
  if (!m) return undefined
  const port = Number(m[3])
  if (port < 1 || port > 65535) return undefined
  return { host: (m[1] ?? m[2])!, port }
}

/** `HOST:PORT`, bracketing IPv6 hosts. */
export function formatTarget(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}
