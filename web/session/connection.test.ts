import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CLOSE } from '../../shared/bridge-protocol.ts'
import { Connection, targetUrl, type ConnectionEvent } from './connection.ts'
import { FakeBridge } from './fake-socket.ts'

const BRIDGE = 'ws://127.0.0.1:8080/ws'

function setup() {
  const bridge = new FakeBridge()
  let clock = 1000
  const connection = new Connection({ socket: bridge.factory, now: () => clock })
  const events: ConnectionEvent[] = []
  connection.subscribe((e) => events.push(e))
  const tick = (ms: number) => (clock += ms)
  const statuses = () => events.flatMap((e) => (e.type === 'state' ? [e.state.status] : []))
  const received = () =>
    events.flatMap((e) => (e.type === 'chunk' && e.dir === 'received' ? [e.bytes] : []))
  return { bridge, connection, events, tick, statuses, received }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('Connection', () => {
  it('puts the target in the URL, keeping the bridge URL query', () => {
    expect(targetUrl(BRIDGE, '127.0.0.1:3213')).toBe(
      'ws://127.0.0.1:8080/ws?target=127.0.0.1%3A3213',
    )
    expect(targetUrl('ws://h/ws?x=1', '[::1]:3213')).toBe(
      'ws://h/ws?x=1&target=%5B%3A%3A1%5D%3A3213',
    )
  })

  it('goes idle -> connecting -> open on the bridge connected event, not on the WebSocket open', () => {
    const { bridge, connection, statuses } = setup()
    expect(connection.getState().status).toBe('idle')
    connection.connect(BRIDGE, '127.0.0.1:3213')
    expect(connection.getState()).toMatchObject({ status: 'connecting', target: '127.0.0.1:3213' })
    bridge.open()
    bridge.event({ type: 'connecting', at: 0.1, target: '127.0.0.1:3213' })
    expect(connection.getState().status).toBe('connecting')
    bridge.accept()
    expect(connection.getState()).toMatchObject({
      status: 'open',
      local: { address: '127.0.0.1', port: 50000 },
      remote: { address: '127.0.0.1', port: 3213 },
    })
    expect(statuses()).toEqual(['connecting', 'open'])
  })

  it('delivers every byte of a stream split one byte per message, in order, as Uint8Array', () => {
    const { bridge, connection, received } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.accept()
    bridge.data('{"CODIGO DE ERRO": "200"}')
    const chunks = received()
    expect(chunks).toHaveLength(25)
    expect(chunks.every((c) => c instanceof Uint8Array && c.length === 1)).toBe(true)
    expect(new TextDecoder().decode(Uint8Array.from(chunks.map((c) => c[0]!)))).toBe(
      '{"CODIGO DE ERRO": "200"}',
    )
  })

  it('sends one binary message per send, only while open, with time since connect', () => {
    const { bridge, connection, events, tick } = setup()
    expect(connection.send(new Uint8Array([1]))).toBe(false)
    connection.connect(BRIDGE, '127.0.0.1:3213')
    expect(connection.send(new Uint8Array([1]))).toBe(false)
    bridge.accept()
    tick(42)
    expect(connection.send(new Uint8Array([0x7b, 0x7d]))).toBe(true)
    expect(bridge.sent).toEqual([new Uint8Array([0x7b, 0x7d])])
    expect(events.at(-1)).toEqual({
      type: 'chunk',
      dir: 'sent',
      bytes: new Uint8Array([0x7b, 0x7d]),
      t: 42,
    })
  })

  it('closes with the bridge code and the TCP error that came before it (ECONNREFUSED)', () => {
    const { bridge, connection } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.open()
    bridge.event({ type: 'connecting', at: 0, target: '127.0.0.1:3213' })
    bridge.event({ type: 'error', at: 1, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })
    bridge.end(CLOSE.TARGET_UNREACHABLE, 'cannot connect', { toTarget: 0, fromTarget: 0 })
    expect(connection.getState()).toMatchObject({
      status: 'closed',
      reason: { kind: 'closed', code: 4002, reason: 'cannot connect', errno: 'ECONNREFUSED' },
      bytes: { toTarget: 0, fromTarget: 0 },
    })
  })

  it('reports a FIN close with its byte counts', () => {
    const { bridge, connection } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.accept()
    bridge.event({ type: 'fin', at: 9, bytes: { toTarget: 10, fromTarget: 20 } })
    bridge.end(
      CLOSE.TARGET_CLOSED,
      'target closed the connection',
      { toTarget: 10, fromTarget: 20 },
      9,
    )
    expect(connection.getState().reason).toEqual({
      kind: 'closed',
      code: 4000,
      reason: 'target closed the connection',
    })
    expect(connection.getState().bytes).toEqual({ toTarget: 10, fromTarget: 20 })
  })

  it('says the bridge was unreachable when the WebSocket never opened', () => {
    const { bridge, connection } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.close(1006)
    expect(connection.getState().reason).toEqual({
      kind: 'unreachable',
      url: 'ws://127.0.0.1:8080/ws?target=127.0.0.1%3A3213',
    })
  })

  it('says the bridge was lost on 1006 after opening', () => {
    const { bridge, connection } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.accept()
    bridge.close(1006)
    expect(connection.getState().reason).toEqual({ kind: 'lost', code: 1006 })
  })

  it('fails once: the first reason wins and later socket events are ignored', () => {
    const { bridge, connection, events } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.accept()
    connection.disconnect()
    expect(bridge.closedBy).toEqual({ code: 1000, reason: 'page closed' })
    bridge.data('x')
    bridge.close(1000)
    connection.fail({ kind: 'protocol', detail: 'late' })
    expect(connection.getState().reason).toEqual({ kind: 'user' })
    expect(events.filter((e) => e.type === 'local' && e.event.type === 'ended')).toHaveLength(1)
    expect(events.some((e) => e.type === 'chunk')).toBe(false)
  })

  it('fails on a text frame that is not a bridge event', () => {
    const { bridge, connection } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.open()
    bridge.text('{"type":"surprise"}')
    expect(connection.getState()).toMatchObject({ status: 'closed', reason: { kind: 'protocol' } })
  })

  it('times out when the TCP side does not connect in time', () => {
    const bridge = new FakeBridge()
    const connection = new Connection({ socket: bridge.factory, connectTimeoutMs: 2000 })
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.open()
    vi.advanceTimersByTime(2000)
    expect(connection.getState().reason).toEqual({ kind: 'timeout', seconds: 2 })
    expect(bridge.closedBy?.code).toBe(1000)
  })

  it('reconnects with a fresh socket, ignoring the old one', () => {
    const { bridge, connection } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.accept()
    bridge.close(CLOSE.TARGET_CLOSED)
    connection.connect(BRIDGE, '127.0.0.1:3214')
    expect(bridge.urls).toHaveLength(2)
    expect(connection.getState()).toMatchObject({ status: 'connecting', target: '127.0.0.1:3214' })
    expect(connection.getState().reason).toBeUndefined()
  })

  it('fails as unreachable when the socket factory throws (a malformed URL)', () => {
    const connection = new Connection({
      socket: () => {
        throw new SyntaxError('bad url')
      },
    })
    connection.connect(BRIDGE, '127.0.0.1:3213')
    expect(connection.getState().reason?.kind).toBe('unreachable')
  })

  it('adds the page params read at each connect, leaving out the undefined ones', () => {
    const bridge = new FakeBridge()
    let group: string | undefined = 'grupo-3'
    const connection = new Connection({
      socket: bridge.factory,
      params: () => ({ group, client: 'k3j9x2-A' }),
    })
    connection.connect(BRIDGE, '127.0.0.1:3213')
    group = undefined
    connection.connect(BRIDGE, '127.0.0.1:3213')
    expect(bridge.urls).toEqual([
      'ws://127.0.0.1:8080/ws?target=127.0.0.1%3A3213&group=grupo-3&client=k3j9x2-A',
      'ws://127.0.0.1:8080/ws?target=127.0.0.1%3A3213&client=k3j9x2-A',
    ])
    expect(connection.getState().url).toBe(bridge.urls[1])
  })

  it('keeps who the bridge introduced the page as, until the next connect', () => {
    const { bridge, connection } = setup()
    connection.connect(BRIDGE, '127.0.0.1:3213')
    bridge.accept()
    expect(connection.getState().proxy).toBeUndefined()
    bridge.event({
      type: 'proxy',
      at: 0.6,
      source: { address: '192.168.0.23', port: 50123 },
      group: 'grupo-3',
      hex: '0d0a0d0a000d0a515549540a',
    })
    expect(connection.getState()).toMatchObject({
      status: 'open',
      proxy: { source: { address: '192.168.0.23', port: 50123 }, group: 'grupo-3' },
    })
    bridge.close(CLOSE.TARGET_CLOSED)
    expect(connection.getState().proxy?.group).toBe('grupo-3')
    connection.connect(BRIDGE, '127.0.0.1:3213')
    expect(connection.getState().proxy).toBeUndefined()
  })
})
