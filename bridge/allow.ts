// Who may use the bridge: the allow-list of TCP targets (HOST:PORT[-PORT]) and the Origin rule for pages.
import type { AllowedTarget } from '../shared/bridge-protocol.ts'
import { DEFAULT_PORTS, FRAMINGS, type Framing } from '../shared/framing.ts'
import { parseAllowEntry } from '../shared/protocols/allow-entry.ts'

/**
 * Parses `HOST:PORT[-PORT][=PROTOCOL][:Name]` (IPv6 as `[::1]:PORT`) into an entry, such as
 * `127.0.0.1:6379=resp:Redis` or `192.168.0.42:3213:Ana's server`; throws an Error naming `flag`.
 */
export function parseAllow(text: string, flag = '--allow'): AllowedTarget {
  const parsed = parseAllowEntry(text)
  if (!parsed.ok) {
    throw new Error(
      `${flag} must be HOST:PORT or HOST:PORT-PORT, optionally with =PROTOCOL and :Name ` +
        `(${parsed.reason})`,
    )
  }
  return parsed.entry
}

/** The bundled wire-lab server's ports on one host, one entry per framing, labelled with its name. */
export function defaultAllowList(
  host = '127.0.0.1',
  ports: Readonly<Record<Framing, number>> = DEFAULT_PORTS,
): AllowedTarget[] {
  return FRAMINGS.map((framing) => ({
    host,
    from: ports[framing],
    to: ports[framing],
    protocol: 'lesson',
    framing,
    label: framing,
  }))
}

/** The allow-list entry that admits this host and port, if any. */
export function findAllowed(
  allow: readonly AllowedTarget[],
  host: string,
  port: number,
): AllowedTarget | undefined {
  // Hosts compare as written (no DNS): 'localhost' and '127.0.0.1' are different entries, so a
  // name that resolves somewhere unexpected can never widen the list. Only case is ignored.
  const wanted = host.toLowerCase()
  return allow.find((t) => t.host.toLowerCase() === wanted && port >= t.from && port <= t.to)
}

/** An --origin value as the browser sends it (`http://host:port`, no path), or '*'; throws an Error. */
export function normalizeOrigin(text: string, flag = '--origin'): string {
  if (text.trim() === '*') return '*'
  let url: URL | undefined
  try {
    url = new URL(text.trim())
  } catch {
    url = undefined
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(
      `${flag} must be an origin such as http://192.168.1.10:8080, or *, not "${text}"`,
    )
  }
  return url.origin
}

/** Whether a page from `origin` may use this bridge, given the request's Host header. */
export type OriginRule = (origin: string | undefined, host: string | undefined) => boolean

/**
 * The Origin rule: no Origin header (not a browser) passes; a browser page passes when it was served
 * by this bridge (Origin's host:port equals the Host header), when it is listed, or when '*' is listed.
 */
export function originChecker(origins: readonly string[]): OriginRule {
  const any = origins.includes('*')
  const listed = new Set(origins.filter((o) => o !== '*').map((o) => normalizeOrigin(o)))
  return (origin, host) => {
    if (origin === undefined) return true
    if (any) return true
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      // 'null' (sandboxed frames, file: pages) and garbage are not URLs.
      return false
    }
    if (listed.has(url.origin)) return true
    if (!/^https?:$/.test(url.protocol) || host === undefined) return false
    try {
      // Parsing the Host header with the Origin's scheme drops a default port on both sides alike.
      return new URL(`${url.protocol}//${host}`).host === url.host
    } catch {
      return false
    }
  }
}
