// npm run bench:bridge: the bridge's latency, throughput, concurrency and memory under backpressure, next to direct TCP.
import os from 'node:os'
import { parseArgs } from 'node:util'
import { startChild, type Child } from '../test-support/spawn.ts'
import { openTcp, openWs, type Conn } from './conn.ts'
import { median } from './stats.ts'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'lat-n': { type: 'string', default: '5000' },
    'tp-mib': { type: 'string', default: '64' },
    clients: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '50' },
    'bp-seconds': { type: 'string', default: '3' },
  },
})
const RUNS = Number(values.runs)
const LAT_N = Number(values['lat-n'])
const LAT_WARMUP = 500
const LAT_SIZE = 100
const TP_BYTES = Number(values['tp-mib']) << 20
const TP_FRAME = 64 << 10
const TP_WINDOW = 4 << 20
const CLIENTS = Number(values.clients)
const ROUNDS = Number(values.rounds)
const BP_MS = Number(values['bp-seconds']) * 1000
const BP_MAX = 256 << 20
// A phase that sees no byte for this long has failed; the bench never waits forever.
const STALL_MS = 10_000

/** Resolves when `done()` says so; rejects if no data arrives for STALL_MS. */
function pump(conn: Conn, onData: (n: number) => boolean, start: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let last = Date.now()
    const watchdog = setInterval(() => {
      if (Date.now() - last > STALL_MS) finish(new Error('stalled'))
    }, 250)
    const finish = (err?: Error) => {
      clearInterval(watchdog)
      conn.onData = () => {}
      if (err) reject(err)
      else resolve()
    }
    conn.onData = (d) => {
      last = Date.now()
      if (onData(d.length)) finish()
    }
    start()
  })
}

/** p50 and p99 in microseconds of LAT_N sequential 100-byte round trips. */
async function latency(open: () => Promise<Conn>): Promise<[number, number]> {
  const conn = await open()
  const payload = Buffer.alloc(LAT_SIZE, 0x61)
  const samples: number[] = []
  let need = LAT_SIZE
  let t0 = 0n
  const next = () => {
    need = LAT_SIZE
    t0 = process.hrtime.bigint()
    conn.send(payload)
  }
  let i = -LAT_WARMUP
  await pump(
    conn,
    (n) => {
      if ((need -= n) > 0) return false
      if (i++ >= 0) samples.push(Number(process.hrtime.bigint() - t0) / 1000)
      if (i >= LAT_N) return true
      next()
      return false
    },
    next,
  )
  conn.close()
  samples.sort((a, b) => a - b)
  return [samples[Math.floor(samples.length * 0.5)]!, samples[Math.floor(samples.length * 0.99)]!]
}

/** MB/s (10^6 bytes echoed back per second), TP_FRAME messages, at most TP_WINDOW in flight. */
async function throughput(open: () => Promise<Conn>): Promise<number> {
  const conn = await open()
  const frame = Buffer.alloc(TP_FRAME, 0x62)
  let sent = 0
  let received = 0
  const fill = () => {
    while (sent < TP_BYTES && sent - received < TP_WINDOW) {
      conn.send(frame)
      sent += TP_FRAME
    }
  }
  const start = process.hrtime.bigint()
  await pump(
    conn,
    (n) => {
      received += n
      fill()
      return received >= TP_BYTES
    },
    fill,
  )
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  conn.close()
  return received / 1e6 / seconds
}

/** Round trips per second: CLIENTS connections (opened 50 at a time), all doing ROUNDS at once. */
async function concurrency(open: () => Promise<Conn>): Promise<number> {
  const conns: Conn[] = []
  while (conns.length < CLIENTS) {
    const batch = Math.min(50, CLIENTS - conns.length)
    conns.push(...(await Promise.all(Array.from({ length: batch }, open))))
  }
  const payload = Buffer.alloc(LAT_SIZE, 0x63)
  const start = process.hrtime.bigint()
  await Promise.all(
    conns.map((conn) => {
      let rounds = 0
      let need = LAT_SIZE
      return pump(
        conn,
        (n) => {
          if ((need -= n) > 0) return false
          if (++rounds >= ROUNDS) return true
          need = LAT_SIZE
          conn.send(payload)
          return false
        },
        () => conn.send(payload),
      )
    }),
  )
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  for (const conn of conns) conn.close()
  return (CLIENTS * ROUNDS) / seconds
}

/** Bridge RSS growth (MiB) while a client pushes but does not read, and whether every byte came back. */
async function backpressure(open: () => Promise<Conn>, bridge: Child) {
  const conn = await open()
  conn.pause()
  let received = 0
  conn.onData = (d) => (received += d.length)
  const before = await bridge.rss()
  let peak = before
  let sent = 0
  const frame = Buffer.alloc(TP_FRAME, 0x64)
  const end = Date.now() + BP_MS
  while (Date.now() < end && sent < BP_MAX) {
    while (conn.buffered() < 1 << 20 && sent < BP_MAX) {
      conn.send(frame)
      sent += TP_FRAME
    }
    await new Promise((r) => setTimeout(r, 20))
    peak = Math.max(peak, await bridge.rss())
  }
  const accepted = sent - conn.buffered()
  conn.resume()
  let last = Date.now()
  let seen = received
  while (received < sent && Date.now() - last < 3_000) {
    await new Promise((r) => setTimeout(r, 20))
    if (received !== seen) [seen, last] = [received, Date.now()]
  }
  conn.close()
  return { accepted, growth: (peak - before) / 2 ** 20, recovered: received === sent }
}

async function main(): Promise<void> {
  const children: Child[] = []
  try {
    const echo = await startChild('bench/echo.ts', [], ['echo'])
    children.push(echo)
    const echoPort = echo.ports.echo!
    // Limits raised so the 500-client phase measures relaying, not the classroom defaults (200, 16/IP).
    const bridge = await startChild(
      'bridge/main.ts',
      [
        '--quiet',
        '--port',
        '0',
        '--target',
        `127.0.0.1:${echoPort}`,
        '--max-connections',
        String(CLIENTS * 2),
        '--max-per-client',
        String(CLIENTS * 2),
      ],
      ['bridge'],
    )
    children.push(bridge)
    const direct = () => openTcp(echoPort)
    const relayed = () => openWs(`ws://127.0.0.1:${bridge.ports.bridge}/ws`)
    console.log(
      `bridge (child process, /ws, ws client) vs direct TCP to the same echo child; loopback; ` +
        `node ${process.version}, ${os.cpus().length} cores; median of ${RUNS} run(s)\n`,
    )

    type Column = { p50: number[]; p99: number[]; tp: number[]; rt: number[] }
    const empty = (): Column => ({ p50: [], p99: [], tp: [], rt: [] })
    const results = { direct: empty(), bridge: empty() }
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, so drift on a busy machine hits both columns alike.
      for (const [column, open] of [
        [results.direct, direct],
        [results.bridge, relayed],
      ] as const) {
        const [p50, p99] = await latency(open)
        column.p50.push(p50)
        column.p99.push(p99)
        column.tp.push(await throughput(open))
        column.rt.push(await concurrency(open))
      }
      process.stderr.write(`  run ${run + 1}/${RUNS} done\n`)
    }
    const bp = await backpressure(relayed, bridge)

    const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1))
    const row = (name: string, key: keyof Column, goal: string) => {
      const d = median(results.direct[key])
      const b = median(results.bridge[key])
      return [name, fmt(d), fmt(b), `${(b / d).toFixed(2)}x`, goal]
    }
    const table = [
      ['measure', 'direct TCP', 'bridge', 'ratio', 'target'],
      row(`latency p50 µs (${LAT_SIZE} B, n=${LAT_N})`, 'p50', '<= 1.3x'),
      row('latency p99 µs', 'p99', ''),
      row(`throughput MB/s (${TP_BYTES >> 20} MiB, 64 KiB msgs)`, 'tp', '>= 0.7x'),
      row(`round trips/s (${CLIENTS} clients x ${ROUNDS})`, 'rt', '>= 0.5x'),
      [
        `backpressure: ${BP_MS / 1000} s not reading`,
        '',
        `+${bp.growth.toFixed(1)} MiB RSS`,
        '',
        '<= 8 MiB',
      ],
      [
        '  accepted from client, then recovered',
        '',
        `${(bp.accepted / 2 ** 20).toFixed(1)} MiB, ${bp.recovered ? 'all back' : 'STUCK'}`,
        '',
        '',
      ],
    ]
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)))
    for (const r of table) {
      console.log(
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
      )
    }
    console.log(`\nbridge RSS after the run: ${((await bridge.rss()) / 2 ** 20).toFixed(1)} MiB`)
  } finally {
    await Promise.all(children.map((c) => c.stop()))
  }
}

await main()
