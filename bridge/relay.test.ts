// The relay through a real bridge: bytes both ways, message boundaries, bytes held before the connect, events.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { CLOSE } from '../shared/bridge-protocol.ts'
import { startRelay, type Relay } from './relay.ts'
import {
  Client,
  changed,
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
    const target = await startTarget(() => {})
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge, target.port))
    const socket = await target.next()
    let sent = 0
    for (const part of ['first', 'second chunk', 'third']) {
      // The next write waits until the client has the last one, so each is a read of its own.
      socket.write(part)
      await client.bytes((sent += part.length))
    }
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
    const { client, relay, accepted, connect } = await relayWithLateDial(target.port)
    // Heard after the relay's own listener, so the relay has queued the message by then.
    accepted.on('message', changed)
    for (const word of ['one ', 'two ', 'three ', 'four']) client.ws.send(word)
    await eventually(() => relay.held >= 4, 1_000, 'queued bytes')
    await client.event('connecting')
    expect(client.eventTypes).toEqual(['connecting'])
    connect()
    expect((await client.bytes(18)).toString()).toBe('one two three four')
    expect(client.eventTypes).toEqual(['connecting', 'connected'])
    client.ws.close()
    const end = await relay.done
    expect(end.bytes).toEqual({ toTarget: 18, fromTarget: 18 })
  })

  it('delivers what a client sent before closing, even when it closed before the connect', async () => {
    const target = await startTarget((s) => s.on('data', () => {}), { allowHalfOpen: true })
    const { client, relay, accepted, connect } = await relayWithLateDial(target.port)
    // The relay hears the close before this listener (it listened first); only then the connect.
    accepted.once('close', connect)
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

/** A relay behind a bare WebSocketServer whose TCP connect starts only when `connect()` is called. */
async function relayWithLateDial(port: number): Promise<{
  client: Client
  relay: Relay
  /** The relay's side of the WebSocket. */
  accepted: WebSocket
  connect: () => void
}> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
  await new Promise((resolve) => wss.once('listening', resolve))
  const wssPort = (wss.address() as net.AddressInfo).port
  const accepting = new Promise<WebSocket>((resolve) => wss.once('connection', resolve))
  const client = await Client.open(`ws://127.0.0.1:${wssPort}/`)
  const ws = await accepting
  let connect = () => {}
  const dial = (opts: net.NetConnectOpts) => {
    const socket = new net.Socket({ allowHalfOpen: true })
    connect = () => void socket.connect(opts as net.TcpSocketConnectOpts)
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
  return { client, relay, accepted: ws, connect: () => connect() }
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
