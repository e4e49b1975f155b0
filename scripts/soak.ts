// `npm run soak -- --seconds N`: normal, bad and flooding clients through the bridge and the server, then a summary.
import { readdir, readlink } from 'node:fs/promises'
import net from 'node:net'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { WebSocket } from 'ws'
import { startChild, type Child } from '../bench/spawn.ts'
import { dumps, dumpsBytes } from '../shared/codec.ts'
import { FRAMINGS, createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'
import { answerMessage } from '../server/handle.ts'
import { MemoryRegistry } from '../server/registry.ts'

const DP = 'Dados Pessoais'
const MAX_MESSAGE = 64 * 1024
// The server's idle timeout in the soak, so clients that stall mid-message are answered 408 in time.
const IDLE_S = 2
// Any answer slower than this counts as lost: the soak never waits forever.
const ANSWER_TIMEOUT_MS = 10_000
const OPEN_TIMEOUT_MS = 10_000

/** The exact answer text for a code and an EXPLICAÇÃO, as json.dumps writes it. */
export const answerText = (code: string, explanation: unknown) =>
  dumps({ 'CODIGO DE ERRO': code, EXPLICAÇÃO: explanation })

/** Request `k` of a client's cycle (create, read, modify, read, remove) and its exact answer text. */
export function cycleStep(email: string, k: number): { request: unknown; answer: string } {
  const nome = `Nome ${Math.floor(k / 5)} ç`
  const base = { SERVIÇO: DP, EMAIL_USUARIO: email }
  switch (k % 5) {
    case 0:
      return {
        request: { ...base, AÇÃO: 'CRIAR USUARIO' },
        answer: answerText('200', TEXT.created(email)),
      }
    case 1:
      return {
        request: { ...base, AÇÃO: 'CONSULTAR USUARIO' },
        answer: answerText('200', { Nome: null, Endereço: null, Telefone: null, Email: email }),
      }
    case 2:
      return {
        request: { ...base, AÇÃO: 'MODIFICAR USUARIO', CAMPO: 'Nome', VALOR: nome },
        answer: answerText('200', TEXT.modified(email, 'Nome', nome)),
      }
    case 3:
      return {
        request: { ...base, AÇÃO: 'CONSULTAR USUARIO' },
        answer: answerText('200', { Nome: nome, Endereço: null, Telefone: null, Email: email }),
      }
    default:
      return {
        request: { ...base, AÇÃO: 'REMOVER USUARIO' },
        answer: answerText('200', TEXT.removed(email)),
      }
  }
}

/** A value's bytes framed for a port. */
export const framed = (framing: Framing, value: unknown) => encodeFrame(framing, dumpsBytes(value))

/** One connection to the server, over TCP or through the bridge, that decodes answers in its framing. */
export class WireClient {
  private readonly decoder
  private readonly answers: Uint8Array[] = []
  private wake: (() => void) | undefined
  private ended = false
  /** Resolves when the connection is closed, with the WebSocket close code (0 for TCP). */
  readonly closed: Promise<number>
  private markClosed: (code: number) => void = () => {}

  private constructor(
    readonly framing: Framing,
    private readonly io: {
      write(bytes: Uint8Array): void
      end(): void
      destroy(): void
    },
  ) {
    this.decoder = createDecoder(framing, { maxMessage: 1 << 30 })
    this.closed = new Promise((done) => (this.markClosed = done))
  }

  /** Connects over TCP to 127.0.0.1:port. */
  static tcp(port: number, framing: Framing): Promise<WireClient> {
    return new Promise((resolveOpen, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', noDelay: true })
      const client = new WireClient(framing, {
        write: (bytes) => void socket.write(bytes),
        end: () => socket.end(),
        destroy: () => socket.destroy(),
      })
      socket.on('data', (chunk: Buffer) => client.push(chunk))
      socket.on('close', () => client.close(0))
      socket.on('error', () => {})
      socket.once('error', reject)
      const timer = setTimeout(
        () => socket.destroy(new Error('connect timed out')),
        OPEN_TIMEOUT_MS,
      )
      socket.once('connect', () => {
        clearTimeout(timer)
        socket.off('error', reject)
        resolveOpen(client)
      })
    })
  }

  /** Opens a WebSocket (binary frames carry the bytes; the bridge's text events are ignored). */
  static ws(url: string, framing: Framing, origin?: string): Promise<WireClient> {
    return new Promise((resolveOpen, reject) => {
      const ws = new WebSocket(url, {
        perMessageDeflate: false,
        handshakeTimeout: OPEN_TIMEOUT_MS,
        ...(origin && { origin }),
      })
      const client = new WireClient(framing, {
        write: (bytes) => ws.send(bytes, { binary: true }),
        end: () => ws.close(1000),
        destroy: () => ws.terminate(),
      })
      ws.on('message', (data: Buffer, isBinary) => isBinary && client.push(data))
      ws.on('close', (code) => client.close(code))
      ws.on('error', () => {})
      ws.once('error', reject)
      ws.once('open', () => {
        ws.off('error', reject)
        resolveOpen(client)
      })
    })
  }

  send(bytes: Uint8Array): void {
    this.io.write(bytes)
  }

  /** Graceful close: TCP FIN, or a WebSocket close 1000. */
  end(): void {
    this.io.end()
  }

  /** Abrupt close: TCP destroy, or a WebSocket terminate. */
  destroy(): void {
    this.io.destroy()
  }

  /** The close code once closed; rejects (and destroys the connection) after `ms`. */
  async waitClosed(ms = ANSWER_TIMEOUT_MS): Promise<number> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.destroy()
        reject(new Error(`not closed within ${ms} ms`))
      }, ms)
    })
    try {
      return await Promise.race([this.closed, late])
    } finally {
      clearTimeout(timer)
    }
  }

  /** The next answer's body as text; rejects when the connection closes first or after `ms`. */
  async next(ms = ANSWER_TIMEOUT_MS): Promise<string> {
    const end = Date.now() + ms
    while (this.answers.length === 0) {
      if (this.ended) throw new Error('connection closed before the answer')
      const left = end - Date.now()
      if (left <= 0) throw new Error(`no answer in ${ms} ms`)
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left)
        this.wake = () => {
          clearTimeout(timer)
          wake()
        }
      })
      this.wake = undefined
    }
    return Buffer.from(this.answers.shift()!).toString('utf8')
  }

  private push(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk))
      if (event.type === 'message') this.answers.push(event.body)
    this.wake?.()
  }

  private close(code: number): void {
    this.ended = true
    this.markClosed(code)
    this.wake?.()
  }
}

/** Sockets a process holds right now (Linux /proc), or NaN. */
export async function socketCount(pid: number | undefined): Promise<number> {
  try {
    const fds = await readdir(`/proc/${pid}/fd`)
    const links = await Promise.all(
      fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')),
    )
    return links.filter((l) => l.startsWith('socket:')).length
  } catch {
    return NaN
  }
}

/** Starts the server (all four ports free) and a bridge allowing exactly them, as child processes. */
export async function startProcesses(
  serverArgs: string[] = [],
  bridgeArgs: string[] = [],
): Promise<{ server: Child; bridge: Child }> {
  const server = await startChild(
    'server/main.ts',
    [...FRAMINGS.flatMap((f) => [`--${f}-port`, '0']), '--quiet', ...serverArgs],
    [...FRAMINGS],
  )
  try {
    const allow = FRAMINGS.flatMap((f) => ['--allow', `127.0.0.1:${server.ports[f]}`])
    const bridge = await startChild(
      'bridge/main.ts',
      ['--host', '127.0.0.1', '--port', '0', ...allow, '--quiet', ...bridgeArgs],
      ['bridge'],
    )
    return { server, bridge }
  } catch (err) {
    await server.stop()
    throw err
  }
}

/** What one soak run saw. */
export interface SoakSummary {
  seconds: number
  requests: { tcp: number; ws: number }
  wrong: number
  wrongExamples: string[]
  bad: { sent: number; answered: number }
  opened: { normal: number; bad: number; flood: number }
  connectErrors: number
  crashes: string[]
  rss: { server: { start: number; peak: number }; bridge: { start: number; peak: number } }
  roundTripMs: { tcp: [number, number]; ws: [number, number] }
  leftOpen: { server: number; bridge: number }
}

export interface SoakOptions {
  seconds: number
  /** Clients doing the request cycle over TCP, and as many through the bridge. */
  normal?: number
  /** Loops of bad clients, and of connect/disconnect floods. */
  bad?: number
  flood?: number
  /** Most connections per second each flood loop opens. */
  floodRate?: number
  /** Called once both processes are up (tests use it to inject a crash). */
  onStarted?: (processes: { server: Child; bridge: Child }) => void
}

/** Runs the mixed load for `seconds` against fresh child processes and returns the summary. */
export async function runSoak(options: SoakOptions): Promise<SoakSummary> {
  const { seconds, normal = 12, bad = 3, flood = 2, floodRate = 400 } = options
  const { server, bridge } = await startProcesses(
    ['--idle-timeout', String(IDLE_S), '--max-connections', '20000'],
    ['--max-connections', '20000', '--max-per-client', '20000'],
  )
  const crashes: string[] = []
  let ending = false
  for (const [name, child] of [
    ['server', server],
    ['bridge', bridge],
  ] as const) {
    child.process.on('exit', (code, signal) => {
      if (!ending) crashes.push(`${name} exited (${signal ?? code})`)
    })
  }
  const ports = server.ports as Record<Framing, number>
  const bridgeUrl = (path: string, framing: Framing) =>
    `ws://127.0.0.1:${bridge.ports.bridge}${path}?target=127.0.0.1:${ports[framing]}`
  const stats: SoakSummary = {
    seconds,
    requests: { tcp: 0, ws: 0 },
    wrong: 0,
    wrongExamples: [],
    bad: { sent: 0, answered: 0 },
    opened: { normal: 0, bad: 0, flood: 0 },
    connectErrors: 0,
    crashes,
    rss: { server: { start: 0, peak: 0 }, bridge: { start: 0, peak: 0 } },
    roundTripMs: { tcp: [0, 0], ws: [0, 0] },
    leftOpen: { server: 0, bridge: 0 },
  }
  const wrong = (what: string) => {
    stats.wrong++
    if (stats.wrongExamples.length < 5) stats.wrongExamples.push(what)
  }
  options.onStarted?.({ server, bridge })
  const rtt = { tcp: [] as number[], ws: [] as number[] }
  const baseline = { server: await socketCount(server.process.pid), bridge: 0 }
  baseline.bridge = await socketCount(bridge.process.pid)
  stats.rss.server.start = stats.rss.server.peak = await server.rss()
  stats.rss.bridge.start = stats.rss.bridge.peak = await bridge.rss()
  const sampler = setInterval(() => {
    void server.rss().then((n) => (stats.rss.server.peak = Math.max(stats.rss.server.peak, n || 0)))
    void bridge.rss().then((n) => (stats.rss.bridge.peak = Math.max(stats.rss.bridge.peak, n || 0)))
  }, 250)

  const deadline = Date.now() + seconds * 1000
  const running = () => Date.now() < deadline && crashes.length === 0
  const open = (via: 'tcp' | 'ws', framing: Framing, path = '/') =>
    via === 'tcp'
      ? WireClient.tcp(ports[framing], framing)
      : WireClient.ws(bridgeUrl(path, framing), framing)

  async function normalClient(i: number, via: 'tcp' | 'ws'): Promise<void> {
    // naive works here: each request is one small write and the next waits for its answer.
    const framing = FRAMINGS[i % FRAMINGS.length]!
    let round = 0
    while (running()) {
      const client = await open(via, framing).catch(() => undefined)
      if (!client) {
        stats.connectErrors++
        continue
      }
      stats.opened.normal++
      const email = `soak-${via}-${i}-${round++}@wire.lab`
      // Twenty cycles per connection, each finished so the registry stays small.
      for (let k = 0; k < 100 && (running() || k % 5 !== 0); k++) {
        const step = cycleStep(email, k)
        const t0 = performance.now()
        client.send(framed(framing, step.request))
        const got = await client.next().catch((err: Error) => `(${err.message})`)
        rtt[via].push(performance.now() - t0)
        if (got === step.answer) stats.requests[via]++
        else {
          wrong(`${via} ${framing} ${email} #${k}: ${got.slice(0, 120)}`)
          break
        }
      }
      client.end()
      await client.waitClosed().catch((err: Error) => wrong(`${via} ${framing}: ${err.message}`))
    }
  }

  async function badClient(i: number): Promise<void> {
    for (let n = i; running(); n++) {
      const item = BAD_CASES[n % BAD_CASES.length]!
      const via = Math.floor(n / BAD_CASES.length) % 2 === 0 ? 'tcp' : 'ws'
      if (via === 'ws' && item.tcpOnly) continue
      stats.bad.sent++
      stats.opened.bad++
      try {
        const answered = await item.run({ open, bridgeUrl, via, ports })
        if (answered) stats.bad.answered++
      } catch (err) {
        wrong(`bad ${item.name} via ${via}: ${(err as Error).message.slice(0, 160)}`)
      }
    }
  }

  async function floodLoop(i: number): Promise<void> {
    const gap = 1000 / floodRate
    for (let n = i; running(); n++) {
      const started = Date.now()
      const framing = FRAMINGS[n % FRAMINGS.length]!
      stats.opened.flood++
      const ok =
        n % 3 === 2
          ? await floodWs(bridgeUrl('/ws', framing), n)
          : await floodTcp(ports[framing], n)
      if (!ok) stats.connectErrors++
      const wait = gap - (Date.now() - started)
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    }
  }

  await Promise.all([
    ...Array.from({ length: normal }, (_, i) => normalClient(i, 'tcp')),
    ...Array.from({ length: normal }, (_, i) => normalClient(i, 'ws')),
    ...Array.from({ length: bad }, (_, i) => badClient(i * 5)),
    ...Array.from({ length: flood }, (_, i) => floodLoop(i)),
  ])
  clearInterval(sampler)

  // Every client is closed: both processes must come back to the sockets they started with.
  const end = Date.now() + 8_000
  while (crashes.length === 0) {
    stats.leftOpen.server = (await socketCount(server.process.pid)) - baseline.server
    stats.leftOpen.bridge = (await socketCount(bridge.process.pid)) - baseline.bridge
    if ((stats.leftOpen.server <= 0 && stats.leftOpen.bridge <= 0) || Date.now() > end) break
    await new Promise((r) => setTimeout(r, 50))
  }
  stats.leftOpen.server = Math.max(0, stats.leftOpen.server)
  stats.leftOpen.bridge = Math.max(0, stats.leftOpen.bridge)
  stats.rss.server.peak = Math.max(stats.rss.server.peak, await server.rss())
  stats.rss.bridge.peak = Math.max(stats.rss.bridge.peak, await bridge.rss())
  stats.roundTripMs = { tcp: percentiles(rtt.tcp), ws: percentiles(rtt.ws) }
  ending = true
  await Promise.all([bridge.stop(), server.stop()])
  return stats
}

/** A connect, then one of: destroy, FIN, reset, or half a message and destroy. True when it connected. */
function floodTcp(port: number, n: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    let connected = false
    const timer = setTimeout(() => socket.destroy(), OPEN_TIMEOUT_MS)
    socket.on('error', () => {})
    socket.once('close', () => {
      clearTimeout(timer)
      done(connected)
    })
    socket.once('connect', () => {
      connected = true
      switch (n % 4) {
        case 0:
          return void socket.destroy()
        case 1:
          return void socket.end()
        case 2:
          return void socket.resetAndDestroy()
        default:
          socket.write('{"SERVI')
          socket.destroy()
      }
    })
  })
}

/** A WebSocket through the bridge, closed or terminated as soon as it opens. True when it opened. */
function floodWs(url: string, n: number): Promise<boolean> {
  return new Promise((done) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: OPEN_TIMEOUT_MS })
    let opened = false
    const timer = setTimeout(() => ws.terminate(), 2 * OPEN_TIMEOUT_MS)
    ws.on('error', () => {})
    ws.once('close', () => {
      clearTimeout(timer)
      done(opened)
    })
    ws.once('open', () => {
      opened = true
      if (n % 2 === 0) ws.terminate()
      else ws.close(1000)
    })
  })
}

interface BadContext {
  open: (via: 'tcp' | 'ws', framing: Framing, path?: string) => Promise<WireClient>
  bridgeUrl: (path: string, framing: Framing) => string
  via: 'tcp' | 'ws'
  ports: Record<Framing, number>
}

/** One kind of bad client: `run` resolves true when the refusal came exactly as expected, throws otherwise. */
interface BadCase {
  name: string
  tcpOnly?: boolean
  run(ctx: BadContext): Promise<boolean>
}

const utf8 = (text: string) => new TextEncoder().encode(text)
const oracle = (body: Uint8Array) => {
  const reply = answerMessage(body, new MemoryRegistry(), 'lesson')
  return answerText(reply.code, reply.explanation)
}
const lookup = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email })

async function expectAnswer(client: WireClient, expected: string, what: string): Promise<void> {
  const got = await client.next(IDLE_S * 1000 + ANSWER_TIMEOUT_MS)
  if (got !== expected) throw new Error(`${what}: got ${got.slice(0, 100)}`)
}

/** Sends one bad body (framed), expects `answer`, then checks the connection still answers a request. */
function refusedThenGoesOn(
  name: string,
  framing: Framing,
  body: Uint8Array,
  answer: string,
): BadCase {
  return {
    name: `${name} (${framing})`,
    async run({ open, via }) {
      const client = await open(via, framing)
      try {
        client.send(encodeFrame(framing, body))
        await expectAnswer(client, answer, name)
        const email = `nobody-${name}@wire.lab`
        client.send(framed(framing, lookup(email)))
        await expectAnswer(client, answerText('404', TEXT.notRegistered(email)), `${name}, then`)
        return true
      } finally {
        client.end()
        await client.waitClosed()
      }
    },
  }
}

const NOT_JSON = utf8('{"SERVIÇO": tudo errado}')
const BAD_UTF8 = new Uint8Array([...utf8('{"a": "'), 0xff, 0xfe, ...utf8('"}')])
const ARRAY = utf8('[1, 2]')
const HALF = utf8('{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CONS')
const OVERSIZE = utf8(`{"x": "${'a'.repeat(MAX_MESSAGE + 4000)}"}`)

const BAD_CASES: BadCase[] = [
  ...(['json', 'ndjson', 'length'] as const).flatMap((f) => [
    refusedThenGoesOn('not JSON', f, NOT_JSON, oracle(NOT_JSON)),
    refusedThenGoesOn('invalid UTF-8', f, BAD_UTF8, answerText('400', TEXT.notUtf8(7))),
    refusedThenGoesOn('an array', f, ARRAY, answerText('400', TEXT.notObject('um array'))),
  ]),
  refusedThenGoesOn('garbage', 'naive', utf8('hello'), oracle(utf8('hello'))),
  refusedThenGoesOn(
    'oversize',
    'ndjson',
    OVERSIZE,
    answerText('413', TEXT.tooLarge(MAX_MESSAGE, false)),
  ),
  refusedThenGoesOn(
    'oversize',
    'length',
    OVERSIZE,
    answerText('413', TEXT.tooLarge(MAX_MESSAGE, false)),
  ),
  {
    name: 'garbage (json)',
    async run({ open, via }) {
      const client = await open(via, 'json')
      client.send(utf8('hello'))
      await expectAnswer(client, answerText('400', TEXT.garbage(5)), 'garbage')
      client.end()
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'oversize (json), then the server closes',
    async run({ open, via }) {
      const client = await open(via, 'json')
      client.send(OVERSIZE)
      await expectAnswer(client, answerText('413', TEXT.tooLarge(MAX_MESSAGE, true)), 'oversize')
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'half a message, then vanish',
    async run({ open, via }) {
      const client = await open(via, 'length')
      client.send(encodeFrame('length', HALF).subarray(0, HALF.length))
      client.destroy()
      await client.waitClosed()
      return false
    },
  },
  {
    name: 'half a message, then silence until the idle timeout',
    async run({ open, via }) {
      const client = await open(via, 'ndjson')
      client.send(HALF)
      await expectAnswer(client, answerText('408', TEXT.idle(IDLE_S)), 'stall')
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'half a message, then FIN',
    tcpOnly: true,
    async run({ open }) {
      const client = await open('tcp', 'json')
      client.send(HALF)
      client.end()
      await expectAnswer(client, answerText('400', TEXT.incomplete(HALF.length)), 'half-close')
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'bridge: a target off the allow-list, a foreign Origin, no target, a huge frame',
    async run({ bridgeUrl }) {
      const codes: number[] = []
      const url = bridgeUrl('/ws', 'json')
      const refused = async (client: Promise<WireClient>) =>
        codes.push(await (await client).waitClosed())
      await refused(WireClient.ws(url.replace(/:\d+$/, ':1'), 'json'))
      await refused(WireClient.ws(url, 'json', 'https://evil.example'))
      await refused(WireClient.ws(url.replace(/\?.*$/, ''), 'json'))
      const huge = await WireClient.ws(url, 'json')
      huge.send(new Uint8Array((1 << 20) + 1))
      codes.push(await huge.waitClosed())
      if (codes.join() !== '4004,4005,4008,1009') throw new Error(`close codes ${codes.join()}`)
      return true
    },
  },
]

function percentiles(samples: number[]): [number, number] {
  if (samples.length === 0) return [NaN, NaN]
  const sorted = Float64Array.from(samples).sort()
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!
  return [at(0.5), at(0.99)]
}

/** The summary as a table, one figure per line. */
export function formatSummary(s: SoakSummary): string {
  const n = (x: number) => x.toLocaleString('en-US')
  const mib = (x: number) => `${(x / 2 ** 20).toFixed(1)} MiB`
  const ms = ([p50, p99]: [number, number]) => `${p50.toFixed(2)} / ${p99.toFixed(2)} ms`
  const rows: [string, string][] = [
    [
      'requests answered',
      `${n(s.requests.tcp + s.requests.ws)} (tcp ${n(s.requests.tcp)}, bridge ${n(s.requests.ws)})`,
    ],
    ['wrong answers', n(s.wrong)],
    [
      'bad inputs answered',
      `${n(s.bad.answered)} of ${n(s.bad.sent)} sent (the rest vanished on purpose)`,
    ],
    [
      'connections opened',
      `${n(s.opened.normal + s.opened.bad + s.opened.flood)} (normal ${n(s.opened.normal)}, bad ${n(s.opened.bad)}, flood ${n(s.opened.flood)}; connect errors ${n(s.connectErrors)})`,
    ],
    ['crashes', s.crashes.length === 0 ? '0' : `${s.crashes.length}: ${s.crashes.join('; ')}`],
    ['peak RSS server', `${mib(s.rss.server.peak)} (at start ${mib(s.rss.server.start)})`],
    ['peak RSS bridge', `${mib(s.rss.bridge.peak)} (at start ${mib(s.rss.bridge.start)})`],
    ['round trip p50 / p99 tcp', ms(s.roundTripMs.tcp)],
    ['round trip p50 / p99 bridge', ms(s.roundTripMs.ws)],
    ['sockets left open', `server ${s.leftOpen.server}, bridge ${s.leftOpen.bridge}`],
  ]
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)
  for (const example of s.wrongExamples) lines.push(`  wrong: ${example}`)
  return `soak: ${s.seconds} s through the bridge and the server\n${lines.join('\n')}`
}

/** True when the run passed: no wrong answer, no crash, no socket left open. */
export const soakPassed = (s: SoakSummary) =>
  s.wrong === 0 && s.crashes.length === 0 && s.leftOpen.server === 0 && s.leftOpen.bridge === 0

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' } } })
  const seconds = Number(values.seconds)
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    console.error(`soak: --seconds must be a number of seconds, not "${values.seconds}"`)
    process.exit(2)
  }
  console.log(`soak: running for ${seconds} s...`)
  const summary = await runSoak({ seconds })
  console.log(formatSummary(summary))
  process.exit(soakPassed(summary) ? 0 : 1)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main()
}
