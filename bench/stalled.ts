// npm run bench:stalled: what a client that pipelines requests and never reads its answers costs the
// server and the bridge, in RSS per client (optionally beside another build: --ab REF).
import net from 'node:net'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { WebSocket } from 'ws'
import { FRAMINGS } from '../shared/framing.ts'
import { DP, framed } from '../test-support/requests.ts'
import { startChild, type Child } from '../test-support/spawn.ts'
import { checkout, repo, type Checkout } from './checkout.ts'

const { values } = parseArgs({
  options: {
    ab: { type: 'string' },
    tcp: { type: 'string', default: '120' },
    ws: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
  },
})
const TCP_CLIENTS = Number(values.tcp)
const WS_CLIENTS = Number(values.ws)
const MAX_MS = Number(values.seconds) * 1000
// A client whose writes have not moved for this long has been stopped by the other side.
const QUIET_MS = 1_000
const MiB = 1 << 20

// One pipelined burst: 200 lookups, as a script that never reads would send them.
const LOOKUP = framed('json', { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'x@y' })
const BURST = Buffer.concat(Array.from({ length: 200 }, () => LOOKUP))

/** A stalled client: writes while the other side takes its bytes, never reads. */
interface Writer {
  written(): number
  close(): void
}

function tcpWriter(port: number, localAddress: string): Promise<Writer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress })
    let written = 0
    socket.on('error', () => {})
    socket.once('error', reject)
    socket.pause()
    socket.once('connect', () => {
      const pump = () => {
        while (socket.write(BURST)) written += BURST.length
        written += BURST.length
        socket.once('drain', pump)
      }
      pump()
      resolve({ written: () => written, close: () => socket.destroy() })
    })
  })
}

function wsWriter(url: string, localAddress: string): Promise<Writer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, localAddress })
    let written = 0
    ws.on('error', () => {})
    ws.once('error', reject)
    ws.once('open', () => {
      // Never read: the page's side of the relay stops taking answers.
      ws.pause()
      const pump = () => {
        while (ws.bufferedAmount < MiB) {
          ws.send(BURST)
          written += BURST.length
        }
        setTimeout(pump, 20).unref()
      }
      pump()
      resolve({ written: () => written - ws.bufferedAmount, close: () => ws.terminate() })
    })
  })
}

/** Resolves once no writer has moved for QUIET_MS (or MAX_MS passed). */
async function untilStalled(writers: Writer[]): Promise<number> {
  const t0 = Date.now()
  let last = -1
  let since = Date.now()
  for (;;) {
    const now = writers.reduce((n, w) => n + w.written(), 0)
    if (now !== last) [last, since] = [now, Date.now()]
    else if (Date.now() - since > QUIET_MS) return last
    if (Date.now() - t0 > MAX_MS) return last
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** One build's figures: RSS growth per stalled client for the server (direct) and the bridge. */
async function measure(dir: string): Promise<string[]> {
  const perClient = existsSync(join(dir, 'server/admission.ts')) ? ['--max-per-client', '1000'] : []
  const ports = FRAMINGS.flatMap((f) => [`--${f}-port`, '0'])
  const server = await startChild(
    'server/main.ts',
    [...ports, '--quiet', ...perClient],
    [...FRAMINGS],
    dir,
  )
  const allow = FRAMINGS.flatMap((f) => ['--allow', `127.0.0.1:${server.ports[f]}`])
  const bridge = await startChild(
    'bridge/main.ts',
    ['--host', '127.0.0.1', '--port', '0', '--quiet', ...allow],
    ['bridge'],
    dir,
  )
  const children: Child[] = [server, bridge]
  try {
    const rss0 = await server.rss()
    // Several addresses: no limit per computer is in the way of the measure.
    const tcp = await Promise.all(
      Array.from({ length: TCP_CLIENTS }, (_, i) =>
        tcpWriter(server.ports.json!, `127.0.3.${2 + (i % 200)}`),
      ),
    )
    const sent = await untilStalled(tcp)
    const rss1 = await server.rss()
    for (const w of tcp) w.close()

    const bridge0 = await bridge.rss()
    const server0 = await server.rss()
    const url = `ws://127.0.0.1:${bridge.ports.bridge}/ws?target=127.0.0.1:${server.ports.json}`
    const ws = await Promise.all(
      Array.from({ length: WS_CLIENTS }, (_, i) => wsWriter(url, `127.0.4.${2 + i}`)),
    )
    const relayed = await untilStalled(ws)
    const bridge1 = await bridge.rss()
    const server1 = await server.rss()
    for (const w of ws) w.close()
    const per = (delta: number, n: number) => `${(delta / n / 1024).toFixed(0)} KiB`
    return [
      `${TCP_CLIENTS} TCP clients: server RSS ${mib(rss0)} -> ${mib(rss1)} MiB, ${per(rss1 - rss0, TCP_CLIENTS)} per client (${mib(sent)} MiB taken from them)`,
      `${WS_CLIENTS} relays: bridge RSS ${mib(bridge0)} -> ${mib(bridge1)} MiB, ${per(bridge1 - bridge0, WS_CLIENTS)} per relay; server ${per(server1 - server0, WS_CLIENTS)} per relay (${mib(relayed)} MiB taken)`,
    ]
  } finally {
    await Promise.all(children.map((c) => c.stop()))
  }
}

const mib = (bytes: number) => (bytes / MiB).toFixed(1)

async function main(): Promise<void> {
  let old: Checkout | undefined
  try {
    old = values.ab === undefined ? undefined : await checkout(values.ab, { install: true })
    console.log(
      `Clients that pipeline lookups and never read their answers, until the other side stops taking bytes.\n`,
    )
    for (const line of await measure(repo)) console.log(`this tree  ${line}`)
    if (old)
      for (const line of await measure(old.dir)) console.log(`${old.commit.padEnd(10)} ${line}`)
  } finally {
    await old?.remove()
  }
}

await main()
