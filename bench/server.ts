// npm run bench:server: the server's speed next to a bare Node TCP echo server, and with --ab REF next to REF's.
import { existsSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { type Framing } from '../shared/framing.ts'
import { FramedClient } from '../test-support/framed-client.ts'
import { cycleStep, framed } from '../test-support/requests.ts'
import { startChild, type Child } from '../test-support/spawn.ts'
import { checkout, repo } from './checkout.ts'
import { median } from './stats.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200000' },
    window: { type: 'string', default: '2000' },
    clients: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    /** A git ref whose server runs beside this tree's, interleaved, in the same run. */
    ab: { type: 'string' },
  },
})
const REQUESTS = Number(values.requests)
const WINDOW = Number(values.window)
const CLIENTS = Number(values.clients)
const ROUNDS = Number(values.rounds)
const RUNS = Number(values.runs)

/** One client's cycle over the four actions, framed; repeating it leaves the registry as it was. */
function cycle(framing: Framing, email: string): Uint8Array[] {
  // An ASCII Nome, as most requests are: the server's common path is what is measured.
  return [0, 1, 2, 3, 4].map((k) => framed(framing, cycleStep(email, k, 'Ana').request))
}

/** What one measurement did: requests answered, in how many seconds. */
interface Run {
  requests: number
  seconds: number
}

/** Requests on one connection, keeping up to WINDOW requests in flight. */
async function pipelined(port: number, framing: Framing): Promise<Run> {
  const client = await FramedClient.connect(port, framing)
  // Half a window of requests, pre-encoded: whole cycles, so the registry returns to empty.
  const cycles = Math.ceil(Math.max(5, Math.floor(WINDOW / 10) * 5) / 2 / 5)
  const batch = Buffer.concat(
    Array.from({ length: cycles }, (_, i) => cycle(framing, `bench-${i}@wire.lab`)).flat(),
  )
  const perBatch = cycles * 5
  let sent = 0
  let received = 0
  const start = process.hrtime.bigint()
  await new Promise<void>((resolve, reject) => {
    client.socket.on('error', reject)
    const fill = () => {
      while (sent < REQUESTS && sent - received < 2 * perBatch) {
        client.sendRaw(batch)
        sent += perBatch
      }
    }
    client.onAnswer = () => received++
    // After the client's own listener has counted this read's answers.
    client.socket.on('data', () => (received >= sent && sent >= REQUESTS ? resolve() : fill()))
    fill()
  })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  client.destroy()
  return { requests: received, seconds }
}

/** Round trips of CLIENTS connections, each doing ROUNDS sequential request/answer pairs. */
async function concurrent(port: number, framing: Framing): Promise<Run> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, () => FramedClient.connect(port, framing)),
  )
  const start = process.hrtime.bigint()
  await Promise.all(
    clients.map(
      (client, i) =>
        new Promise<void>((resolve, reject) => {
          const requests = cycle(framing, `conc-${i}@wire.lab`)
          let done = 0
          client.socket.on('error', reject)
          client.onAnswer = () => {
            if (++done === ROUNDS) resolve()
            else client.sendRaw(requests[done % requests.length]!)
          }
          client.sendRaw(requests[0]!)
        }),
    ),
  )
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  for (const c of clients) c.destroy()
  return { requests: CLIENTS * ROUNDS, seconds }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const PORTS = ['json', 'ndjson', 'length', 'naive'].flatMap((f) => [`--${f}-port`, '0'])
const FRAMED = ['json', 'ndjson', 'length'] as const

/** A process measured: this tree's server, REF's, or the echo server. */
interface Side {
  name: string
  child: Child
  port(framing: Framing): number
}

/** Medians of one measure per side: requests per second, and the side's CPU µs per request. */
interface Row {
  name: string
  target: string
  rate: number[]
  cpu: number[]
}

async function main(): Promise<void> {
  const children: Child[] = []
  const old = values.ab === undefined ? undefined : await checkout(values.ab, { install: true })
  try {
    const sides: Side[] = []
    const start = async (name: string, entry: string, expect: string[], cwd?: string) => {
      // Every bench client comes from this one computer: lift the limit per computer, in builds that
      // have one (an A/B against an older build must not pass it a flag it does not know).
      const perClient = existsSync(join(cwd ?? repo, 'server/admission.ts'))
        ? ['--max-per-client', '100000']
        : []
      const args = entry === 'bench/echo.ts' ? [] : ['--quiet', ...PORTS, ...perClient]
      const child = await startChild(entry, args, expect, cwd)
      children.push(child)
      const port = (framing: Framing) => child.ports[expect.length === 1 ? expect[0]! : framing]!
      sides.push({ name, child, port })
    }
    await start(old ? 'this tree' : 'server', 'server/main.ts', [...FRAMED])
    if (old) await start(old.commit, 'server/main.ts', [...FRAMED], old.dir)
    await start('echo', 'bench/echo.ts', ['echo'])
    const echo = sides.length - 1
    const what = old ? `this tree's server and ${old.commit}'s, and` : 'wire-lab server and'
    console.log(
      `${what} a bare Node TCP echo server, all in child processes, loopback, median of ${RUNS} run(s)`,
    )
    console.log(`node ${process.version}, ${os.cpus().length} cores\n`)
    const rows: Row[] = []
    const measure = async (
      name: string,
      target: string,
      framing: Framing,
      f: (port: number) => Promise<Run>,
    ) => {
      const rate = sides.map((): number[] => [])
      const cpu = sides.map((): number[] => [])
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, the order alternating, so drift on a busy machine hits every side alike.
        const order = run % 2 === 0 ? [...sides.keys()] : [...sides.keys()].reverse()
        for (const i of order) {
          const side = sides[i]!
          const cpu0 = await side.child.cpu()
          const { requests, seconds } = await f(side.port(framing))
          rate[i]!.push(requests / seconds)
          cpu[i]!.push((((await side.child.cpu()) - cpu0) / requests) * 1e6)
        }
      }
      rows.push({ name, target, rate: rate.map(median), cpu: cpu.map(median) })
    }
    for (const framing of FRAMED) {
      const target = framing === 'json' ? '>= 100k/s' : ''
      await measure(`(a) pipelined req/s, 1 conn, ${framing}`, target, framing, (p) =>
        pipelined(p, framing),
      )
    }
    await measure(`(b) round trips/s, ${CLIENTS} clients, json`, '>= 0.8x', 'json', (p) =>
      concurrent(p, 'json'),
    )

    const vs = old ? [`vs ${old.commit}`] : []
    const table = (title: string, cells: (r: Row) => string[], extra: string[]) => {
      const head = [title, ...sides.map((s) => s.name), ...extra]
      const widths = [44, ...head.slice(1).map((h) => Math.max(11, h.length))]
      const line = (cells: string[]) =>
        cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ')
      console.log(line(head))
      for (const r of rows) console.log(line([r.name, ...cells(r)]))
      console.log()
    }
    const ratio = (a: number, b: number, digits: number) => `${(a / b).toFixed(digits)}x`
    table(
      'measure',
      (r) => [
        ...r.rate.map(fmt),
        ratio(r.rate[0]!, r.rate[echo]!, 2),
        ...(old ? [ratio(r.rate[0]!, r.rate[1]!, 3)] : []),
        r.target,
      ],
      ['vs echo', ...vs, 'target'],
    )
    table(
      'CPU µs per request (each process, all threads)',
      (r) => [...r.cpu.map((c) => c.toFixed(2)), ...(old ? [ratio(r.cpu[0]!, r.cpu[1]!, 3)] : [])],
      vs,
    )
    for (const side of sides.slice(0, echo)) {
      const mib = ((await side.child.rss()) / 2 ** 20).toFixed(1)
      console.log(`${side.name} server RSS after the run: ${mib} MiB`)
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()))
    await old?.remove()
  }
}

await main()
