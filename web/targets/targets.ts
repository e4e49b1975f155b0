// Where the bridge is (same origin, or ?bridge=) and which TCP targets it allows, as select options.
import {
  BRIDGE_PATH,
  TARGETS_PATH,
  TargetsInfo,
  formatTarget,
  parseTarget,
  type AllowedTarget,
} from '../../shared/bridge-protocol.ts'
import type { Framing } from '../../shared/framing.ts'
import type { Protocol } from '../../shared/protocols/types.ts'

/** The bridge's WebSocket URL and the HTTP URL of its allow-list. */
export interface BridgeLocation {
  wsUrl: string
  targetsUrl: string
  /** True when `?bridge=` chose it. */
  overridden: boolean
}

/** Same origin by default (`ws(s)://host/ws`); `?bridge=ws://host:port/ws` overrides it. */
export function bridgeLocation(href: string): BridgeLocation {
  const page = new URL(href)
  const param = page.searchParams.get('bridge')
  if (param) {
    try {
      const ws = new URL(param, page)
      if (ws.protocol === 'http:' || ws.protocol === 'https:') {
        ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:'
      }
      if (ws.pathname === '/' || ws.pathname === '') ws.pathname = BRIDGE_PATH
      const http = new URL(TARGETS_PATH, ws)
      http.protocol = ws.protocol === 'wss:' ? 'https:' : 'http:'
      return { wsUrl: ws.toString(), targetsUrl: http.toString(), overridden: true }
    } catch {
      // A malformed ?bridge= falls back to the page's own origin.
    }
  }
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:'
  return {
    wsUrl: `${scheme}//${page.host}${BRIDGE_PATH}`,
    targetsUrl: new URL(TARGETS_PATH, page.origin).toString(),
    overridden: false,
  }
}

/** One choice in the target select: a fixed port, or a range where the user types the port. */
export interface TargetOption {
  /** Stable value for the select element. */
  id: string
  host: string
  from: number
  to: number
  framing?: Framing
  /** What the target speaks, when `--allow` said (absent: presumed the lesson's, unchecked). */
  protocol?: Protocol
  /** The name `--allow` gave it, for people. */
  label?: string
}

/** Select options for an allow-list, in its order. */
export function targetOptions(info: TargetsInfo): TargetOption[] {
  return info.targets.map((t: AllowedTarget) => ({
    id: t.from === t.to ? formatTarget(t.host, t.from) : `${formatTarget(t.host, t.from)}-${t.to}`,
    host: t.host,
    from: t.from,
    to: t.to,
    ...(t.framing ? { framing: t.framing } : {}),
    ...(t.protocol ? { protocol: t.protocol } : {}),
    ...(t.label ? { label: t.label } : {}),
  }))
}

/** True unless `--allow` said the target speaks another protocol (HTTP, Redis...). */
export function speaksLesson(option: TargetOption): boolean {
  return option.protocol === undefined || option.protocol === 'lesson'
}

/** True when the option is a port range the user picks a port from. */
export function isRange(option: TargetOption): boolean {
  return option.from !== option.to
}

/** The page's words an option's text uses (a part of `Messages`: targets/ does not import i18n/). */
export interface OptionWords {
  protocolName: Readonly<Record<Protocol, string>>
  studentServers: string
  otherServer: string
}

/**
 * How an option reads in a select: the name `--allow` gave it first (so a narrow select cuts the
 * address, not the name), then `HOST:PORT`, then its framing or protocol: `127.0.0.1:3213 — json`,
 * `Servidor da Ana — 192.168.0.42:3213`, `Redis — 127.0.0.1:6379 · Redis (RESP)`.
 */
export function optionText(o: TargetOption, t: OptionWords): string {
  const address = isRange(o) ? `${o.host}:${o.from}–${o.to}` : o.id
  const speaks =
    o.framing ?? (o.protocol && o.protocol !== 'lesson' ? t.protocolName[o.protocol] : undefined)
  // The bundled server's ports are named after their framing: say it once.
  if (o.label && o.label !== speaks) return `${o.label} — ${address}${speaks ? ` · ${speaks}` : ''}`
  if (isRange(o)) return `${address} — ${t.studentServers}`
  return `${address} — ${speaks ?? t.otherServer}`
}

/** `HOST:PORT` for an option and a typed port; undefined when the port is outside the range. */
export function resolveTarget(option: TargetOption, typedPort: string): string | undefined {
  if (!isRange(option)) return formatTarget(option.host, option.from)
  if (!/^\d{1,5}$/.test(typedPort.trim())) return undefined
  const port = Number(typedPort)
  if (port < option.from || port > option.to) return undefined
  return formatTarget(option.host, port)
}

/** The chosen allow-list entry and, for a range, the typed port. */
export interface Selection {
  optionId: string
  port: string
}

/** Choosing `option`: a range's port field starts at its first port. */
export function selectionOf(option: TargetOption | undefined): Selection {
  return { optionId: option?.id ?? '', port: option ? String(option.from) : '' }
}

/** The user's pick while its option is still offered, else the preselected `fallback`. */
export function currentSelection(
  picked: Selection | undefined,
  options: readonly TargetOption[],
  fallback: TargetOption | undefined,
): Selection {
  return picked && options.some((o) => o.id === picked.optionId) ? picked : selectionOf(fallback)
}

/** The option to preselect: the bridge's default target if listed, else the first. */
export function defaultOption(
  info: TargetsInfo,
  options: TargetOption[],
): TargetOption | undefined {
  const wanted = info.defaultTarget ? parseTarget(info.defaultTarget) : undefined
  if (wanted) {
    const hit = options.find(
      (o) => o.host === wanted.host && wanted.port >= o.from && wanted.port <= o.to,
    )
    if (hit) return hit
  }
  return options[0]
}

/** Why the allow-list could not be had: no answer, an HTTP error, or an answer that is not a list. */
export type TargetsErrorCode =
  'WL_ERR_TARGETS_UNREACHABLE' | 'WL_ERR_TARGETS_HTTP' | 'WL_ERR_TARGETS_INVALID'

/** What `fetchTargets` throws: a stable `code`, and the HTTP status for `WL_ERR_TARGETS_HTTP`. */
export class TargetsError extends Error {
  constructor(
    readonly code: TargetsErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}

/** Fetches and validates the allow-list; throws a TargetsError on failure. */
export async function fetchTargets(
  url: string,
  fetcher: typeof fetch = fetch,
): Promise<TargetsInfo> {
  let response: globalThis.Response
  try {
    response = await fetcher(url, { headers: { accept: 'application/json' } })
  } catch {
    throw new TargetsError('WL_ERR_TARGETS_UNREACHABLE', `cannot reach ${url}`)
  }
  if (!response.ok) {
    throw new TargetsError(
      'WL_ERR_TARGETS_HTTP',
      `${url}: HTTP ${response.status}`,
      response.status,
    )
  }
  const parsed = TargetsInfo.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success)
    throw new TargetsError('WL_ERR_TARGETS_INVALID', `${url}: not a targets list`)
  return parsed.data
}
