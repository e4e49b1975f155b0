// `npm start`: build the page if needed, start the server and the bridge, print the one URL to open.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_PORTS } from '../shared/framing.ts'
import { wlError } from '../shared/errors.ts'
import { CODE_MODES, type CodeMode } from '../shared/protocol.ts'
import { parseAllowedHost } from '../bridge/hosts.ts'
import { parseCount } from './flags.ts'
import { openSqliteRegistry } from '../server/registry-sqlite.ts'
import { pageIsFresh } from './page-build.ts'
import { isClone, packageRoot } from './paths.ts'
import { newTeacherKey, pageUrls, startStack, teacherUrl } from './stack.ts'
import { WORKSPACE_MODES, type WorkspaceMode } from '../server/workspaces.ts'

const repo = packageRoot()
const dist = join(repo, 'dist')

const HELP = `Usage: npm start [-- options]      (installed: wire-lab [options])

Starts the whole wire-lab stack: the TCP user-service server (ports ${Object.values(DEFAULT_PORTS).join(', ')}),
the WebSocket bridge, and the page, all behind one URL.

Options:
  --host ADDR        127.0.0.1 (default: this computer only) or 0.0.0.0 (the classroom LAN)
  --port N           the page's HTTP port (default 8080)
  --any-ports        let the system pick free ports for the TCP server (if 3213-3216 are taken)
  --allow HOST:PORT[-PORT][=PROTOCOL][:Name]
                     also let the page reach this TCP server (repeatable), e.g. a student's own
                     Python server: --allow "192.168.0.42:3213:Ana's server", or a Redis server
                     decoded as such: --allow 127.0.0.1:6379=resp:Redis. PROTOCOL: lesson (or a
                     framing: json ndjson length naive), http, resp, lines, raw
  --allowed-host NAME  also serve the page under this host name (repeatable), e.g. teacher-pc.lan;
                     IP addresses, localhost and this computer's name always work
  --codes lesson|http  refusal codes of the bundled server (default lesson)
  --workspaces computer|class
                     computer (default): each computer (or group a page joins) has its own users,
                     so thirty students can step through the lesson together; class: one set of
                     users for everyone, as in the lesson
  --teacher-key KEY  the key of the teacher's view (default: a new random one each start)
  --data FILE        keep the users in this SQLite file (created if missing), so the class's users
                     are still there at the next npm start; without it they live in memory, as in
                     the lesson, and are gone when wire-lab stops. Example: --data class.db
  --rebuild          build the page even if dist/ looks fresh
  --quiet            no per-request log lines
  -h, --help         this text

The parts alone (options: --help on each):
  npm run server / wire-lab server     the TCP server
  npm run bridge / wire-lab bridge     the WebSocket bridge in front of any TCP server
  npm run conformance / wire-lab check HOST:PORT
                                       check a student's server against the protocol`

/** In a clone, builds the page when its sources changed; an installed package ships it built. */
async function buildPageIfNeeded(force: boolean): Promise<void> {
  if (!isClone(repo)) {
    if (existsSync(join(dist, 'index.html'))) return
    throw wlError('WL_ERR_USAGE', `the built page is missing from ${dist}: reinstall wire-lab`)
  }
  if (!force && pageIsFresh(repo)) return
  console.log('Building the page (vite build)...')
  const { build } = await import('vite')
  await build({ configFile: join(repo, 'vite.config.ts'), logLevel: 'warn' })
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      'any-ports': { type: 'boolean', default: false },
      allow: { type: 'string', multiple: true, default: [] },
      'allowed-host': { type: 'string', multiple: true, default: [] },
      codes: { type: 'string', default: 'lesson' },
      workspaces: { type: 'string', default: 'computer' },
      'teacher-key': { type: 'string' },
      data: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return console.log(HELP)
  if (!(CODE_MODES as readonly string[]).includes(values.codes)) {
    throw wlError(
      'WL_ERR_USAGE',
      `--codes must be one of ${CODE_MODES.join(', ')}, not "${values.codes}"`,
    )
  }
  if (values.data !== undefined && values.data.trim() === '') {
    throw wlError('WL_ERR_USAGE', '--data needs a file name, such as --data class.db')
  }
  if (!(WORKSPACE_MODES as readonly string[]).includes(values.workspaces)) {
    throw wlError(
      'WL_ERR_USAGE',
      `--workspaces must be one of ${WORKSPACE_MODES.join(', ')}, not "${values.workspaces}"`,
    )
  }
  const teacherKey = values['teacher-key'] ?? newTeacherKey()
  if (!/^[A-Za-z0-9_-]{6,64}$/.test(teacherKey)) {
    throw wlError('WL_ERR_USAGE', '--teacher-key must be 6 to 64 of A-Z, a-z, 0-9, _ and -')
  }
  const dataFile = values.data === undefined ? undefined : resolve(values.data)
  // A data file that cannot be used fails now, not after a build of the page.
  if (dataFile !== undefined) openSqliteRegistry(dataFile).close()
  await buildPageIfNeeded(values.rebuild)
  const stack = await startStack({
    host: values.host,
    port: parseCount('--port', values.port, 0, 65535),
    serverPorts: values['any-ports'] ? 'any' : 'default',
    allow: values.allow,
    origins: [],
    allowedHosts: values['allowed-host'].map((h) => parseAllowedHost(h)),
    codes: values.codes as CodeMode,
    workspaces: values.workspaces as WorkspaceMode,
    teacherKey,
    ...(dataFile !== undefined && { dataFile }),
    staticDir: dist,
    quiet: values.quiet,
  })
  const { server, bridge } = stack
  const [main, ...lan] = pageUrls(values.host, bridge.port)
  const ports = Object.entries(server.ports).map(([f, p]) => `${f} ${p}`)
  console.log(`\n  wire-lab is running. Open:  ${main}\n`)
  for (const url of lan) console.log(`  on the classroom network:   ${url}`)
  // The teacher's URL holds the key: print it for this computer only, not a LAN address to share.
  console.log(`  teacher's view of the class: ${teacherUrl(main!, teacherKey)}`)
  console.log(
    values.workspaces === 'class'
      ? '  Users: one set for the whole class (--workspaces class)'
      : '  Users: each computer has its own (a page may join a group to share)',
  )
  console.log(`  TCP server (${values.host}): ${ports.join(', ')}`)
  if (dataFile !== undefined) {
    console.log(`  Users kept in ${dataFile} (${server.registry.size} now)`)
  }
  console.log(`  Press Ctrl-C to stop.\n`)
  let stopping = false
  const stop = async () => {
    if (stopping) process.exit(130)
    stopping = true
    console.log('\nStopping...')
    await stack.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((err: Error & { code?: string; port?: number }) => {
  console.error(`wire-lab: ${err.message}`)
  if (err.code === 'WL_ERR_PORT_IN_USE') {
    console.error('Is wire-lab already running? Stop it, or run: npm start -- --any-ports')
  } else if (err.code === 'WL_ERR_NO_SQLITE') {
    process.exit(2)
  } else if (err.code === 'EADDRINUSE') {
    console.error('The page port is taken: pick another with npm start -- --port 8081')
  }
  process.exit(1)
})
