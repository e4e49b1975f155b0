// The bridge contract's plain values (paths, close codes, target syntax), free of zod so the bridge loads light.

/** WebSocket path of the relay; `?target=HOST:PORT` chooses the TCP target (else the bridge's default). */
export const BRIDGE_PATH = '/ws'
/** HTTP path answering the allow-list as `TargetsInfo` JSON. */
export const TARGETS_PATH = '/api/targets'
/** The teacher's class snapshot; `/events` streams it (server-sent events), `/exchange/ID` one log. */
export const CLASS_PATH = '/api/class'
/** The query parameter (or `Authorization: Bearer`) that carries the teacher's key. */
export const KEY_PARAM = 'key'
/** WebSocket URL parameters: the page's group (a shared workspace) and its own id for itself. */
export const GROUP_PARAM = 'group'
export const CLIENT_PARAM = 'client'

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
  /** The group (or client id) in the URL is not a valid name. */
  BAD_NAME: 4009,
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

/** A group name (PROTOCOL.md "Workspaces"): 1 to 32 of a-z, 0-9 and -. */
export const GROUP_NAME = /^[a-z0-9-]{1,32}$/

/** Whether `name` is a group name exactly as it goes on the wire. */
export function isGroupName(name: string): boolean {
  return GROUP_NAME.test(name)
}

/**
 * The group name a person meant by `text`, or undefined when it cannot be one: surrounding spaces are
 * dropped and letters lowercased, so "Grupo-3" typed on one laptop meets "grupo-3" typed on another.
 */
export function normalizeGroup(text: string): string | undefined {
  const name = text.trim().toLowerCase()
  return isGroupName(name) ? name : undefined
}

/** A page's id for itself (one per browser tab, plus the pane's letter): 1 to 40 of A-Z a-z 0-9 _ -. */
export function isClientId(text: string): boolean {
  return /^[A-Za-z0-9_-]{1,40}$/.test(text)
}

/**
 * The one rule every allow-list entry keeps, however it was made (the bridge's options, the zod
 * schema of /api/targets): a host, and a rising range of TCP ports (1-65535).
 */
export function isAllowRange(entry: { host: unknown; from: unknown; to: unknown }): boolean {
  const port = (n: unknown): n is number =>
    Number.isInteger(n) && Number(n) >= 1 && Number(n) <= 65535
  return (
    typeof entry.host === 'string' &&
    entry.host !== '' &&
    port(entry.from) &&
    port(entry.to) &&
    entry.from <= entry.to
  )
}
