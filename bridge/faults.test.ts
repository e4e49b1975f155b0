// Bridge faults: the server killed mid-traffic (every client told why), and connect floods that leave nothing.
import { afterEach, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startChild, type Child } from '../test-support/spawn.ts'
import { CLOSE } from '../shared/bridge-protocol.ts'
import { dumpsBytes } from '../shared/codec.ts'
import { FRAMINGS, encodeFrame, type Framing } from '../shared/framing.ts'
import { startServer, type RunningServer } from '../server/server.ts'
import { collector } from '../server/test-server.ts'
import { Client, cleanup, eventually, startTarget, startTestBridge } from './test-helpers.ts'

const children: Child[] = []
let server: RunningServer | undefined
afterEach(async () => {
  await cleanup()
  await Promise.all(children.splice(0).map((c) => c.stop()))
  await server?.close()
  server = undefined
})

const MiB = 2 ** 20
const allowPorts = (ports: Record<string, number>) =>
  FRAMINGS.map((f) => ({ host: '127.0.0.1', from: ports[f]!, to: ports[f]! }))
const request = (email: string) =>
  dumpsBytes({ SERVIÇO: 'Dados Pessoais', AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email })

/** The server's main.ts in a child process, on the given ports (0 = any free one). */
async function serverChild(ports: Partial<Record<Framing, number>> = {}): Promise<Child> {
  const child = await startChild(
    'server/main.ts',
    [...FRAMINGS.flatMap((f) => [`--${f}-port`, String(ports[f] ?? 0)]), '--quiet'],
    [...FRAMINGS],
  )
  children.push(child)
  return child
}

it('the server killed mid-traffic: every client is told why, and a restarted server is reachable', async () => {
  const first = await serverChild()
  const ports = first.ports
  const bridge = await startTestBridge({ allow: allowPorts(ports), maxPerClient: 100 })
  const url = `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${ports.ndjson}`
  const clients = await Promise.all(Array.from({ length: 20 }, () => Client.open(url)))
  await Promise.all(clients.map((c) => c.event('connected')))
  // Each client sends a request on every answer, so traffic is in flight when the server dies.
  const answered = clients.map(() => 0)
  clients.forEach((c, i) => {
    const frame = encodeFrame('ndjson', request(`kill-${i}@wire.lab`))
    c.ws.on('message', (_data, isBinary) => {
      if (!isBinary || c.ws.readyState !== WebSocket.OPEN) return
      answered[i]!++
      c.ws.send(frame)
    })
    c.ws.send(frame)
  })
  await eventually(() => answered.every((n) => n >= 5), 10_000, 'traffic on every client')
  first.process.kill('SIGKILL')

  for (const c of clients) {
    const { code, reason } = await c.closed()
    expect([CLOSE.TARGET_CLOSED, CLOSE.TARGET_RESET]).toContain(code)
    expect(reason).toMatch(
      /^target (closed the connection|reset the connection \((ECONNRESET|EPIPE)\))$/,
    )
    expect(c.events.at(-1)).toMatchObject({ type: 'closed', code, reason })
  }
  await eventually(() => bridge.connections === 0 && bridge.buffered === 0)

  const down = await Client.open(url)
  expect((await down.closed()).code).toBe(CLOSE.TARGET_UNREACHABLE)
  await serverChild(ports)
  const back = await Client.open(url)
  back.ws.send(encodeFrame('ndjson', request('back@wire.lab')))
  expect((await back.bytes(1)).toString()).toMatch(/^\{"CODIGO DE ERRO": "404"/)
}, 30_000)

// Each cycle costs the one process about 4 ms of CPU (client, bridge and server), hence not 5000.
const FLOOD = 700

/** Cycle `n`'s kind, of seven. */
const kindOf = (n: number) => Math.floor(n / FRAMINGS.length) % 7

/** One WebSocket cycle; resolves with the close code the client saw. */
function cycle(base: string, ports: Record<Framing, number>, offList: number, n: number) {
  const framing = FRAMINGS[n % FRAMINGS.length]!
  const kind = kindOf(n)
  const port = kind === 6 ? offList : ports[framing]
  return new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${base}?target=127.0.0.1:${port}`, { perMessageDeflate: false })
    const timer = setTimeout(() => reject(new Error(`cycle ${kind} hung`)), 10_000)
    ws.on('error', () => {})
    ws.once('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    ws.once('open', () => {
      switch (kind) {
        case 0: // gone before the TCP connect completes, most of the time
          return ws.terminate()
        case 1:
          return ws.close(1000)
        case 2: // half a message, then vanish
          ws.send(encodeFrame(framing, request('x')).subarray(0, 10))
          return ws.terminate()
        case 3: // a whole request, then close after its answer
          ws.once('message', () => ws.close(1000))
          return ws.send(encodeFrame(framing, request('flood@wire.lab')))
        case 4: // a frame over --max-frame
          return ws.send(Buffer.alloc(4096))
        default: // 5: close once connected; 6: a target off the allow-list, refused
          ws.once('message', () => ws.close(1000))
      }
    })
  })
}

it('a 700-connection flood through the bridge leaves no relay, held byte, target socket or memory behind', async () => {
  server = await startServer({ ports: { json: 0, ndjson: 0, length: 0, naive: 0 } })
  const offList = await startTarget()
  const bridge = await startTestBridge({
    allow: allowPorts(server.ports),
    maxConnections: 5000,
    maxPerClient: 5000,
    maxFrame: 1024,
    log: undefined,
  })
  const base = `ws://127.0.0.1:${bridge.port}/ws`
  const codes: Set<number>[] = Array.from({ length: 7 }, () => new Set())
  const flood = async (count: number) => {
    let next = 0
    const worker = async () => {
      for (let n = next++; n < count; n = next++) {
        codes[kindOf(n)]!.add(await cycle(base, server!.ports, offList.port, n))
      }
    }
    await Promise.all(Array.from({ length: 25 }, worker))
  }
  // Polled: a refused WebSocket leaving the bridge's count makes no event a test can hear.
  const settled = async () => {
    const end = Date.now() + 5_000
    while (bridge.connections > 0 || bridge.buffered > 0 || server!.connections > 0) {
      if (Date.now() > end) throw new Error('timed out waiting for every connection to close')
      await new Promise((r) => setTimeout(r, 5))
    }
  }
  const gc = collector()
  await flood(140) // warm-up
  await settled()
  gc()
  const heap0 = process.memoryUsage().heapUsed
  await flood(FLOOD)
  await settled()
  gc()
  const growth = process.memoryUsage().heapUsed - heap0
  console.log(
    `heap growth after ${FLOOD} WebSocket cycles (bridge and server in this process): ${(growth / 1024).toFixed(0)} KiB`,
  )
  expect(growth).toBeLessThan(2 * MiB)
  expect(offList.accepted).toBe(0)
  expect(codes[6]).toEqual(new Set([CLOSE.TARGET_NOT_ALLOWED]))
  expect(codes[4]).toEqual(new Set([CLOSE.TOO_BIG]))
}, 30_000)
