// Faults: slow-loris and never-finished messages meet the idle timeout; connect floods leave nothing behind.
import net from 'node:net'
import { describe, expect, test } from 'vitest'
import { dumpsBytes } from '../shared/codec.ts'
import { FRAMINGS, createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'
import { Changes } from '../test-support/changes.ts'
import { FramedClient } from '../test-support/framed-client.ts'
import { answerText } from '../test-support/requests.ts'
import { EXITS, tcpCycle } from '../test-support/tcp-cycle.ts'
import type { RunningServer } from './server.ts'
import { collector, useTestServer } from './test-server.ts'

const IDLE_MS = 300
const MiB = 2 ** 20
const lab = useTestServer()
const start = lab.start.bind(lab)
const connect = lab.connect.bind(lab)

const answer = answerText
const IDLE_ANSWER = answer('408', TEXT.idle(IDLE_MS / 1000))
const text = (bodies: Uint8Array[]) => bodies.map((b) => Buffer.from(b).toString('utf8'))
const REQUEST = dumpsBytes({
  SERVIÇO: 'Dados Pessoais',
  AÇÃO: 'CRIAR USUARIO',
  EMAIL_USUARIO: 'slow@wire.lab',
})

/**
 * Writes `bytes` one at a time, one every `ms` (the slow client is the test's subject), until they run
 * out or the socket closes; `done` resolves then.
 */
function trickle(socket: net.Socket, bytes: Uint8Array, ms: number) {
  let sent = 0
  let stop = () => {}
  const done = new Promise<void>((resolve) => (stop = resolve))
  const timer = setInterval(() => {
    if (sent >= bytes.length || socket.destroyed || socket.writableEnded) {
      clearInterval(timer)
      return stop()
    }
    socket.write(bytes.subarray(sent, ++sent))
  }, ms)
  socket.once('close', () => {
    clearInterval(timer)
    stop()
  })
  return { sent: () => sent, done }
}

describe.each(['json', 'ndjson', 'length'] as const)('%s port', (framing) => {
  test('a slow-loris trickling one byte every timeout/3 of a message it never finishes gets 408 and is closed', async () => {
    await start({ idleTimeoutMs: IDLE_MS })
    const c = await connect(framing)
    // The whole message minus its last byte: it can never complete, however long the trickle.
    const wire = encodeFrame(framing, REQUEST)
    const unfinished = wire.subarray(0, wire.length - 1)
    const started = Date.now()
    const loris = trickle(c.socket, unfinished, IDLE_MS / 3)
    expect(text(await c.next())).toEqual([IDLE_ANSWER])
    const elapsed = Date.now() - started
    await c.closed
    expect(elapsed).toBeGreaterThanOrEqual(IDLE_MS - 50)
    expect(elapsed).toBeLessThan(IDLE_MS * 10)
    // Bytes kept coming until the end, far fewer than the message needed.
    expect(loris.sent()).toBeGreaterThanOrEqual(2)
    expect(loris.sent()).toBeLessThan(unfinished.length / 2)
    await lab.until(() => lab.server.connections === 0)
  })
})

test('ndjson and length: an oversize message being skipped does not keep the connection alive', async () => {
  await start({ idleTimeoutMs: IDLE_MS, maxMessage: 100 })
  const n = await connect('ndjson')
  n.sendRaw('x'.repeat(150))
  const l = await connect('length')
  l.sendRaw(Buffer.concat([Buffer.from([0, 0, 1, 0]), Buffer.alloc(150, 0x78)]))
  // The rest of each message keeps trickling in, and is skipped.
  trickle(n.socket, Buffer.alloc(1000, 0x78), IDLE_MS / 3)
  trickle(l.socket, Buffer.alloc(100, 0x78), IDLE_MS / 3)
  const tooLarge = answer('413', TEXT.tooLarge(100, false))
  expect(text(await n.next(2))).toEqual([tooLarge, IDLE_ANSWER])
  expect(text(await l.next(2))).toEqual([tooLarge, IDLE_ANSWER])
  await Promise.all([n.closed, l.closed])
})

test('a client that finishes a message within every timeout stays connected, however slowly it sends', async () => {
  // Wide margins: the client's writes and the server's timer share one busy test process.
  const idleMs = 1000
  await start({ idleTimeoutMs: idleMs })
  const c = await connect('ndjson')
  // Three bytes per message, one every 50 ms: a complete message every 150 ms.
  const messages = 8
  const loris = trickle(c.socket, Buffer.from('{}\n'.repeat(messages)), 50)
  const refusal = answer('404', TEXT.missing('SERVIÇO'))
  expect(text(await c.next(messages))).toEqual(Array(messages).fill(refusal))
  expect(loris.sent()).toBe(3 * messages)
  expect(lab.server.connections).toBe(1)
  // Then silence: idle from the last complete message on.
  expect(text(await c.next())).toEqual([answer('408', TEXT.idle(idleMs / 1000))])
  await c.closed
})

test('naive port: trickled bytes are reads, so whole messages, each answered 400, and never idle', async () => {
  // The framing's lesson, not a slow-loris escape: each read is a message, so it gets its answer.
  const idleMs = 600
  await start({ idleTimeoutMs: idleMs })
  const c = await connect('naive')
  const received: Buffer[] = []
  c.socket.on('data', (chunk: Buffer) => received.push(chunk))
  const bytes = Buffer.from('{"SERVICE": "Da') // 15 bytes, 1.5 s: well past the idle timeout
  const started = Date.now()
  const loris = trickle(c.socket, bytes, 100)
  await loris.done
  expect(loris.sent()).toBe(bytes.length)
  expect(Date.now() - started).toBeGreaterThan(idleMs * 2)
  c.end()
  await c.closed
  // A busy machine may glue two bytes into one read: count answers, not bytes.
  const answers = createDecoder('json')
    .push(Buffer.concat(received))
    .map((e) => JSON.parse(Buffer.from(e.type === 'message' ? e.body : []).toString()))
  expect(answers.length).toBeGreaterThanOrEqual(bytes.length / 2)
  for (const a of answers) {
    expect(a).toMatchObject({ 'CODIGO DE ERRO': '400' })
  }
})

const LOOKUP = dumpsBytes({
  SERVIÇO: 'Dados Pessoais',
  AÇÃO: 'CONSULTAR USUARIO',
  EMAIL_USUARIO: 'nobody@wire.lab',
})
const HALF = Buffer.from('{"SERVIÇO": "Dados')

/** One connect/disconnect cycle, of six kinds: destroy, FIN, reset, half message then destroy or FIN, a request then FIN. */
async function cycle(port: number, framing: Framing, kind: number): Promise<void> {
  const request = encodeFrame(framing, LOOKUP)
  const { hung } = await tcpCycle(port, EXITS[kind]!, { half: HALF, request, ms: 10_000 })
  if (hung) throw new Error(`cycle ${kind} on ${framing} hung`)
}

/** `count` cycles over every port, at most 50 at once. */
async function flood(s: RunningServer, count: number): Promise<void> {
  let next = 0
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      const framing = FRAMINGS[n % FRAMINGS.length]!
      await cycle(s.ports[framing], framing, Math.floor(n / FRAMINGS.length) % 6)
    }
  }
  await Promise.all(Array.from({ length: 50 }, worker))
}

test('5000 connect/disconnect cycles leave no connection, socket handle or memory behind', async () => {
  const s = await start({ idleTimeoutMs: 10_000 })
  const gc = collector()
  const tcpHandles = () =>
    process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length
  await flood(s, 500) // warm-up: JIT, buffer pools
  await lab.until(() => s.connections === 0)
  gc()
  const heap0 = process.memoryUsage().heapUsed
  const handles0 = tcpHandles()
  await flood(s, 5000)
  await lab.until(() => s.connections === 0, 5_000, 'every connection gone')
  // A socket's handle is closed before its 'close', so the last closing line finds them all gone.
  expect(tcpHandles()).toBe(handles0)
  gc()
  const growth = process.memoryUsage().heapUsed - heap0
  console.log(`heap growth after 5000 connect/disconnect cycles: ${(growth / 1024).toFixed(0)} KiB`)
  expect(growth).toBeLessThan(2 * MiB)
}, 30_000)

test('a connect flood past --max-connections: every extra client gets 503, the held ones go on', async () => {
  const s = await start({ maxConnections: 10 })
  const held = await Promise.all(Array.from({ length: 10 }, () => connect('ndjson')))
  await lab.until(() => s.connections === 10)
  const gc = collector()
  gc()
  const heap0 = process.memoryUsage().heapUsed
  const busy = answer('503', TEXT.busy(10))
  let refused = 0
  let next = 0
  const worker = async () => {
    for (let n = next++; n < 1000; n = next++) {
      const c = await FramedClient.connect(s.ports.json, 'json')
      if (text(await c.next()).join() === busy) refused++
      await c.closed
    }
  }
  await Promise.all(Array.from({ length: 20 }, worker))
  expect(refused).toBe(1000)
  expect(s.connections).toBe(10)
  const answers = await Promise.all(
    held.map((c) => {
      c.socket.write(encodeFrame('ndjson', LOOKUP))
      return c.next()
    }),
  )
  expect(new Set(answers.map((a) => text(a).join()))).toEqual(
    new Set([answer('404', TEXT.notRegistered('nobody@wire.lab'))]),
  )
  gc()
  const growth = process.memoryUsage().heapUsed - heap0
  console.log(`heap growth after 1000 refused connections: ${(growth / 1024).toFixed(0)} KiB`)
  // The refusal's linger timer goes with its socket, so closed refusals hold nothing (they held
  // about 1 KiB each for 5 s before that was fixed).
  expect(growth).toBeLessThan(512 * 1024)
}, 30_000)

test('clients that pipeline and never read cost the server a bounded few hundred KiB each', async () => {
  const s = await start({ maxPerClient: 100 })
  const lookups = Buffer.concat(Array.from({ length: 500 }, () => encodeFrame('json', LOOKUP)))
  let moved = 0
  const stalled = await Promise.all(
    Array.from({ length: 20 }, () => FramedClient.connect(s.ports.json, 'json')),
  )
  const writes = new Changes()
  for (const c of stalled) {
    // Never read: the answers pile up on the server's side until it stops reading the requests.
    c.socket.pause()
    const pump = () => {
      while (c.socket.write(lookups)) moved++
      moved++
      writes.changed()
      c.socket.once('drain', pump)
    }
    pump()
  }
  // Until no client can write any more (every server socket has stopped reading): 2 s without a drain.
  for (let last = -1; moved !== last;) {
    last = moved
    await writes.until(() => moved !== last, 2_000).catch(() => undefined)
  }
  const perClient = s.buffered / stalled.length
  console.log(`unsent answers held per stalled client: ${(perClient / 1024).toFixed(0)} KiB`)
  expect(perClient).toBeLessThan(256 * 1024)
  // Another client is served as usual meanwhile.
  const other = await connect('ndjson')
  other.socket.write(encodeFrame('ndjson', LOOKUP))
  expect(text(await other.next()).join()).toBe(answer('404', TEXT.notRegistered('nobody@wire.lab')))
  for (const c of stalled) c.socket.destroy()
}, 30_000)
