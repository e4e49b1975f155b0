// Who may open a relay: the refusal rules of one WebSocket (origin, target, names, limits), as plain values.
import type http from 'node:http'
import type net from 'node:net'
import type { AllowedTarget } from '../shared/bridge-protocol.ts'
import {
  CLIENT_PARAM,
  CLOSE,
  GROUP_PARAM,
  isAllowRange,
  isClientId,
  normalizeGroup,
  parseTarget,
} from '../shared/bridge-constants.ts'
import { wlError } from '../shared/errors.ts'
import { findAllowed } from './allow.ts'

/** Counts of something per client address, and in total. */
export class AddressCounts {
  private readonly counts = new Map<string, number>()
  total = 0

  of(ip: string): number {
    return this.counts.get(ip) ?? 0
  }

  add(ip: string): void {
    this.counts.set(ip, this.of(ip) + 1)
    this.total++
  }

  remove(ip: string): void {
    const left = this.of(ip) - 1
    if (left > 0) this.counts.set(ip, left)
    else this.counts.delete(ip)
    this.total--
  }
}

/** What the bridge knows when a WebSocket asks for a relay. */
export interface AdmissionContext {
  stopping: boolean
  allow: readonly AllowedTarget[]
  /** The target when the URL names none (the bridge's --default-target). */
  fallback: { host: string; port: number } | undefined
  originAllowed: (origin: string | undefined, host: string | undefined) => boolean
  /** The asking computer's address, its open relays, and the limits. */
  ip: string
  relaysOfIp: number
  relays: number
  maxPerClient: number
  maxConnections: number
}

/** A relay the bridge will open, or the close code and reason of its refusal. */
export type Admission =
  | {
      ok: true
      host: string
      port: number
      entry: AllowedTarget
      group: string | undefined
      client: string | undefined
    }
  | { ok: false; code: number; reason: string }

const no = (code: number, reason: string): Admission => ({ ok: false, code, reason })

/**
 * The bridge's rules, in order. Header and query text is quoted with JSON.stringify: it must not
 * inject lines into the log. The address's own limit comes before the total: a computer over its
 * share is told so, whoever else is here.
 */
export function admit(
  url: URL,
  headers: { origin?: string | undefined; host?: string | undefined },
  ctx: AdmissionContext,
): Admission {
  if (ctx.stopping) return no(CLOSE.GOING_AWAY, 'bridge is shutting down')
  const origin = headers.origin
  if (!ctx.originAllowed(origin, headers.host)) {
    return no(CLOSE.ORIGIN_NOT_ALLOWED, `origin ${JSON.stringify(origin)} is not allowed`)
  }
  const asked = url.searchParams.get('target') || undefined
  const wanted = asked === undefined ? ctx.fallback : parseTarget(asked)
  if (asked === undefined && !wanted) {
    return no(CLOSE.NO_TARGET, 'no target: add ?target=HOST:PORT to the URL')
  }
  const entry = wanted && findAllowed(ctx.allow, wanted.host, wanted.port)
  if (!wanted || !entry) {
    return no(CLOSE.TARGET_NOT_ALLOWED, `target ${JSON.stringify(asked)} is not allowed`)
  }
  const groupText = url.searchParams.get(GROUP_PARAM) || undefined
  const group = groupText === undefined ? undefined : normalizeGroup(groupText)
  if (groupText !== undefined && group === undefined) {
    return no(CLOSE.BAD_NAME, `group ${JSON.stringify(groupText)} is not 1-32 of a-z, 0-9 and -`)
  }
  const client = url.searchParams.get(CLIENT_PARAM) || undefined
  if (client !== undefined && !isClientId(client)) {
    return no(
      CLOSE.BAD_NAME,
      `client ${JSON.stringify(client)} is not 1-40 of A-Z, a-z, 0-9, _ and -`,
    )
  }
  if (ctx.relaysOfIp >= ctx.maxPerClient) {
    return no(
      CLOSE.TOO_MANY_CONNECTIONS,
      `too many connections from ${ctx.ip} (${ctx.maxPerClient} at most)`,
    )
  }
  if (ctx.relays >= ctx.maxConnections) {
    return no(CLOSE.TOO_MANY_CONNECTIONS, `too many connections (${ctx.maxConnections} at most)`)
  }
  return { ok: true, host: wanted.host, port: wanted.port, entry, group, client }
}

/**
 * An allow-list entry with a host and ports in order: the AllowedTarget schema's rules, by hand
 * because the bridge does not load zod (bench:bridge measured the cost). Throws WL_ERR_BAD_ALLOW.
 */
export function checkAllowed(entry: AllowedTarget): AllowedTarget {
  if (!isAllowRange(entry)) {
    throw wlError('WL_ERR_BAD_ALLOW', `bad allow-list entry ${JSON.stringify(entry)}`)
  }
  return { ...entry }
}

/** The client's (or, with 'local', our own) IP address, IPv4-mapped IPv6 written as IPv4. */
export function clientAddress(socket: net.Socket, end: 'remote' | 'local' = 'remote'): string {
  const address = (end === 'remote' ? socket.remoteAddress : socket.localAddress) ?? 'unknown'
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
}

/**
 * Caps the server's TCP connections per address and in total: past a cap a connection is destroyed
 * at once, and `report` hears how many were, at most once a second however many a flood brings.
 */
export function limitSockets(
  server: http.Server,
  limits: { perClient: number; total: number; report: (refused: number) => void },
): { stop(): void } {
  const socketsOf = new AddressCounts()
  let refused = 0
  server.on('connection', (socket: net.Socket) => {
    const ip = clientAddress(socket)
    if (socketsOf.of(ip) >= limits.perClient || socketsOf.total >= limits.total) {
      socket.destroy()
      refused++
      return
    }
    socketsOf.add(ip)
    socket.once('close', () => socketsOf.remove(ip))
  })
  const timer = setInterval(() => {
    if (refused === 0) return
    limits.report(refused)
    refused = 0
  }, 1_000).unref()
  return { stop: () => clearInterval(timer) }
}
