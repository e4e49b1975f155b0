// The bridge's command-line flags (with environment fallbacks): argv -> BridgeOptions, and the --help text.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { BRIDGE_PATH, TARGETS_PATH, formatTarget, parseTarget } from '../shared/bridge-constants.ts'
import { DEFAULT_PORTS } from '../shared/framing.ts'
import { parseCount, parseSize } from '../cli/flags.ts'
import { createBridgeFaultReporter, createLineWriter } from '../cli/log.ts'
import { defaultAllowList, findAllowed, normalizeOrigin, parseAllow } from './allow.ts'
import { parseAllowedHost } from './hosts.ts'
import type { BridgeOptions } from './bridge.ts'

export const HELP = `Usage: npm run bridge -- [options]      (installed: wire-lab bridge [options])

The wire-lab bridge: browsers cannot open TCP sockets, so the page opens a WebSocket here and
the bridge relays it to exactly one TCP connection, only to a target on its allow-list.
  ws://HOST:PORT${BRIDGE_PATH}?target=HOST:PORT   the page's protocol: data as binary messages,
                                       the bridge's events as JSON text messages
  ws://HOST:PORT/?target=HOST:PORT     data only, no events (websockify style)
  http://HOST:PORT${TARGETS_PATH}         the allow-list as JSON
  http://HOST:PORT/                    the page from --static, or a short note

Options:
  --host ADDR              listen address (default 127.0.0.1; 0.0.0.0 for a classroom LAN)
  --port N                 listen port (default 8080; 0 = any free port)
  --target HOST:PORT       default target when the URL has no ?target= (also allowed)
  --allow HOST:PORT[-PORT][=PROTOCOL][:Name]
                           allow a target or a port range (repeatable), with what it speaks
                           (lesson, or a lesson framing: json ndjson length naive; http, resp,
                           lines, raw) and a name for the page, e.g. 127.0.0.1:6379=resp:Redis or
                           192.168.0.42:3213:Ana's server. Hosts are compared as
                           written, without DNS: allow localhost and 127.0.0.1 separately if
                           both are used. Without --allow and --target: the wire-lab server
                           on 127.0.0.1, ports ${DEFAULT_PORTS.json} json, ${DEFAULT_PORTS.ndjson} ndjson, ${DEFAULT_PORTS.length} length, ${DEFAULT_PORTS.naive} naive
  --origin URL             also accept pages from this origin, e.g. http://192.168.1.10:5173
                           (repeatable; * = any page). Always accepted: clients that send no
                           Origin (not browsers) and pages served by this bridge itself
  --allowed-host NAME      also answer requests for this host name (repeatable; .lan = any name
                           under lan; * = any). Always answered: IP addresses, localhost and this
                           computer's name. Other names are refused with 403, so a page whose
                           name merely resolves here (DNS rebinding) cannot use the bridge
  --max-connections N      WebSockets at once, in total (default 1000)
  --max-per-client N       WebSockets at once from one IP address (default 16; behind a proxy
                           such as Vite's dev server, every page shares the proxy's address)
  --max-frame SIZE         largest message from a page, bytes or with k/m suffix (default 1m);
                           a larger one closes the WebSocket with 1009
  --idle-timeout SECONDS   close a relay after this long with no byte either way (default 600)
  --static DIR             serve the built page from DIR (e.g. dist); unknown paths get index.html
  --quiet                  no log lines (by default one line per connection on stderr)
  -h, --help               this text

Environment, used when the matching flag is absent (bridgebench sets these):
  BRIDGE_HOST, BRIDGE_PORT   like --host and --port
  TARGET_HOST, TARGET_PORT   like --target TARGET_HOST:TARGET_PORT (TARGET_HOST default 127.0.0.1)

The actual address is printed on stdout as "bridge listening on http://HOST:PORT/ (port N)".
Ctrl-C (SIGINT) or SIGTERM closes every WebSocket with 1001, ends every TCP connection and stops.`

/** Parses argv (and the environment fallbacks) into bridge options; throws an Error with a user-facing message. */
export function parseBridgeArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): BridgeOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      target: { type: 'string' },
      allow: { type: 'string', multiple: true, default: [] },
      origin: { type: 'string', multiple: true, default: [] },
      'allowed-host': { type: 'string', multiple: true, default: [] },
      'max-connections': { type: 'string', default: '1000' },
      'max-per-client': { type: 'string', default: '16' },
      'max-frame': { type: 'string', default: '1m' },
      'idle-timeout': { type: 'string', default: '600' },
      static: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return 'help'

  const host = values.host ?? env.BRIDGE_HOST ?? '127.0.0.1'
  if (host.trim() === '') throw new Error('--host must not be empty')
  const port =
    values.port !== undefined
      ? parseCount('--port', values.port, 0, 65535)
      : parseCount('BRIDGE_PORT', env.BRIDGE_PORT ?? '8080', 0, 65535)

  const targetText = values.target ?? envTarget(env)
  const target = targetText === undefined ? undefined : parseTarget(targetText)
  if (targetText !== undefined && !target) {
    const flag = values.target !== undefined ? '--target' : 'TARGET_HOST/TARGET_PORT'
    throw new Error(`${flag} must be HOST:PORT (port 1-65535), not "${targetText}"`)
  }
  const allow = values.allow.map((text) => parseAllow(text))
  if (target && !findAllowed(allow, target.host, target.port)) {
    allow.push({ host: target.host, from: target.port, to: target.port })
  }
  if (allow.length === 0) allow.push(...defaultAllowList('127.0.0.1', DEFAULT_PORTS))

  const staticDir = values.static
  if (staticDir !== undefined && !isDirectory(staticDir)) {
    throw new Error(
      `--static must be a directory (such as dist, after npm run build), not "${staticDir}"`,
    )
  }
  const log = values.quiet ? undefined : createLineWriter(process.stderr)
  return {
    host,
    port,
    allow,
    ...(target && { defaultTarget: formatTarget(target.host, target.port) }),
    origins: values.origin.map((text) => normalizeOrigin(text)),
    allowedHosts: values['allowed-host'].map((text) => parseAllowedHost(text)),
    maxConnections: parseCount('--max-connections', values['max-connections'], 1, 1_000_000),
    maxPerClient: parseCount('--max-per-client', values['max-per-client'], 1, 1_000_000),
    maxFrame: parseSize('--max-frame', values['max-frame']),
    idleTimeoutMs: parseCount('--idle-timeout', values['idle-timeout'], 1, 86_400) * 1000,
    ...(staticDir !== undefined && { staticDir }),
    ...(log && { log }),
    // Faults are told even with --quiet: a handler that throws is a bug worth seeing.
    onFault: createBridgeFaultReporter((line) => process.stderr.write(line + '\n')),
  }
}

/** TARGET_HOST:TARGET_PORT from the environment, when TARGET_PORT is set. */
function envTarget(env: Record<string, string | undefined>): string | undefined {
  if (env.TARGET_PORT === undefined || env.TARGET_PORT === '') {
    if (env.TARGET_HOST) throw new Error('TARGET_HOST is set but TARGET_PORT is not')
    return undefined
  }
  const host = env.TARGET_HOST || '127.0.0.1'
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${env.TARGET_PORT}`
}

function isDirectory(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory()
  } catch {
    return false
  }
}
