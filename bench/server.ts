// npm run bench:server: the server's speed, each figure next to a bare Node TCP echo server measured the same way.
import net from 'node:net'
import { parseArgs } from 'node:util'
import { dumpsBytes } from '../shared/codec.ts'
import { createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import { startChild, type Child } from './spawn.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200000' },
    window: { type: 'string', default: '2000' },
    clients: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
  },
})
const REQUESTS = Number(values.requests)
const WINDOW = Number(values.window)
const CLIENTS = Number(values.clients)
const ROUNDS = Number(values.rounds)
const RUNS = Number(values.runs)
const DP = 'Dados Pessoais'

/** One client's cycle over the four actions; repeating it leaves the registry as it was. */
function cycle(email: string): unknown[] {
  return [
    { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email },
    { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email },
    {
      SERVIÇO: DP,
      AÇÃO: 'MODIFICAR USUARIO',
      EMAIL_USUARIO: email,
      CAMPO: 'Telefone',
      VALOR: '3218181',
    },
    { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email },
    { SERVIÇO: DP, AÇÃO: 'REMOVER USUARIO', EMAIL_USUARIO: email },
  ]
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Requests per second on one connection, keeping up to WINDOW requests in flight. */
async function pipelined(port: number, framing: Framing): Promise<number> {
  const socket = await connect(port)
  const decoder = createDecoder(framing, { maxMessage: 1 << 30 })
  // Half a window of requests, pre-encoded: whole cycles, so the registry returns to empty.
  const half = Math.max(5, Math.floor(WINDOW / 10) * 5) / 2
  const batch = Buffer.concat(
    Array.from({ length: Math.ceil(half / 5) }, (_, i) => cycle(`bench-${i}@wire.lab`))
      .flat()
      .map((r) => encodeFrame(framing, dumpsBytes(r))),
  )
  const perBatch = Math.ceil(half / 5) * 5
  let sent = 0
  let received = 0
  const start = process.hrtime.bigint()
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject)
    const fill = () => {
      while (sent < REQUESTS && sent - received < 2 * perBatch) {
        socket.write(batch)
        sent += perBatch
      }
    }
    socket.on('data', (chunk: Buffer) => {
      for (const e of decoder.push(chunk)) if (e.type === 'message') received++
      if (received >= sent && sent >= REQUESTS) resolve()
      else fill()
    })
    fill()
  })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  socket.destroy()
  return received / seconds
}

/** Round trips per second for CLIENTS connections, each doing ROUNDS sequential request/answer pairs. */
async function concurrent(port: number, framing: Framing): Promise<number> {
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => connect(port)))
  const start = process.hrtime.bigint()
  await Promise.all(
    sockets.map(
      (socket, i) =>
        new Promise<void>((resolve, reject) => {
          const requests = cycle(`conc-${i}@wire.lab`).map((r) =>
            encodeFrame(framing, dumpsBytes(r)),
          )
          const decoder = createDecoder(framing, { maxMessage: 1 << 30 })
          let done = 0
          socket.on('error', reject)
          socket.on('data', (chunk: Buffer) => {
            for (const e of decoder.push(chunk)) {
              if (e.type !== 'message') continue
              if (++done === ROUNDS) return resolve()
              socket.write(requests[done % requests.length]!)
            }
          })
          socket.write(requests[0]!)
        }),
    ),
  )
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  for (const s of sockets) s.destroy()
  return (CLIENTS * ROUNDS) / seconds
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

async function main(): Promise<void> {
  const ports = [
    '--json-port',
    '0',
    '--ndjson-port',
    '0',
    '--length-port',
    '0',
    '--naive-port',
    '0',
  ]
  const children: Child[] = []
  try {
    const server = await startChild(
      'server/main.ts',
      ['--quiet', ...ports],
      ['json', 'ndjson', 'length'],
    )
    children.push(server)
    const echo = await startChild('bench/echo.ts', [], ['echo'])
    children.push(echo)
    const echoPort = echo.ports.echo!
    console.log(
      `wire-lab server vs bare Node TCP echo, both in child processes, loopback, median of ${RUNS} run(s)`,
    )
    console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`)
    const rows: [string, number, number, string][] = []
    const measure = async (
      name: string,
      target: string,
      f: (port: number) => Promise<number>,
      port: number,
    ) => {
      const server: number[] = []
      const base: number[] = []
      for (let run = 0; run < RUNS; run++) {
        // Interleave, so drift on a busy machine hits both sides alike.
        base.push(await f(echoPort))
        server.push(await f(port))
      }
      rows.push([name, median(server), median(base), target])
    }
    for (const framing of ['json', 'ndjson', 'length'] as const) {
      await measure(
        `(a) pipelined req/s, 1 conn, ${framing}`,
        framing === 'json' ? '>= 100k/s' : '',
        (p) => pipelined(p, framing),
        server.ports[framing]!,
      )
    }
    await measure(
      `(b) round trips/s, ${CLIENTS} clients, json`,
      '>= 0.8x',
      (p) => concurrent(p, 'json'),
      server.ports.json!,
    )
    const widths = [44, 12, 12, 7, 10]
    const row = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ')
    console.log(row(['measure', 'server', 'echo', 'ratio', 'target']))
    for (const [name, s, e, target] of rows) {
      console.log(row([name, fmt(s), fmt(e), `${(s / e).toFixed(2)}x`, target]))
    }
    console.log(`\nserver RSS after the run: ${((await server.rss()) / 2 ** 20).toFixed(1)} MiB`)
  } finally {
    await Promise.all(children.map((c) => c.stop()))
  }
}

await main()
