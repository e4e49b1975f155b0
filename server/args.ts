// The server's command-line flags: argv -> ServerOptions, and the --help text.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_MAX_MESSAGE, DEFAULT_PORTS, FRAMINGS, type Framing } from '../shared/framing.ts'
import { wlError } from '../shared/errors.ts'
import { CODE_MODES, type CodeMode } from '../shared/protocol.ts'
import { parseCount, parseSize } from '../cli/flags.ts'
import { createFaultReporter, createLineWriter } from '../cli/log.ts'
import type { ServerOptions } from './server.ts'
import { canonicalIp } from '../shared/ip-address.ts'
import {
  DEFAULT_MAX_USERS,
  DEFAULT_MAX_WORKSPACES,
  WORKSPACE_MODES,
  type WorkspaceMode,
} from './workspaces.ts'

export const HELP = `Usage: npm run server -- [options]      (installed: wire-lab server [options])

The lesson's user-service server over TCP ("bot de atendimento", PROTOCOL.md), one port per framing:
  json    a streaming scanner finds each complete JSON value (the lesson's port)
  ndjson  one JSON value per line
  length  4-byte big-endian length, then the JSON
  naive   each read of up to 512 bytes is one message, like the lesson's recv(512)

Options:
  --host ADDR              listen address (default 127.0.0.1; 0.0.0.0 for a classroom LAN)
  --json-port N            json port (default ${DEFAULT_PORTS.json}; 0 = any free port)
  --ndjson-port N          ndjson port (default ${DEFAULT_PORTS.ndjson})
  --length-port N          length port (default ${DEFAULT_PORTS.length})
  --naive-port N           naive port (default ${DEFAULT_PORTS.naive})
  --codes lesson|http      refusal codes: the lesson's 404 everywhere (default), or precise HTTP codes
  --max-message SIZE       largest message, bytes or with k/m suffix (default 64k)
  --idle-timeout SECONDS   close a client after this long without a complete message (default 600)
  --max-connections N      clients at once, all ports together (default 1000)
  --max-per-client N       clients at once from one computer (default 64), so one computer cannot
                           take every connection from the others; pages relayed by the bundled
                           bridge count for their own computer
  --workspaces computer|class
                           computer (default): a registry per computer (client address), or per
                           group named by a page; class: one registry for everyone, as in the lesson
  --max-users N            users in one workspace (default 10000)
  --max-workspaces N       workspaces holding users (default 1000); past either, CRIAR is refused
  --trust-proxy ADDR       believe PROXY v2 headers from this address too (repeatable); 127.0.0.1
                           and ::1, where the bundled bridge runs, are always trusted. From anyone
                           else such a header is a malformed message (400)
  --data FILE              keep the users in this SQLite file (created if missing), so they outlive
                           a restart; a 200 is sent only once its change is on disk. Without it the
                           users live in memory, as in the lesson, and are gone when the server stops
  --quiet                  no log lines (by default one line per request on stderr)
  -h, --help               this text

The actual ports are printed on stdout as "<framing> listening on <host> port <N>".
Ctrl-C (SIGINT) or SIGTERM closes every connection and stops.`

/** Parses argv into server options; throws an Error with a user-facing message on bad input. */
export function parseServerArgs(argv: string[]): ServerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      'json-port': { type: 'string' },
      'ndjson-port': { type: 'string' },
      'length-port': { type: 'string' },
      'naive-port': { type: 'string' },
      codes: { type: 'string', default: 'lesson' },
      'max-message': { type: 'string', default: String(DEFAULT_MAX_MESSAGE) },
      'idle-timeout': { type: 'string', default: '600' },
      'max-connections': { type: 'string', default: '1000' },
      'max-per-client': { type: 'string', default: '64' },
      workspaces: { type: 'string', default: 'computer' },
      'max-users': { type: 'string', default: String(DEFAULT_MAX_USERS) },
      'max-workspaces': { type: 'string', default: String(DEFAULT_MAX_WORKSPACES) },
      'trust-proxy': { type: 'string', multiple: true, default: [] },
      data: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return 'help'
  if (!(CODE_MODES as readonly string[]).includes(values.codes)) {
    throw wlError(
      'WL_ERR_USAGE',
      `--codes must be one of ${CODE_MODES.join(', ')}, not "${values.codes}"`,
    )
  }
  if (!(WORKSPACE_MODES as readonly string[]).includes(values.workspaces)) {
    throw wlError(
      'WL_ERR_USAGE',
      `--workspaces must be one of ${WORKSPACE_MODES.join(', ')}, not "${values.workspaces}"`,
    )
  }
  for (const address of values['trust-proxy']) {
    if (canonicalIp(address) === undefined) {
      throw wlError('WL_ERR_USAGE', `--trust-proxy must be an IP address, not "${address}"`)
    }
  }
  const ports: Partial<Record<Framing, number>> = {}
  for (const framing of FRAMINGS) {
    const raw = values[`${framing}-port`]
    if (raw !== undefined) ports[framing] = parseCount(`--${framing}-port`, raw, 0, 65535)
  }
  if (values.data !== undefined && values.data.trim() === '') {
    throw wlError('WL_ERR_USAGE', '--data needs a file name, such as --data class.db')
  }
  const log = values.quiet ? undefined : createLineWriter(process.stderr)
  return {
    host: values.host,
    ports,
    codes: values.codes as CodeMode,
    maxMessage: parseSize('--max-message', values['max-message']),
    idleTimeoutMs: parseCount('--idle-timeout', values['idle-timeout'], 1, 86_400) * 1000,
    maxConnections: parseCount('--max-connections', values['max-connections'], 1, 1_000_000),
    maxPerClient: parseCount('--max-per-client', values['max-per-client'], 1, 1_000_000),
    workspaces: values.workspaces as WorkspaceMode,
    maxUsers: parseCount('--max-users', values['max-users'], 1, 100_000_000),
    maxWorkspaces: parseCount('--max-workspaces', values['max-workspaces'], 1, 1_000_000),
    trustProxy: values['trust-proxy'],
    ...(values.data !== undefined && { dataFile: resolve(values.data) }),
    ...(log && { log }),
    // Faults are told even with --quiet: a full disk under --data must not go unseen.
    onFault: createFaultReporter((line) => process.stderr.write(line + '\n')),
  }
}
