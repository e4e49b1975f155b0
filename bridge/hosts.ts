// Which Host headers the bridge answers: its own names and addresses only, against DNS rebinding.
import os from 'node:os'
import net from 'node:net'

/** Whether a request's Host header names this bridge. */
export type HostRule = (host: string | undefined) => boolean

/**
 * The Host rule (as Vite's `server.allowedHosts`): IP addresses, `localhost` and `*.localhost`, this
 * computer's name (and `NAME.local`), the hosts of `--origin` pages, and each `--allowed-host`
 * (a leading dot allows every subdomain; `*` allows any host). A page on `evil.example` whose name
 * resolves to this computer sends `Host: evil.example` and is refused, so it cannot read the
 * allow-list or pass the Origin check by matching its own Host.
 */
export function hostChecker(allowedHosts: readonly string[], origins: readonly string[]): HostRule {
  if (allowedHosts.includes('*')) return () => true
  const names = new Set<string>(['localhost'])
  const suffixes = ['.localhost']
  const computer = os.hostname().toLowerCase()
  if (computer !== '') names.add(computer).add(`${computer}.local`)
  for (const origin of origins) {
    if (origin === '*') return () => true
    const host = hostnameOf(new URL(origin).host)
    if (host) names.add(host)
  }
  for (const entry of allowedHosts) {
    const name = entry.trim().toLowerCase()
    if (name.startsWith('.')) suffixes.push(name)
    else names.add(name)
  }
  return (header) => {
    // Not a browser (HTTP/1.0 tools): DNS rebinding needs a browser, which always sends Host.
    if (header === undefined) return true
    const host = hostnameOf(header)
    if (host === undefined) return false
    if (net.isIP(host) !== 0 || names.has(host)) return true
    return suffixes.some((s) => host.endsWith(s) || host === s.slice(1))
  }
}

/** The lower-case host name of a Host header value (`name`, `name:port`, `[v6]:port`). */
function hostnameOf(header: string): string | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+))(?::\d{1,5})?$/.exec(header.trim())
  if (!m) return undefined
  return (m[1] ?? m[2]!).toLowerCase().replace(/\.$/, '')
}

/** A --allowed-host value: a host name, `.suffix`, or `*`; throws an Error naming the flag. */
export function parseAllowedHost(text: string, flag = '--allowed-host'): string {
  const name = text.trim().toLowerCase()
  if (
    name === '*' ||
    /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name)
  ) {
    return name
  }
  throw new Error(
    `${flag} must be a host name such as teacher-pc.lan, .school.lan or *, not "${text}"`,
  )
}
