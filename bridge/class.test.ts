// The teacher's view from the bridge's side: gists of each relay, the key, the stream, and PROXY headers.
import http from 'node:http'
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ClassSnapshot, Exchange } from '../shared/class-protocol.ts'
import { CLOSE } from '../shared/bridge-constants.ts'
import { ProxyV2Reader } from '../shared/proxy-v2.ts'
import { answerCode } from './class-gist.ts'
import { ClassMonitor } from './class-monitor.ts'
import { Changes } from '../test-support/changes.ts'
import { Client, cleanup, eventually, startTarget, startTestBridge } from './test-helpers.ts'

afterEach(cleanup)

const enc = (s: string) => new TextEncoder().encode(s)
const answer = (code: string, text: string) =>
  enc(`{"CODIGO DE ERRO": "${code}", "EXPLICA\\u00c7\\u00c3O": "${text}"}`)

describe('the gist of an answer', () => {
  it('reads the code from json.dumps bytes at once, from any JSON otherwise, and ? for the rest', () => {
    expect(answerCode(answer('404', 'x'))).toBe('404')
    expect(answerCode(enc('{"CODIGO DE ERRO":"200","EXPLICAÇÃO":"compact"}'))).toBe('200')
    expect(answerCode(enc('{"EXPLICAÇÃO": "x", "CODIGO DE ERRO": "507"}'))).toBe('507')
    expect(answerCode(enc('{"CODIGO DE ERRO": "12345678901"}'))).toBe('12345678901')
    expect(answerCode(enc('hello'))).toBe('?')
    expect(answerCode(enc('{"CODIGO DE ERRO": 200}'))).toBe('?')
  })
})

describe('ClassMonitor', () => {
  it('reads requests and answers into gists, a tally and a feed, whatever the chunking', async () => {
    const monitor = new ClassMonitor({ now: () => 1_000 })
    const tap = monitor.watch({ address: '10.0.0.7', target: '127.0.0.1:3213', framing: 'json' })
    const request = enc(
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a@b"}',
    )
    for (const byte of request) tap.sent(Uint8Array.of(byte))
    tap.received(answer('200', 'Novo usu\\u00e1rio registrado com email:a@b'))
    const second = enc(
      '{"AÇÃO": "REMOVER USUARIO", "EMAIL_USUARIO": "x@y", "SERVIÇO": "Dados Pessoais"}',
    )
    tap.sent(second)
    const refusal = answer('404', 'Usu\\u00e1rio n\\u00e3o registrado:x@y')
    tap.received(refusal.subarray(0, 10))
    tap.received(refusal.subarray(10))
    const snap = ClassSnapshot.parse(monitor.snapshot())
    const [c] = snap.connections
    expect(c).toMatchObject({
      address: '10.0.0.7',
      workspace: 'ip:10.0.0.7',
      requests: 2,
      answers: { '200': 1, '404': 1 },
      lastRequest: { text: 'REMOVER USUARIO x@y' },
      lastAnswer: { code: '404', text: 'Usuário não registrado:x@y' },
      lastError: { kind: 'answer', code: '404', text: 'Usuário não registrado:x@y' },
      bytes: { toTarget: request.length + second.length, fromTarget: expect.any(Number) },
    })
    expect(snap.tally).toEqual({ '200': 1, '404': 1 })
    expect(snap.feed.map((f) => f.kind)).toEqual([
      'connected',
      'request',
      'answer',
      'request',
      'answer',
    ])
  })

  it('keeps a bounded history, counts what it dropped, and still counts every answer', () => {
    const monitor = new ClassMonitor({ historyBytes: 1_000 })
    const tap = monitor.watch({ address: '10.0.0.8', target: 't:1', framing: 'ndjson' })
    for (let i = 0; i < 100; i++) {
      tap.received(enc(`{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "r${i}"}\n`))
    }
    const exchange = Exchange.parse(monitor.exchange(1))
    const held = exchange.items.reduce((n, i) => n + (i.kind === 'data' ? i.hex.length / 2 : 0), 0)
    expect(held).toBeLessThanOrEqual(1_000)
    expect(exchange.dropped.items + exchange.items.length).toBe(100)
    expect(exchange.connection.answers).toEqual({ '200': 100 })
  })

  it('remembers ended connections, and how they ended when it was not the page', () => {
    const monitor = new ClassMonitor({ keepEnded: 1 })
    const bytes = { toTarget: 0, fromTarget: 0 }
    const a = monitor.watch({ address: '10.0.0.1', target: 't:1' })
    a.event({ type: 'closed', at: 5, code: 4001, reason: 'target reset the connection', bytes })
    const b = monitor.watch({ address: '10.0.0.2', group: 'grupo-3', target: 't:1' })
    b.event({ type: 'closed', at: 5, code: 1000, reason: '', bytes })
    const snap = monitor.snapshot()
    expect(snap.connections).toHaveLength(1)
    expect(snap.connections[0]).toMatchObject({ workspace: 'group:grupo-3', ended: { code: 1000 } })
    expect(snap.connections[0]!.lastError).toBeUndefined()
    expect(snap.feed.filter((f) => f.kind === 'closed').map((f) => f.text)).toEqual([
      '4001 target reset the connection',
      '1000 ',
    ])
  })
})

/** GET with node:http; resolves with the status and parsed JSON body. */
function getJson(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }))
      })
      .on('error', reject)
  })
}

describe('the class API', () => {
  it('refuses without the key, and shows the teacher every relay and its exchange with it', async () => {
    const target = await startTarget((s) => s.on('data', () => s.write(answer('200', 'ok'))))
    const bridge = await startTestBridge({
      allow: [{ host: '127.0.0.1', from: target.port, to: target.port, framing: 'json' }],
      classroom: { key: 'k3y' },
    })
    const api = `http://127.0.0.1:${bridge.port}/api/class`
    for (const url of [api, `${api}?key=wrong`, `${api}/events`, `${api}/exchange/1`]) {
      expect((await getJson(url)).status, url).toBe(401)
    }
    const student = await Client.open(
      `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}&group=Grupo-3&client=tab1-A`,
      { localAddress: '127.0.0.5' },
    )
    await student.event('connected')
    student.ws.send('{"AÇÃO": "CRIAR USUARIO"}')
    // The relay shows the teacher each chunk before the page gets it, and a snapshot reads what is
    // unread: once the page has the whole answer, the API has it too.
    await student.bytes(answer('200', 'ok').length)
    const snap = ClassSnapshot.parse((await getJson(`${api}?key=k3y`)).body)
    expect(snap.connections[0]).toMatchObject({
      address: '127.0.0.5',
      group: 'grupo-3',
      client: 'tab1-A',
      requests: 1,
      lastRequest: { text: 'CRIAR USUARIO' },
      answers: { '200': 1 },
    })
    const byHeader = await getJson(`${api}/exchange/1`, { Authorization: 'Bearer k3y' })
    const exchange = Exchange.parse(byHeader.body)
    expect(exchange.items.map((i) => (i.kind === 'event' ? i.event.type : i.dir))).toEqual([
      'connecting',
      'connected',
      'sent',
      'received',
    ])
    expect((await getJson(`${api}/exchange/99?key=k3y`)).status).toBe(404)
  })

  it('streams a snapshot at once and another when the class changes', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target], classroom: { key: 'k' } })
    const snapshots: ClassSnapshot[] = []
    const news = new Changes()
    const req = http.get(`http://127.0.0.1:${bridge.port}/api/class/events?key=k`, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
      let buffered = ''
      res.on('data', (d) => {
        buffered += d
        for (const m of buffered.matchAll(/^event: snapshot\ndata: (.*)\n\n/gm)) {
          snapshots.push(ClassSnapshot.parse(JSON.parse(m[1]!)))
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n\n') + 2)
        news.changed()
      })
    })
    req.on('error', () => {})
    await news.until(() => snapshots.length === 1)
    expect(snapshots[0]!.connections).toEqual([])
    const student = await Client.open(
      `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`,
    )
    await student.event('connected')
    await news.until(() => snapshots.at(-1)!.connections.length === 1)
    req.destroy()
  })
})

describe('PROXY v2 to the bundled server', () => {
  it('introduces the page to proxyTo targets only, before its bytes, and tells the page', async () => {
    const heard: Uint8Array[] = []
    const hearing = new Changes()
    const hear = (s: Socket) =>
      s.on('data', (d: Buffer) => {
        heard.push(d)
        hearing.changed()
      })
    const bundled = await startTarget(hear)
    const own = await startTarget(hear)
    const bridge = await startTestBridge({
      targets: [bundled, own],
      proxyTo: [`127.0.0.1:${bundled.port}`],
    })
    const page = await Client.open(
      `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${bundled.port}&group=grupo-3`,
      { localAddress: '127.0.0.9' },
    )
    const proxy = await page.event('proxy')
    page.ws.send('{}')
    await hearing.until(() => Buffer.concat(heard).length === proxy.hex.length / 2 + 2)
    const read = new ProxyV2Reader().push(Buffer.concat(heard))
    expect(read).toMatchObject({
      type: 'header',
      source: { address: '127.0.0.9', port: page.ws.url ? expect.any(Number) : 0 },
      destination: { address: '127.0.0.1', port: bridge.port },
      group: 'grupo-3',
    })
    expect(read.type === 'header' && new TextDecoder().decode(read.rest)).toBe('{}')
    expect(proxy).toMatchObject({ source: { address: '127.0.0.9' }, group: 'grupo-3' })

    heard.length = 0
    const other = await Client.open(`ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${own.port}`)
    await other.event('connected')
    other.ws.send('{}')
    await hearing.until(() => Buffer.concat(heard).toString() === '{}')
    expect(other.eventTypes).not.toContain('proxy')
  })

  it('refuses a group or client id that is not a name', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target] })
    for (const query of ['group=Grupo%203', 'group=' + 'x'.repeat(33), 'client=a%20b']) {
      const c = await Client.open(
        `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}&${query}`,
      )
      expect((await c.closed()).code, query).toBe(CLOSE.BAD_NAME)
    }
    expect(target.accepted).toBe(0)
  })
})

describe('the teacher hears of every ending', () => {
  it('a page that closes its own side, or vanishes, is shown ended', async () => {
    const target = await startTarget()
    const bridge = await startTestBridge({ targets: [target], classroom: { key: 'k' } })
    const url = `ws://127.0.0.1:${bridge.port}/ws?target=127.0.0.1:${target.port}`
    const polite = await Client.open(url)
    await polite.event('connected')
    const rude = await Client.open(url)
    await rude.event('connected')
    polite.ws.close(1000)
    rude.ws.terminate()
    await eventually(() => bridge.monitor!.snapshot().connections.every((c) => c.ended))
    const ended = bridge.monitor!.snapshot().connections.map((c) => c.ended?.code)
    expect(ended.sort()).toEqual([1000, 1006])
  })
})
