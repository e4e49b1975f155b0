// A hostile client on the same LAN: odd requests never end the process, one address never locks others out.
import net from 'node:net'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Changes } from '../test-support/changes.ts'
import { Client, cleanup, eventually, startTarget, startTestBridge } from './test-helpers.ts'

afterEach(cleanup)

let dir = ''
const body = 'x'.repeat(1000)
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wire-lab-hostile-'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<title>wire-lab</title>')
  fs.writeFileSync(path.join(dir, 'big.txt'), body)
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Sends raw request bytes from `from` and resolves with everything the bridge answers until it closes. */
function raw(port: number, text: string, from = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from })
    let got = ''
    socket.on('error', () => {})
    // Connection: close makes the bridge end the connection after its answer.
    socket.on('connect', () => socket.write(text.replace('\r\n', '\r\nConnection: close\r\n')))
    socket.on('data', (d) => (got += d.toString('latin1')))
    socket.on('close', () => resolve(got))
  })
}

/** The rest of a WebSocket upgrade request, after its request line and Host (and Origin). */
const UPGRADE =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'

/** Opens a socket from `from` that sends an upgrade and then reads nothing and answers nothing. */
function rudeUpgrade(port: number, from: string, target: string): net.Socket {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress: from })
  socket.on('error', () => {})
  socket.on('connect', () => {
    socket.write(`GET /ws?target=${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${UPGRADE}`)
    socket.pause()
  })
  return socket
}

const status = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0)

describe('requests that used to end the process', () => {
  it('answers malformed and unsatisfiable Ranges, and serves the next client', async () => {
    const bridge = await startTestBridge({ allow: [], staticDir: dir })
    const get = (range: string) =>
      raw(bridge.port, `GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: ${range}\r\n\r\n`)
    for (const range of [
      'bytes=10-5',
      'bytes=0-99999999999999999999',
      'bytes=0-9007199254740992',
      'bytes=99999999999999999999-',
      'bytes=-99999999999999999999',
      'bytes=-0',
      'bytes=1-2,5-6',
      'lines=1-2',
      'bytes=--1',
    ]) {
      const answer = await get(range)
      expect([200, 206, 416], range).toContain(status(answer))
    }
    expect(await get('bytes=10-5')).toMatch(/^HTTP\/1\.1 200[^]*\r\n\r\nx{1000}$/)
    expect(await get('bytes=1000-')).toMatch(/^HTTP\/1\.1 416[^]*Content-Range: bytes \*\/1000/)
    expect(await get('bytes=990-99999999999999999999')).toMatch(
      /^HTTP\/1\.1 206[^]*Content-Range: bytes 990-999\/1000[^]*\r\n\r\nx{10}$/,
    )
    expect(await get('bytes=-3')).toMatch(/Content-Range: bytes 997-999\/1000[^]*\r\n\r\nxxx$/)
    expect((await fetch(bridge.url)).status).toBe(200)
  })

  it('answers an upgrade whose URL cannot be parsed with 400, and goes on', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target] })
    for (const url of ['//[', 'http://[/', 'http://:99999/ws']) {
      const answer = await raw(bridge.port, `GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}`)
      expect(status(answer), url).toBe(400)
    }
    const client = await Client.open(
      `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`,
    )
    await client.event('connected')
  })
})

describe('one address cannot lock the others out', () => {
  it('refused WebSockets that never answer the close hold no slot', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({
      targets: [target],
      maxConnections: 10,
      maxPerClient: 4,
      maxSocketsPerClient: 100,
    })
    const t = `127.0.0.1:${target.port}`
    const rude = Array.from({ length: 60 }, () => rudeUpgrade(bridge.port, '127.0.0.2', t))
    await eventually(() => target.accepted === 4, 5_000, 'the rude address to hold its 4 relays')
    await eventually(() => bridge.lines.filter((l) => l.includes('refused 4006')).length === 56)
    const other = await Client.open(`ws://127.0.0.1:${bridge.port}/ws?target=${t}`, {
      localAddress: '127.0.0.3',
    })
    await other.event('connected')
    other.ws.send('still served')
    expect((await other.bytes(12)).toString()).toBe('still served')
    for (const s of rude) s.destroy()
  })

  it('bounds TCP connections per address, so a flood of silent ones leaves room for others', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({
      targets: [target],
      staticDir: dir,
      maxSocketsPerClient: 20,
    })
    const closes = new Changes()
    const flood = Array.from({ length: 200 }, () =>
      net
        .connect({ port: bridge.port, host: '127.0.0.1', localAddress: '127.0.0.2' })
        .on('error', () => {})
        .on('close', closes.changed),
    )
    const closedByBridge = () => flood.filter((s) => s.closed).length
    await closes.until(() => closedByBridge() >= 180, 5_000, 'the flood past 20 to be dropped')
    const page = await raw(bridge.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', '127.0.0.3')
    expect(status(page)).toBe(200)
    const other = await Client.open(
      `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`,
      { localAddress: '127.0.0.3' },
    )
    await other.event('connected')
    for (const s of flood) s.destroy()
  })

  it('closes connections that never send a whole header', async () => {
    const bridge = await startTestBridge({ allow: [], staticDir: dir, headersTimeoutMs: 300 })
    const silent = net.connect({ port: bridge.port, host: '127.0.0.1' })
    const partial = net.connect({ port: bridge.port, host: '127.0.0.1' }, () =>
      partial.write('GET / HTTP/1.1\r\nHo'),
    )
    for (const s of [silent, partial]) s.on('error', () => {})
    await Promise.all([silent, partial].map((s) => new Promise((r) => s.on('close', r))))
  })
})

describe('DNS rebinding', () => {
  it('answers only Host headers that name the bridge', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({
      targets: [target],
      staticDir: dir,
      allowedHosts: ['teacher-pc.lan'],
    })
    const get = (host: string, url = '/api/targets') =>
      raw(bridge.port, `GET ${url} HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\n\r\n`)
    for (const host of ['evil.example', `evil.example:${bridge.port}`, 'localhost.evil.example']) {
      const answer = await get(host)
      expect(status(answer), host).toBe(403)
      expect(answer).not.toContain('Access-Control-Allow-Origin')
      expect(answer).toContain('--allowed-host')
      expect(status(await get(host, '/'))).toBe(403)
    }
    for (const host of [
      `127.0.0.1:${bridge.port}`,
      `localhost:${bridge.port}`,
      `[::1]:${bridge.port}`,
      '192.168.0.10',
      `teacher-pc.lan:${bridge.port}`,
      `${os.hostname()}:${bridge.port}`,
    ]) {
      expect(status(await get(host)), host).toBe(200)
    }
    const rebound = await raw(
      bridge.port,
      `GET /ws?target=127.0.0.1:${target.port} HTTP/1.1\r\nHost: evil.example:${bridge.port}\r\n` +
        `Origin: http://evil.example:${bridge.port}\r\n${UPGRADE}`,
    )
    expect(status(rebound)).toBe(403)
    expect(target.accepted).toBe(0)
  })
})

describe('a page that stops reading', () => {
  it('a closed page stops the reads: a flooding target gets at most a socket buffer more out', async () => {
    let written = 0
    let flooding = true
    const target = await startTarget(
      (socket) => {
        const chunk = Buffer.alloc(64 << 10, 0x61)
        const pump = () => {
          while (flooding && !socket.destroyed) {
            written += chunk.length
            if (!socket.write(chunk)) return void socket.once('drain', pump)
          }
        }
        socket.on('close', () => (flooding = false))
        pump()
        // A runaway student server: it never looks at its input, so the relay's FIN changes nothing.
      },
      { allowHalfOpen: true },
    )
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(
      `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`,
    )
    await client.bytes(4 << 20, 10_000)
    client.ws.close()
    const atClose = written
    await eventually(() => !flooding, 10_000, 'the target to see the relay gone')
    // Loopback socket buffers hold a few MiB at most; reading on would be gigabytes.
    expect(written - atClose).toBeLessThan(16 << 20)
    flooding = false
  })
})

describe('pages that never read', () => {
  it('cost the bridge a bounded few hundred KiB per relay, and others are served meanwhile', async () => {
    // A target that answers every byte with two, like a server answering pipelined requests, and
    // stops reading while its answers wait (as the wire-lab server does).
    const target = await startTarget((s) =>
      s.on('data', (d: Buffer) => {
        if (!s.write(Buffer.concat([d, d]))) {
          s.pause()
          s.once('drain', () => s.resume())
        }
      }),
    )
    const bridge = await startTestBridge({ targets: [target] })
    const url = `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`
    const burst = Buffer.alloc(16 << 10, 0x7b)
    let sent = 0
    const pages = await Promise.all(
      Array.from({ length: 16 }, (_, i) => Client.open(url, { localAddress: `127.0.5.${i + 2}` })),
    )
    for (const page of pages) {
      await page.event('connected')
      // The page stops reading: its socket's receive window fills, then the bridge's send buffer.
      page.ws.pause()
      const pump = () => {
        while (page.ws.bufferedAmount < 1 << 20) {
          page.ws.send(burst)
          sent++
        }
        setTimeout(pump, 10).unref()
      }
      pump()
    }
    // Until no page can send more (bridge and target stopped taking bytes). Polled: stalls have no event.
    let last = -1
    while (sent !== last) {
      last = sent
      await new Promise((r) => setTimeout(r, 500))
    }
    const perRelay = bridge.buffered / pages.length
    console.log(
      `bytes the bridge holds per relay whose page never reads: ${(perRelay / 1024).toFixed(0)} KiB`,
    )
    expect(perRelay).toBeLessThan(512 << 10)
    const other = await Client.open(url, { localAddress: '127.0.5.100' })
    await other.event('connected')
    other.ws.send('hi')
    expect((await other.bytes(4)).toString()).toBe('hihi')
    for (const page of pages) page.ws.terminate()
  })
})

describe('a fault inside the bridge', () => {
  it('costs only the connection it happened on: the next one is served', async () => {
    const target = await startTarget()
    let faults = 0
    let calls = 0
    const bridge = await startTestBridge({
      targets: [target],
      // A log sink that throws on its first line: a stand-in for any bug inside a handler.
      log: () => {
        if (calls++ === 0) throw new Error('log sink broke')
      },
      onFault: () => faults++,
    })
    const url = `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`
    const first = await Client.open(url)
    expect((await first.closed()).code).toBe(1006)
    expect(faults).toBe(1)
    const second = await Client.open(url)
    await second.event('connected')
    second.ws.send('still here')
    expect((await second.bytes(10)).toString()).toBe('still here')
  })
})
