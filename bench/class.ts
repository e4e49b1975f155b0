// npm run bench:class: 30 and 300 students stepping through the lesson through the bridge, as a class
// does, with and without a human's pause between steps; with the teacher's view open and closed.
import http from 'node:http'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { LESSON_SCENARIO } from '../shared/protocol.ts'
import { FramedClient, type AnyClient } from '../test-support/framed-client.ts'
import { LESSON_ANSWERS } from '../test-support/requests.ts'
import { startChild, type Child } from '../test-support/spawn.ts'
import { median, quantile } from './stats.ts'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    students: { type: 'string', default: '30,300' },
    'pause-ms': { type: 'string', default: '1000-3000' },
    runs: { type: 'string', default: '3' },
  },
})
const SECONDS = Number(values.seconds)
const SIZES = values.students.split(',').map(Number)
const [PAUSE_MIN, PAUSE_MAX] = values['pause-ms'].split('-').map(Number) as [number, number]
const RUNS = Number(values.runs)
const KEY = 'bench-key'

/** Student i's computer: an address of its own on loopback (127.0.10.2, 127.0.10.3, ...). */
const address = (i: number) => `127.0.${10 + Math.floor(i / 250)}.${2 + (i % 250)}`

/** One phase's figures. */
interface Phase {
  requests: number
  wrong: number
  seconds: number
  rtt: number[]
  cpuSeconds: number
}

/** Every student runs the lesson's ten messages over and over for SECONDS, each answer checked. */
async function phase(
  child: Child,
  open: (i: number) => Promise<AnyClient>,
  students: number,
  pause: boolean,
): Promise<Phase> {
  const clients = await Promise.all(Array.from({ length: students }, (_, i) => open(i)))
  const rtt: number[] = []
  let requests = 0
  let wrong = 0
  const cpu0 = await child.cpu()
  const t0 = performance.now()
  const deadline = t0 + SECONDS * 1000
  await Promise.all(
    clients.map(async (client) => {
      // Students do not start in step: spread the first requests over a pause.
      if (pause) await sleep(Math.random() * PAUSE_MAX)
      // A student past the deadline finishes its scenario, so its registry is empty for the next phase.
      for (
        let k = 0;
        performance.now() < deadline || k !== 0;
        k = (k + 1) % LESSON_SCENARIO.length
      ) {
        const t = performance.now()
        client.send(LESSON_SCENARIO[k])
        const [answer] = await client.nextText(1)
        rtt.push(performance.now() - t)
        requests++
        if (answer !== LESSON_ANSWERS[k]) wrong++
        if (pause) await sleep(PAUSE_MIN + Math.random() * (PAUSE_MAX - PAUSE_MIN))
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  const cpuSeconds = (await child.cpu()) - cpu0
  for (const client of clients) client.destroy()
  await Promise.all(clients.map((c) => c.waitClosed()))
  return { requests, wrong, seconds, rtt, cpuSeconds }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Shares of the process's busy CPU time, from its CPU profile over one phase. */
interface Shares {
  busyMs: number
  shares: { view: number; monitor: number }
}

/** Runs `work` with the child's CPU profiler on (bench/profile-share.ts), and what it measured. */
async function profiled<T>(child: Child, work: () => Promise<T>): Promise<[T, Shares]> {
  child.process.kill('SIGUSR2')
  const result = await work()
  const report = new Promise<Shares>((resolve) => {
    let buffered = ''
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString()
      const m = /^profile (.*)$/m.exec(buffered)
      if (!m) return
      child.process.stdout!.off('data', onData)
      resolve(JSON.parse(m[1]!) as Shares)
    }
    child.process.stdout!.on('data', onData)
  })
  child.process.kill('SIGUSR2')
  return [result, await report]
}

/** A teacher's screen: the class view's stream, read as it comes. */
function teacher(port: number): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`http://127.0.0.1:${port}/api/class/events?key=${KEY}`, (res) => {
      let snapshots = 0
      res.on('data', (d: Buffer) => (snapshots += d.toString().split('event: snapshot').length - 1))
      resolve(() => {
        req.destroy()
        if (snapshots === 0) throw new Error('the teacher view got no snapshot')
      })
    })
    req.on('error', reject)
  })
}

async function main(): Promise<void> {
  const child = await startChild('bench/class-stack.ts', [], ['bridge', 'json'])
  const { bridge, json } = child.ports as { bridge: number; json: number }
  // Students reconnect on fresh sockets per phase and start again from the lesson's first message.
  const viaBridge = (i: number) =>
    FramedClient.ws(`ws://127.0.0.1:${bridge}/ws?target=127.0.0.1:${json}`, 'json', {
      localAddress: address(i),
    })
  const direct = (i: number) => FramedClient.connect(json, 'json', { localAddress: address(i) })
  const rows: string[][] = []
  const notes: string[] = []
  let wrong = 0
  const row = (what: string, n: number, runs: Phase[]) => {
    const all = runs.flatMap((p) => p.rtt).sort((a, b) => a - b)
    const requests = runs.reduce((s, p) => s + p.requests, 0)
    const seconds = runs.reduce((s, p) => s + p.seconds, 0)
    const cpu = runs.reduce((s, p) => s + p.cpuSeconds, 0)
    wrong += runs.reduce((s, p) => s + p.wrong, 0)
    rows.push([
      what,
      String(n),
      Math.round(requests / seconds).toLocaleString('en-US'),
      quantile(all, 0.5).toFixed(2),
      quantile(all, 0.99).toFixed(2),
      ((cpu / requests) * 1e6).toFixed(1),
    ])
    return requests / seconds
  }
  try {
    console.log(
      `npm start's process (server, bridge, class monitor) in a child; students on loopback, each its own ` +
        `address; ${SECONDS} s per phase, ${RUNS} run(s); node ${process.version}, ${os.cpus().length} cores\n`,
    )
    for (const n of SIZES) {
      const runs: Phase[] = []
      for (let r = 0; r < RUNS; r++) runs.push(await phase(child, viaBridge, n, true))
      row(`bridge, a human's pause (${PAUSE_MIN}-${PAUSE_MAX} ms)`, n, runs)
    }
    for (const n of SIZES) {
      const closed: Phase[] = []
      const watched: Phase[] = []
      const tcp: Phase[] = []
      const profiles: { closed: Shares[]; watched: Shares[] } = { closed: [], watched: [] }
      for (let r = 0; r < RUNS; r++) {
        // Interleaved, so the machine's drift falls on all three alike.
        const [c, pc] = await profiled(child, () => phase(child, viaBridge, n, false))
        closed.push(c)
        profiles.closed.push(pc)
        const stop = await teacher(bridge)
        const [w, pw] = await profiled(child, () => phase(child, viaBridge, n, false))
        watched.push(w)
        profiles.watched.push(pw)
        stop()
        tcp.push(await phase(child, direct, n, false))
      }
      row('bridge, no pause', n, closed)
      row('bridge, no pause, teacher view open', n, watched)
      row("direct TCP, no pause (bench:server's path)", n, tcp)
      // Each open phase against the closed one just before it: the machine's drift cancels out.
      const rate = (p: Phase) => p.requests / p.seconds
      const cpu = (p: Phase) => p.cpuSeconds / p.requests
      const paired = closed.map((c, r) => rate(watched[r]!) / rate(c))
      const cpuPaired = closed.map((c, r) => cpu(watched[r]!) / cpu(c))
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`
      const share = (list: Shares[], key: 'view' | 'monitor') =>
        median(list.map((p) => p.shares[key]))
      notes.push(
        `${n} students, no pause, teacher view open: ${pct(median(paired))} of the throughput ` +
          `without it, CPU per request ${pct(median(cpuPaired))} (medians of ${RUNS} paired runs; ` +
          `throughput ratios ${paired.map(pct).join(', ')}). CPU profile of the process: the view ` +
          `(stream and snapshots) ${pct(share(profiles.watched, 'view'))} of its busy time; the ` +
          `recording every relay gets, watched or not, ${pct(share(profiles.watched, 'monitor'))} ` +
          `open, ${pct(share(profiles.closed, 'monitor'))} closed.`,
      )
    }
  } finally {
    await child.stop()
  }
  const head = ['phase', 'students', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(fmt(head))
  for (const r of rows) console.log(fmt(r))
  for (const note of notes) console.log(`\n${note}`)
  console.log(`\nwrong answers: ${wrong}`)
  console.log('CPU µs/req: the whole process (server, bridge and monitor) per answered request.')
  if (wrong > 0) process.exitCode = 1
}

await main()
