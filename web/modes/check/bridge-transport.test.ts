import { describe, expect, it } from 'vitest'
import { FakeClock, settle } from '../../../shared/conformance/fake-clock.ts'
import type { ConnEnd, Connected } from '../../../shared/conformance/types.ts'
import { FakeBridge } from '../../session/fake-socket.ts'
import { bridgeTransport } from './bridge-transport.ts'

const TARGET = '127.0.0.1:3214'
const NO_BYTES = { toTarget: 0, fromTarget: 0 }

function setup() {
  const bridge = new FakeBridge()
  const clock = new FakeClock()
  const transport = bridgeTransport({
    socket: bridge.factory,
    bridgeUrl: 'ws://127.0.0.1:8080/ws',
    target: TARGET,
    clock,
  })
  const received: number[] = []
  const ends: ConnEnd[] = []
  let outcome: Connected | undefined
  void transport
    .connect({ data: (c) => received.push(...c), closed: (e) => ends.push(e) }, 2000)
    .then((c) => (outcome = c))
  const result = async () => {
    await settle()
    return outcome
  }
  return { bridge, clock, received, ends, result }
}

// Opens a connection through the fake bridge and returns it.
async function opened() {
  const s = setup()
  s.bridge.accept(TARGET)
  const c = await s.result()
  if (!c?.ok) throw new Error('expected an open connection')
  return { ...s, conn: c.conn }
}

describe('bridgeTransport', () => {
  it('opens on the bridge`s connected event, not on the WebSocket handshake', async () => {
    const { bridge, result } = setup()
    expect(bridge.urls).toEqual(['ws://127.0.0.1:8080/ws?target=127.0.0.1%3A3214'])
    bridge.open()
    bridge.event({ type: 'connecting', at: 0.1, target: TARGET })
    expect(await result()).toBeUndefined()
    bridge.event({
      type: 'connected',
      at: 0.5,
      local: { address: '127.0.0.1', port: 50000 },
      remote: { address: '127.0.0.1', port: 3214 },
    })
    expect(await result()).toMatchObject({ ok: true })
  })

  it('writes binary frames and delivers the server`s bytes, one byte per message, in order', async () => {
    const { bridge, conn, received } = await opened()
    conn.write(new TextEncoder().encode('{}\n'))
    expect(bridge.sent).toEqual([new TextEncoder().encode('{}\n')])
    // The proxy event (the bundled server's PROXY v2 header) is informational.
    bridge.event({ type: 'proxy', at: 1, source: { address: '127.0.0.1', port: 5 }, hex: '0d0a' })
    bridge.data('{"a": 1}\n')
    expect(new TextDecoder().decode(Uint8Array.from(received))).toBe('{"a": 1}\n')
  })

  it('ends once on fin, whatever the bridge says after it', async () => {
    const { bridge, ends } = await opened()
    bridge.event({ type: 'fin', at: 2, bytes: NO_BYTES })
    bridge.end(4000, 'target closed the connection', NO_BYTES)
    expect(ends).toEqual([{ how: 'fin' }])
  })

  it('reports a reset, and a bridge that vanished, as the connection`s end', async () => {
    const reset = await opened()
    reset.bridge.event({ type: 'error', at: 2, code: 'ECONNRESET', message: 'read ECONNRESET' })
    reset.bridge.close(4001, 'target reset the connection (ECONNRESET)')
    expect(reset.ends).toEqual([{ how: 'reset', detail: 'ECONNRESET' }])

    const gone = await opened()
    gone.bridge.close(1006)
    expect(gone.ends).toEqual([{ how: 'error', detail: 'the bridge went away' }])
  })

  it('fails a connect the TCP server refused, with its errno', async () => {
    const { bridge, result } = setup()
    bridge.open()
    bridge.event({ type: 'error', at: 1, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })
    bridge.end(4002, 'cannot connect', NO_BYTES)
    expect(await result()).toEqual({ ok: false, why: 'refused', detail: 'ECONNREFUSED' })
  })

  it('fails a connect the bridge itself refused, saying so', async () => {
    const { bridge, result } = setup()
    bridge.open()
    bridge.event({ type: 'refused', at: 0, code: 4004, reason: 'target not allowed' })
    bridge.close(4004, 'target not allowed')
    expect(await result()).toEqual({
      ok: false,
      why: 'error',
      detail: 'the bridge refused (4004): target not allowed',
    })
  })

  it('fails when the bridge cannot be reached', async () => {
    const { bridge, result } = setup()
    bridge.close(1006)
    expect(await result()).toEqual({
      ok: false,
      why: 'error',
      detail: 'cannot reach the bridge at ws://127.0.0.1:8080/ws',
    })
  })

  it('fails at once, without a socket, when the bridge URL is not one', async () => {
    const bridge = new FakeBridge()
    const transport = bridgeTransport({ socket: bridge.factory, bridgeUrl: 'nope', target: TARGET })
    const events = { data: () => {}, closed: () => {} }
    expect(await transport.connect(events, 2000)).toEqual({
      ok: false,
      why: 'error',
      detail: 'not a bridge URL: nope',
    })
    expect(bridge.urls).toEqual([])
  })

  it('times out on its clock and closes the WebSocket', async () => {
    const { bridge, clock, result } = setup()
    bridge.open()
    await clock.advance(1999)
    expect(await result()).toBeUndefined()
    await clock.advance(1)
    expect(await result()).toEqual({
      ok: false,
      why: 'timeout',
      detail: 'no connection after 2000 ms',
    })
    expect(bridge.closedBy).toEqual({ code: 1000, reason: 'checker done' })
  })

  it('closes from our side without reporting, and sends nothing after', async () => {
    const { bridge, conn, ends, received } = await opened()
    conn.close()
    expect(bridge.closedBy).toEqual({ code: 1000, reason: 'checker done' })
    conn.write(new Uint8Array([1]))
    bridge.data('late')
    bridge.close(1000)
    expect(bridge.sent).toEqual([])
    expect(received).toEqual([])
    expect(ends).toEqual([])
  })
})
