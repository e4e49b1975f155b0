// The relay's every way of closing: FINs both ways, resets, refusals, idle and size limits, shutdown.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CLOSE } from '../shared/bridge-protocol.ts'
import { clipReason } from './relay.ts'
import { Client, cleanup, eventually, startTarget, startTestBridge, wsUrl } from './test-helpers.ts'

afterEach(cleanup)

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
    const got: Buffer[] = []
    socket.on('data', (d: Buffer) => got.push(d))
    const ended = new Promise((resolve) => socket.once('end', resolve))
    client.ws.send('last words')
    client.ws.close(1000, 'done')
    await ended
    // Everything the page sent, then the FIN.
    expect(Buffer.concat(got).toString()).toBe('last words')
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
    // The relay's idle clock is the test's to move: sockets stay real, time passes only when told.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const client = await Client.open(wsUrl(bridge, target.port))
      await client.event('connected')
      for (let i = 1; i <= 4; i++) {
        vi.advanceTimersByTime(150)
        client.ws.send('ping')
        // Echoed, not closed: the relay was open, and saw this traffic, 150 ms after the last.
        await client.until(() => client.data.length === 4 * i || client.closeCode !== undefined)
        expect(client.closeCode).toBeUndefined()
      }
      vi.advanceTimersByTime(300)
      const { code, reason } = await client.closed()
      expect(code).toBe(CLOSE.IDLE_TIMEOUT)
      expect(reason).toBe('no traffic for 0.3 s')
      await eventually(() => target.open === 0)
    } finally {
      vi.useRealTimers()
    }
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
