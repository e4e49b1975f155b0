// The bridge contract's plain values (paths, close codes, target syntax), free of zod so the bridge loads light.

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
