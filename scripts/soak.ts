// `npm run soak -- --seconds N`: normal, bad and flooding clients through the bridge and the server, then a summary.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { Child } from '../test-support/spawn.ts'
import { FRAMINGS, type Framing } from '../shared/framing.ts'
import { BAD_CASES, IDLE_S, floodTcp, floodWs } from './soak-bad-clients.ts'
import { HOSTILE_CASES } from './soak-hostile.ts'
import { socketCount, startProcesses } from './soak-procs.ts'
import { FramedClient, type AnyClient } from '../test-support/framed-client.ts'
import { cycleStep } from '../test-support/requests.ts'

// The bad and hostile clients, taken in turn by the bad loops.
const CASES = [...BAD_CASES, ...HOSTILE_CASES]

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
  // A page to serve, for the hostile clients' Range requests.
  const page = await mkdtemp(join(os.tmpdir(), 'wire-lab-soak-'))
  await writeFile(join(page, 'index.html'), `<title>soak</title>${'.'.repeat(4000)}`)
  // The classroom's limits per computer stay as they are: each normal client is its own computer.
  const { server, bridge } = await startProcesses(
    ['--idle-timeout', String(IDLE_S), '--max-connections', '20000'],
    ['--max-connections', '20000', '--static', page],
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
  const open = (
    via: 'tcp' | 'ws',
    framing: Framing,
    path = '/',
    localAddress = '127.0.0.1',
  ): Promise<AnyClient> =>
    via === 'tcp'
      ? FramedClient.connect(ports[framing], framing, { localAddress })
      : FramedClient.ws(bridgeUrl(path, framing), framing, { localAddress })

  async function normalClient(i: number, via: 'tcp' | 'ws'): Promise<void> {
    // naive works here: each request is one small write and the next waits for its answer.
    const framing = FRAMINGS[i % FRAMINGS.length]!
    let round = 0
    while (running()) {
      const client = await open(via, framing, '/', `127.0.1.${i + 2}`).catch(() => undefined)
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
        client.send(step.request)
        const got = await client.nextText().then(
          ([text]) => text!,
          (err: Error) => `(${err.message})`,
        )
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
      const item = CASES[n % CASES.length]!
      const via = Math.floor(n / CASES.length) % 2 === 0 ? 'tcp' : 'ws'
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
  await rm(page, { recursive: true, force: true })
  return stats
}

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
