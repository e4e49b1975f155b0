// The relay through a real bridge: bytes both ways, message boundaries, events, and every way of closing.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { CLOSE } from '../shared/bridge-protocol.ts'
import { startRelay, clipReason, type Relay } from './relay.ts'
import {
  Client,
  cleanup,
  eventually,
  readBytes,
  startTarget,
  startTestBridge,
  wsUrl,
} from './test-helpers.ts'

afterEach(cleanup)

const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))

describe('bytes', () => {
  it('carries all 256 byte values unchanged both ways', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    await client.event('connected')
    client.ws.send(allBytes)
    expect(await client.bytes(256)).toEqual(allBytes)
  })

  it('carries 1 MiB each way unchanged', async () => {
    const mib = Buffer.alloc(1 << 20)
    for (let i = 0; i < mib.length; i++) mib[i] = (i * 31 + (i >> 10)) & 0xff
    const target = await startTarget((s) => {
      void readBytes(s, mib.length).then((got) => s.write(got))
    })
    const bridge = await startTestBridge({ targets: [target], maxFrame: 2 << 20 })
    const client = await Client.open(wsUrl(bridge, target.port))
    client.ws.send(mib)
    const back = await client.bytes(mib.length)
    expect(back.equals(mib)).toBe(true)
    await eventually(() => bridge.lines.length >= 1)
  })

  it('turns each TCP chunk into exactly one binary message', async () => {
    const target = await startTarget((s) => {
      const parts = ['first', 'second chunk', 'third']
      const send = () => {
        const p = parts.shift()
        if (p === undefined) return
        s.write(p)
        setTimeout(send, 30)
      }
      send()
    })
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    await client.bytes(22)
    const messages = client.received.flatMap((r) => (r.kind === 'data' ? [r.data.toString()] : []))
    expect(messages).toEqual(['first', 'second chunk', 'third'])
  })

  it('sends a text frame to TCP as its UTF-8 bytes', async () => {
    const target = await startTarget((s) => s.on('data', () => {}))
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    const socket = await target.next()
    client.ws.send('olá {"AÇÃO": 1}\n')
    expect((await readBytes(socket, 19)).equals(Buffer.from('olá {"AÇÃO": 1}\n'))).toBe(true)
  })

  it('keeps messages sent before the TCP connect completes, in order', async () => {
    const target = await startTarget()
    const { client, relay } = await relayWithLateDial(target.port)
    for (const word of ['one ', 'two ', 'three ', 'four']) client.ws.send(word)
    await eventually(() => relay.held >= 4, 1_000, 'queued bytes')
    expect(client.eventTypes).toEqual(['connecting'])
    expect((await client.bytes(18)).toString()).toBe('one two three four')
    expect(client.eventTypes).toEqual(['connecting', 'connected'])
    client.ws.close()
    const end = await relay.done
    expect(end.bytes).toEqual({ toTarget: 18, fromTarget: 18 })
  })

  it('delivers what a client sent before closing, even when it closed before the connect', async () => {
    const target = await startTarget((s) => s.on('data', () => {}), { allowHalfOpen: true })
    const { client, relay } = await relayWithLateDial(target.port)
    client.ws.send('last words')
    client.ws.close(1000, 'bye')
    const socket = await target.next()
    const got = await readBytes(socket, 10)
    await new Promise((resolve) => socket.once('end', resolve))
    expect(got.toString()).toBe('last words')
    socket.end()
    expect(await relay.done).toEqual({
      code: 1000,
      reason: 'bye',
      bytes: { toTarget: 10, fromTarget: 0 },
    })
  })
})

/** A relay behind a bare WebSocketServer whose TCP connect starts 150 ms late. */
async function relayWithLateDial(port: number): Promise<{ client: Client; relay: Relay }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
  await new Promise((resolve) => wss.once('listening', resolve))
  const wssPort = (wss.address() as net.AddressInfo).port
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve))
  const client = await Client.open(`ws://127.0.0.1:${wssPort}/`)
  const ws = await accepted
  const dial = (opts: net.NetConnectOpts) => {
    const socket = new net.Socket({ allowHalfOpen: true })
    setTimeout(() => socket.connect(opts as net.TcpSocketConnectOpts), 150)
    return socket
  }
  const relay = startRelay(ws, {
    host: '127.0.0.1',
    port,
    events: true,
    startedAt: performance.now(),
    maxQueue: 4,
    idleTimeoutMs: 10_000,
    dial,
  })
  void relay.done.then(() => wss.close())
  return { client, relay }
}

describe('events', () => {
  it('reports connecting, connected, fin and closed in order, around the data', async () => {
    const target = await startTarget((s) => s.end('bye'))
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    expect(await client.closed()).toEqual({
      code: CLOSE.TARGET_CLOSED,
      reason: 'target closed the connection',
    })
    const kinds = client.received.map((r) => (r.kind === 'event' ? r.event.type : 'data'))
    expect(kinds).toEqual(['connecting', 'connected', 'data', 'fin', 'closed'])
    const [connecting, connected] = client.events
    expect(connecting).toMatchObject({ type: 'connecting', target: `127.0.0.1:${target.port}` })
    expect(connected).toMatchObject({
      type: 'connected',
      remote: { address: '127.0.0.1', port: target.port },
      local: { address: '127.0.0.1' },
    })
    expect(client.events.at(-1)).toMatchObject({
      type: 'closed',
      code: CLOSE.TARGET_CLOSED,
      reason: 'target closed the connection',
      bytes: { toTarget: 0, fromTarget: 3 },
    })
    const ats = client.events.map((e) => e.at)
    expect([...ats].sort((a, b) => a - b)).toEqual(ats)
  })

  it('sends no events on /, only bytes (websockify style)', async () => {
    const target = await startTarget((s) => s.end('bye'))
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port, '/'))
    expect((await client.closed()).code).toBe(CLOSE.TARGET_CLOSED)
    expect(client.received).toEqual([{ kind: 'data', data: Buffer.from('bye') }])
  })

  it('logs one line at open and one at close, with the client reason quoted', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    client.ws.send('hello')
    await client.bytes(5)
    client.ws.close(1000, 'bye\nnow')
    await eventually(() => bridge.lines.length === 2)
    expect(bridge.lines[0]).toMatch(
      new RegExp(`127\\.0\\.0\\.1:\\d+ open -> 127.0.0.1:${target.port}$`),
    )
    expect(bridge.lines[1]).toMatch(
      / closed -> 127.0.0.1:\d+ 1000 "bye\\nnow" toTarget=5B fromTarget=5B$/,
    )
  })
})

describe('closing', () => {
  it('delivers everything before the target FIN, then closes with TARGET_CLOSED', async () => {
    const big = Buffer.alloc(3 << 20, 7)
    const target = await startTarget((s) => s.end(big), { allowHalfOpen: true })
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    await client.closed()
    expect(client.data.equals(big)).toBe(true)
    expect(await client.event('fin')).toMatchObject({ bytes: { fromTarget: big.length } })
    await eventually(() => target.open === 0, 2_000, 'target socket closed')
  })

  it('ends the TCP side with a FIN when the client closes', async () => {
    const target = await startTarget((s) => s.on('data', () => {}), { allowHalfOpen: true })
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    const socket = await target.next()
    const got = readBytes(socket, 10)
    const ended = new Promise((resolve) => socket.once('end', resolve))
    client.ws.send('last words')
    client.ws.close(1000, 'done')
    expect((await got).toString()).toBe('last words')
    await ended
    socket.end()
    await eventually(() => target.open === 0 && bridge.connections === 0)
  })

  it('reports a target reset with TARGET_RESET', async () => {
    const target = await startTarget((s) => s.on('data', () => s.resetAndDestroy()))
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    await client.event('connected')
    client.ws.send('x')
    const { code, reason } = await client.closed()
    expect(code).toBe(CLOSE.TARGET_RESET)
    expect(reason).toBe('target reset the connection (ECONNRESET)')
    expect(await client.event('error')).toMatchObject({ code: 'ECONNRESET' })
    expect(client.events.at(-1)).toMatchObject({ type: 'closed', code: CLOSE.TARGET_RESET })
  })

  it('closes the TCP side when the client vanishes (terminate)', async () => {
    const target = await startTarget((s) => s.on('data', () => {}))
    const bridge = await startTestBridge({ targets: [target] })
    const clients = await Promise.all([1, 2, 3].map(() => Client.open(wsUrl(bridge, target.port))))
    await Promise.all(clients.map((c) => c.event('connected')))
    await eventually(() => target.open === 3)
    for (const c of clients) c.ws.terminate()
    await eventually(() => target.open === 0 && bridge.connections === 0, 2_000, 'all closed')
  })

  it('resets a target that ignores the FIN, a few seconds after the client left', async () => {
    const target = await startTarget((s) => s.on('data', () => {}), { allowHalfOpen: true })
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    const socket = await target.next()
    const ended = new Promise((resolve) => socket.once('end', resolve))
    client.ws.terminate()
    await ended
    await eventually(() => bridge.lines.length === 2, 5_000, 'relay closed')
    expect(bridge.lines[1]).toMatch(/ 1006 /)
    // The bridge's socket is gone (reset): the target learns it on its next write.
    const failed = new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve))
    socket.write('anyone there?')
    expect((await failed).code).toMatch(/^(EPIPE|ECONNRESET)$/)
  })

  it('reports a refused connect with TARGET_UNREACHABLE', async () => {
    const free = await startTarget()
    const port = free.port
    await free.close()
    const bridge = await startTestBridge({
      allow: [{ host: '127.0.0.1', from: port, to: port }],
    })
    const client = await Client.open(wsUrl(bridge, port))
    const { code, reason } = await client.closed()
    expect(code).toBe(CLOSE.TARGET_UNREACHABLE)
    expect(reason).toBe(`cannot connect to 127.0.0.1:${port}: ECONNREFUSED`)
    expect(client.eventTypes).toEqual(['connecting', 'error', 'closed'])
    expect(await client.event('error')).toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('closes an idle relay with IDLE_TIMEOUT, and traffic keeps it open', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target], idleTimeoutMs: 300 })
    const client = await Client.open(wsUrl(bridge, target.port))
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150))
      client.ws.send('ping')
    }
    expect(client.closeCode).toBeUndefined()
    const { code, reason } = await client.closed()
    expect(code).toBe(CLOSE.IDLE_TIMEOUT)
    expect(reason).toBe('no traffic for 0.3 s')
    await eventually(() => target.open === 0)
  })

  it('closes with 1009 on a message over --max-frame, and ends the TCP side', async () => {
    const target = await startTarget((s) => s.on('data', () => {}), { allowHalfOpen: true })
    const bridge = await startTestBridge({ targets: [target], maxFrame: 1024 })
    const client = await Client.open(wsUrl(bridge, target.port))
    const socket = await target.next()
    const ended = new Promise((resolve) => socket.once('end', resolve))
    client.ws.send(Buffer.alloc(1024, 1))
    client.ws.send(Buffer.alloc(1025, 2))
    // ws closes at once, with the code alone: the page explains 1009 in its own language.
    expect(await client.closed()).toEqual({ code: CLOSE.TOO_BIG, reason: '' })
    await ended
    expect(socket.bytesRead).toBe(1024)
    socket.end()
    await eventually(() => target.open === 0)
  })

  it('closes everything with GOING_AWAY on bridge.close()', async () => {
    const target = await startTarget((s) => s.on('data', () => {}))
    const bridge = await startTestBridge({ targets: [target] })
    const clients = await Promise.all([1, 2].map(() => Client.open(wsUrl(bridge, target.port))))
    await Promise.all(clients.map((c) => c.event('connected')))
    await bridge.close()
    expect(target.open).toBe(0)
    for (const c of clients) {
      expect(await c.closed()).toEqual({
        code: CLOSE.GOING_AWAY,
        reason: 'bridge is shutting down',
      })
      expect(c.events.at(-1)).toMatchObject({ type: 'closed', code: CLOSE.GOING_AWAY })
    }
    await expect(Client.open(wsUrl(bridge, target.port))).rejects.toThrow()
  })

  it('leaves no target connection open after many clients come and go', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target], maxPerClient: 100 })
    const clients = await Promise.all(
      Array.from({ length: 40 }, () => Client.open(wsUrl(bridge, target.port))),
    )
    await Promise.all(clients.map((c) => c.event('connected')))
    clients.forEach((c, i) => (i % 2 ? c.ws.close() : c.ws.terminate()))
    await eventually(() => target.open === 0 && bridge.connections === 0, 5_000, 'all closed')
    expect(target.accepted).toBe(40)
  })
})

describe('clipReason', () => {
  it('keeps a close reason within 123 bytes', () => {
    expect(clipReason('short')).toBe('short')
    const long = clipReason(`cannot connect to ${'é'.repeat(100)}.example:80: ENOTFOUND`)
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123)
    expect(long.endsWith('...')).toBe(true)
  })
})
