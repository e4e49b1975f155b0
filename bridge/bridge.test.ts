// The bridge's front door: HTTP answers, static files, refusals (target, origin, limits) before any TCP connect.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CLOSE, TargetsInfo } from '../shared/bridge-protocol.ts'
import { startBridge } from './bridge.ts'
import { defaultAllowList } from './allow.ts'
import { Client, cleanup, eventually, startTarget, startTestBridge, wsUrl } from './test-helpers.ts'

afterEach(cleanup)

/** A raw HTTP GET, so paths reach the server exactly as written (fetch would normalise `..`). */
function rawGet(
  port: number,
  target: string,
): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let text = ''
    socket.on('error', reject)
    socket.on('data', (d) => (text += d.toString()))
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n', 2)
      resolve({ status: Number(head.split(' ')[1]), head, body })
    })
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
  })
}

describe('HTTP', () => {
  it('lets pages from an allowed origin read /api/targets across origins, and no others', async () => {
    const bridge = await startTestBridge({ origins: ['http://teacher.lan:5173'] })
    const from = (origin: string) =>
      fetch(`${bridge.url}api/targets`, { headers: { Origin: origin } })
    const allowed = await from('http://teacher.lan:5173')
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://teacher.lan:5173')
    expect(allowed.headers.get('vary')).toBe('Origin')
    const foreign = await from('http://evil.example')
    expect(foreign.status).toBe(200)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers GET /api/targets with the allow-list and default target', async () => {
    const allow = defaultAllowList('127.0.0.1', { json: 1, ndjson: 2, length: 3, naive: 4 })
    const bridge = await startTestBridge({ allow, defaultTarget: '127.0.0.1:3' })
    const res = await fetch(`${bridge.url}api/targets`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const info = TargetsInfo.parse(await res.json())
    expect(info).toEqual({ targets: allow, defaultTarget: '127.0.0.1:3' })
    expect(info.targets[2]).toEqual({
      host: '127.0.0.1',
      from: 3,
      to: 3,
      protocol: 'lesson',
      framing: 'length',
      label: 'length',
    })
  })

  it('says what it is on GET / without a static directory', async () => {
    const bridge = await startTestBridge({ allow: [{ host: '127.0.0.1', from: 5, to: 9 }] })
    const res = await fetch(bridge.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const text = await res.text()
    expect(text).toContain('wire-lab bridge')
    expect(text).toContain('/ws?target=HOST:PORT')
    expect(text).toContain('127.0.0.1:5-9')
    expect((await fetch(`${bridge.url}nothing-here`)).status).toBe(404)
    expect((await fetch(bridge.url, { method: 'POST' })).status).toBe(405)
  })

  it('serves the static page, index.html for unknown paths, and nothing outside the directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wire-lab-static-'))
    fs.mkdirSync(path.join(dir, 'assets'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>wire-lab</title>')
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)')
    fs.writeFileSync(path.join(path.dirname(dir), 'secret.json'), '{"secret":true}')
    try {
      const bridge = await startTestBridge({ allow: [], staticDir: dir })
      const index = await fetch(bridge.url)
      expect(index.status).toBe(200)
      expect(index.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await index.text()).toContain('<title>wire-lab</title>')
      const js = await fetch(`${bridge.url}assets/app.js`)
      expect(js.headers.get('content-type')).toMatch(/javascript/)
      expect(await (await fetch(`${bridge.url}some/page`)).text()).toContain('<title>wire-lab')
      expect((await fetch(`${bridge.url}api/targets`)).headers.get('content-type')).toMatch(/json/)
      const secret = path.basename(dir) + '/../secret.json'
      for (const attempt of [
        '/../package.json',
        '/%2e%2e/package.json',
        '/%2E%2E/%2E%2E/package.json',
        '/assets/..%2f..%2fpackage.json',
        '/..%5c..%5cpackage.json',
        '/../secret.json',
        `/%2e%2e/${secret}`,
        '/%2e%2e%2fsecret.json',
        '//etc/passwd',
        '/assets/%00../../secret.json',
      ]) {
        const res = await rawGet(bridge.port, attempt)
        expect(res.body, attempt).not.toContain('secret')
        expect(res.body, attempt).not.toContain('"name": "wire-lab"')
        expect(res.body, attempt).not.toContain('root:')
        expect([200, 400, 404], attempt).toContain(res.status)
        if (res.status === 200) expect(res.body, attempt).toContain('<title>wire-lab</title>')
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.rmSync(path.join(path.dirname(dir), 'secret.json'), { force: true })
    }
  })

  it('survives a served file that disappeared since startup (dist/ rebuilt under it)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wire-lab-static-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<title>wire-lab</title>')
    fs.writeFileSync(path.join(dir, 'old.js'), 'gone soon')
    try {
      const bridge = await startTestBridge({ allow: [], staticDir: dir })
      fs.rmSync(path.join(dir, 'old.js'))
      const gone = await fetch(`${bridge.url}old.js`)
      expect(gone.status).toBe(404)
      expect(await gone.text()).toBe('not found\n')
      expect((await fetch(bridge.url)).status).toBe(200)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses WebSocket upgrades on other paths', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target] })
    await expect(Client.open(wsUrl(bridge, target.port, '/other'))).rejects.toThrow(/404/)
    expect(target.accepted).toBe(0)
  })
})

describe('refusals (no TCP connect is ever made)', () => {
  it('refuses a target that is not on the allow-list, naming it', async () => {
    const forbidden = await startTarget()
    const allowed = await startTarget()
    const bridge = await startTestBridge({ targets: [allowed] })
    for (const host of ['127.0.0.1', 'localhost', '127.1', '[::1]']) {
      const client = await Client.open(
        `ws://127.0.0.1:${bridge.port}/ws?target=${host}:${forbidden.port}`,
      )
      const { code, reason } = await client.closed()
      expect(code).toBe(CLOSE.TARGET_NOT_ALLOWED)
      expect(reason).toBe(`target "${host}:${forbidden.port}" is not allowed`)
      expect(client.received).toEqual([
        { kind: 'event', event: { type: 'refused', at: expect.any(Number), code, reason } },
      ])
    }
    const garbage = await Client.open(`ws://127.0.0.1:${bridge.port}/ws?target=%0Aevil`)
    expect((await garbage.closed()).code).toBe(CLOSE.TARGET_NOT_ALLOWED)
    expect(bridge.lines.every((l) => !l.includes('\n'))).toBe(true)
    // Ports next to an allowed one are not allowed either.
    const next = await Client.open(wsUrl(bridge, allowed.port + 1))
    expect((await next.closed()).code).toBe(CLOSE.TARGET_NOT_ALLOWED)
    // A barrier instead of a pause: the bridge dials an allowed target, and that connection arrives.
    expect(allowed.accepted).toBe(0)
    const barrier = await Client.open(wsUrl(bridge, allowed.port))
    await allowed.next()
    barrier.ws.close()
    expect(forbidden.accepted).toBe(0)
    expect(allowed.accepted).toBe(1)
  })

  it('refuses on / with the close code and reason only, no text frame', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(`ws://127.0.0.1:${bridge.port}/?target=127.0.0.1:1`)
    expect(await client.closed()).toEqual({
      code: CLOSE.TARGET_NOT_ALLOWED,
      reason: 'target "127.0.0.1:1" is not allowed',
    })
    expect(client.received).toEqual([])
  })

  it('refuses with NO_TARGET when neither the URL nor the bridge names one', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target] })
    const client = await Client.open(wsUrl(bridge))
    expect(await client.closed()).toEqual({
      code: CLOSE.NO_TARGET,
      reason: 'no target: add ?target=HOST:PORT to the URL',
    })
    expect(client.eventTypes).toEqual(['refused'])
    expect(target.accepted).toBe(0)
  })

  it('uses the default target when the URL names none', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({
      targets: [target],
      defaultTarget: `127.0.0.1:${target.port}`,
    })
    const client = await Client.open(wsUrl(bridge))
    expect(await client.event('connecting')).toMatchObject({ target: `127.0.0.1:${target.port}` })
    client.ws.send('hi')
    expect((await client.bytes(2)).toString()).toBe('hi')
  })

  it('refuses to start with a default target that is not allowed', async () => {
    await expect(
      startBridge({ port: 0, allow: [], defaultTarget: '127.0.0.1:22' }),
    ).rejects.toThrow(/not HOST:PORT on the allow-list/)
  })

  it('applies the Origin rule: none, same host, listed, or * pass; others are refused', async () => {
    const target = await startTarget()
    const strict = await startTestBridge({
      targets: [target],
      origins: ['http://192.168.1.10:5173'],
    })
    const url = wsUrl(strict, target.port)
    const opens = async (origin?: string) => {
      const client = await Client.open(url, origin === undefined ? {} : { origin })
      const first = await client.until(() => client.events.length > 0).then(() => client.events[0])
      client.ws.close()
      return first?.type === 'connecting'
    }
    expect(await opens()).toBe(true)
    expect(await opens(`http://127.0.0.1:${strict.port}`)).toBe(true)
    expect(await opens('http://192.168.1.10:5173')).toBe(true)
    expect(await opens('http://192.168.1.10:5174')).toBe(false)
    expect(await opens(`http://localhost:${strict.port}`)).toBe(false)
    expect(await opens('https://evil.example')).toBe(false)
    expect(await opens('null')).toBe(false)

    const refused = await Client.open(url, { origin: 'https://evil.example' })
    expect(await refused.closed()).toEqual({
      code: CLOSE.ORIGIN_NOT_ALLOWED,
      reason: 'origin "https://evil.example" is not allowed',
    })
    const open = await startTestBridge({ targets: [target], origins: ['*'] })
    const any = await Client.open(wsUrl(open, target.port), { origin: 'https://evil.example' })
    expect((await any.event('connected')).type).toBe('connected')
    await eventually(() => target.accepted === 4)
  })

  it('limits connections per client address, and makes room when one closes', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target], maxPerClient: 2 })
    const url = wsUrl(bridge, target.port)
    const first = await Client.open(url)
    const second = await Client.open(url)
    await Promise.all([first.event('connected'), second.event('connected')])
    const third = await Client.open(url)
    expect(await third.closed()).toEqual({
      code: CLOSE.TOO_MANY_CONNECTIONS,
      reason: 'too many connections from 127.0.0.1 (2 at most)',
    })
    expect(third.eventTypes).toEqual(['refused'])
    first.ws.close()
    await eventually(() => bridge.connections === 1)
    await (await Client.open(url)).event('connected')
    expect(target.accepted).toBe(3)
  })

  it('limits connections in total, whatever the address', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({
      targets: [target],
      host: '::',
      maxPerClient: 2,
      maxConnections: 3,
    })
    const v4 = `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`
    const v6 = `ws://[::1]:${bridge.port}/ws?target=127.0.0.1:${target.port}`
    const clients = [await Client.open(v4), await Client.open(v4), await Client.open(v6)]
    await Promise.all(clients.map((c) => c.event('connected')))
    const fourth = await Client.open(v6)
    expect(await fourth.closed()).toEqual({
      code: CLOSE.TOO_MANY_CONNECTIONS,
      reason: 'too many connections (3 at most)',
    })
    expect(target.accepted).toBe(3)
  })
})
