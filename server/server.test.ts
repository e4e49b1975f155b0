import { once } from 'node:events'
import net from 'node:net'
import { describe, expect, test } from 'vitest'
import { FRAMINGS } from '../shared/framing.ts'
import { LESSON_SCENARIO } from '../shared/protocol.ts'
import { MemoryRegistry } from './registry.ts'
import { startServer } from './server.ts'
import { ANY_PORTS, nextAccepted, useTestServer } from './test-server.ts'

const lab = useTestServer()
const start = lab.start.bind(lab)
const connect = lab.connect.bind(lab)

const DP = 'Dados Pessoais'
const create = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email })
const read = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email })
const CODES = ['404', '200', '200', '404', '200', '200', '200', '200', '200', '404']

describe.each(FRAMINGS)('%s port', (framing) => {
  test("answers the lesson's scenario, one request at a time", async () => {
    await start()
    const c = await connect(framing)
    const codes = []
    for (const request of LESSON_SCENARIO) {
      codes.push(((await c.request(request)) as Record<string, string>)['CODIGO DE ERRO'])
    }
    expect(codes).toEqual(CODES)
  })

  test('bad input gets a 400 and the connection goes on', async () => {
    await start()
    const c = await connect(framing)
    const bad =
      framing === 'length'
        ? Buffer.from([0, 0, 0, 4, 0x7b, 0x6e, 0x6f, 0x7d])
        : '{no}' + (framing === 'ndjson' ? '\n' : '')
    c.sendRaw(bad)
    expect(await c.nextJson()).toEqual([
      { 'CODIGO DE ERRO': '400', EXPLICAÇÃO: expect.stringContaining('JSON válido') },
    ])
    expect(await c.request(create('a@b'))).toMatchObject({ 'CODIGO DE ERRO': '200' })
  })
})

test('a registry that fails costs its message a 500, not the process or the next message', async () => {
  // A registry whose writes fail, as a --data file on a full disk would.
  const registry = new MemoryRegistry()
  registry.create = () => {
    throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' })
  }
  const lines: string[] = []
  const faults: Error[] = []
  await start({ registry, log: (l) => lines.push(l), onFault: (e) => faults.push(e) })
  const c = await connect('ndjson')
  c.sendRaw(JSON.stringify(create('full@disk')) + '\n' + JSON.stringify(read('full@disk')) + '\n')
  expect(await c.nextJson(2)).toEqual([
    {
      'CODIGO DE ERRO': '500',
      EXPLICAÇÃO: 'Erro interno do servidor ao tratar esta mensagem; nada foi alterado',
    },
    { 'CODIGO DE ERRO': '404', EXPLICAÇÃO: 'Usuário não registrado:full@disk' },
  ])
  expect(lines.some((l) => l.includes('internal error: disk full'))).toBe(true)
  // Told apart from the log too, so --quiet does not hide it.
  expect(faults.map((e) => e.message)).toEqual(['disk full'])
})

describe.each(['json', 'ndjson', 'length'] as const)('%s port pipelining', (framing) => {
  test('many requests in one write get their answers in order', async () => {
    await start()
    const c = await connect(framing)
    c.socket.cork()
    for (let i = 0; i < 200; i++) c.send(i % 2 === 0 ? create(`u${i}`) : read(`u${i - 1}`))
    c.socket.uncork()
    const answers = (await c.nextJson(200)) as Record<string, unknown>[]
    answers.forEach((a, i) => {
      expect(a['CODIGO DE ERRO']).toBe('200')
      if (i % 2 === 1) expect(a['EXPLICAÇÃO']).toMatchObject({ Email: `u${i - 1}` })
    })
  })
})

test('the naive port fails the way the lesson does: two messages in one read are one bad message', async () => {
  await start()
  const c = await connect('naive')
  c.sendRaw(JSON.stringify(create('a@b')) + JSON.stringify(read('a@b')))
  expect(await c.nextJson()).toEqual([
    { 'CODIGO DE ERRO': '400', EXPLICAÇÃO: expect.stringContaining('JSON válido') },
  ])
})

test('the json port finds both messages in one read, and one split over reads', async () => {
  await start()
  const c = await connect('json')
  const a = JSON.stringify(create('a@b'))
  c.sendRaw(a + JSON.stringify(read('a@b')) + a.slice(0, 9))
  // The first two answers show the server has read the first write: the rest is another read.
  const answers = await c.nextJson(2)
  c.sendRaw(a.slice(9))
  answers.push(...(await c.nextJson(1)))
  const codes = (answers as Record<string, string>[]).map((x) => x['CODIGO DE ERRO'])
  expect(codes).toEqual(['200', '200', '404'])
})

describe('json port: one 400 per run of garbage (PROTOCOL.md)', () => {
  const garbage = (bytes: number) => ({
    'CODIGO DE ERRO': '400',
    EXPLICAÇÃO: `${bytes} byte(s) que não iniciam um valor JSON foram descartados; uma mensagem começa com { ou [`,
  })

  test('a run cut across writes gets one answer, when a { ends it', async () => {
    await start()
    // Each piece is read on the server's side before the next is written: the run is cut across reads.
    const accepted = nextAccepted()
    const c = await connect('json')
    const side = await accepted
    for (const piece of ['o', 'l', 'á ']) {
      const read = once(side, 'data')
      c.sendRaw(piece)
      expect(String(...(await read))).toBe(piece)
    }
    c.sendRaw(JSON.stringify(create('a@b')))
    expect(await c.nextJson(2)).toEqual([
      garbage(5),
      { 'CODIGO DE ERRO': '200', EXPLICAÇÃO: 'Novo usuário registrado com email:a@b' },
    ])
  })

  test('a client that goes quiet mid-run is answered after a short pause, and can go on', async () => {
    await start()
    const c = await connect('json')
    const sent = Date.now()
    c.sendRaw('oi\n')
    expect(await c.nextJson()).toEqual([garbage(3)])
    expect(Date.now() - sent).toBeGreaterThanOrEqual(90)
    c.sendRaw('tchau')
    expect(await c.nextJson()).toEqual([garbage(5)])
    expect(await c.request(create('a@b'))).toMatchObject({ 'CODIGO DE ERRO': '200' })
  })

  test('a run left open at half-close is answered before the server closes', async () => {
    await start()
    const c = await connect('json')
    c.sendRaw('abc')
    c.end()
    expect(await c.nextJson()).toEqual([garbage(3)])
    await c.closed
  })
})

describe('many clients', () => {
  test('share one registry, and the listener stays up after clients leave', async () => {
    await start()
    const a = await connect('json')
    const b = await connect('ndjson')
    expect(await a.request(create('x@y'))).toMatchObject({ 'CODIGO DE ERRO': '200' })
    expect(await b.request(read('x@y'))).toMatchObject({ EXPLICAÇÃO: { Email: 'x@y' } })
    a.end()
    await a.closed
    const c = await connect('json')
    expect(await c.request(read('x@y'))).toMatchObject({ 'CODIGO DE ERRO': '200' })
  })

  test("one client's garbage, reset or oversize message never affects another", async () => {
    await start({ maxMessage: 1024 })
    const good = await connect('json')
    const bad = await connect('json')
    const resetter = await connect('length')
    bad.sendRaw(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28]))
    resetter.sendRaw(Buffer.from([0, 0, 0, 100, 0x7b]))
    resetter.socket.resetAndDestroy()
    bad.sendRaw('{"x": "' + 'a'.repeat(2000))
    await bad.closed
    for (let i = 0; i < 20; i++)
      expect(await good.request(create(`g${i}`))).toMatchObject({ 'CODIGO DE ERRO': '200' })
    expect(lab.server.registry.size).toBe(20)
  })
})

describe('limits and endings', () => {
  // Each of these gets one answer saying why, then the server closes the connection.
  test.each([
    [
      'json: an oversize message gets 413, then the connection closes',
      { maxMessage: 100 },
      ['json', '{"x": "' + 'a'.repeat(500) + '"}'],
      ['413', 'Mensagem excede o limite de 100 bytes; a conexão será encerrada'],
    ],
    [
      'a peer that half-closes mid-message gets a 400 naming it, then the server closes',
      {},
      ['json', '{"SERVIÇO": "Dados', 'half-close'],
      ['400', 'A conexão foi encerrada no meio de uma mensagem (19 bytes sem terminar)'],
    ],
    [
      'an idle client is told why, then closed',
      { idleTimeoutMs: 150 },
      // Bytes trickling in are not a complete message.
      ['ndjson', '{"SERVI'],
      ['408', 'Conexão encerrada pelo servidor após 0.15 s sem mensagens completas'],
    ],
  ] as const)('%s', async (_name, options, [framing, bytes, end], [code, why]) => {
    await start(options)
    const c = await connect(framing)
    c.sendRaw(bytes)
    if (end === 'half-close') c.end()
    expect(await c.nextJson()).toEqual([{ 'CODIGO DE ERRO': code, EXPLICAÇÃO: why }])
    await c.closed
  })

  test('json: an oversize request the fast path could read still gets 413', async () => {
    await start({ maxMessage: 100 })
    const c = await connect('json')
    c.sendRaw(JSON.stringify(create('a'.repeat(100) + '@b')))
    expect(await c.nextJson()).toMatchObject([{ 'CODIGO DE ERRO': '413' }])
    await c.closed
  })

  test('json: 413 comes as soon as the limit is crossed, before the message ends', async () => {
    await start({ maxMessage: 100 })
    const c = await connect('json')
    c.sendRaw('{"x": "' + 'a'.repeat(500))
    expect(await c.nextJson()).toMatchObject([{ 'CODIGO DE ERRO': '413' }])
  })

  test('ndjson and length: 413, the rest is skipped, and the connection goes on', async () => {
    await start({ maxMessage: 100 })
    const n = await connect('ndjson')
    n.sendRaw('{"x": "' + 'a'.repeat(500) + '"}\n')
    n.send(create('n@n'))
    expect(
      ((await n.nextJson(2)) as Record<string, string>[]).map((a) => a['CODIGO DE ERRO']),
    ).toEqual(['413', '200'])
    const l = await connect('length')
    l.sendRaw(Buffer.concat([Buffer.from([0, 0, 2, 0]), Buffer.alloc(512, 0x61)]))
    l.send(create('l@l'))
    expect(
      ((await l.nextJson(2)) as Record<string, string>[]).map((a) => a['CODIGO DE ERRO']),
    ).toEqual(['413', '200'])
  })

  test('a peer that half-closes after complete messages still gets every answer', async () => {
    await start()
    const c = await connect('ndjson')
    c.send(create('h@h'))
    c.send(read('h@h'))
    c.end()
    expect(await c.nextJson(2)).toHaveLength(2)
    await c.closed
  })

  test('past max connections, a client gets 503 and is closed; the others go on', async () => {
    await start({ maxConnections: 2 })
    const a = await connect('json')
    await connect('length')
    const third = await connect('ndjson')
    expect(await third.nextJson()).toEqual([
      {
        'CODIGO DE ERRO': '503',
        EXPLICAÇÃO: 'Servidor lotado: limite de 2 conexões atingido; tente mais tarde',
      },
    ])
    await third.closed
    expect(await a.request(create('a@a'))).toMatchObject({ 'CODIGO DE ERRO': '200' })
  })

  test('close() ends connected clients and frees the ports', async () => {
    const s = await start()
    const c = await connect('json')
    await s.close()
    await c.closed
    await expect(
      new Promise((resolve, reject) =>
        net.connect(s.ports.json, '127.0.0.1').on('connect', resolve).on('error', reject),
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  test('a port in use is a clear error', async () => {
    const s = await start()
    await expect(
      startServer({ ports: { ...ANY_PORTS, ndjson: s.ports.ndjson } }),
    ).rejects.toMatchObject({ code: 'WL_ERR_PORT_IN_USE', framing: 'ndjson' })
  })

  test('one log line per request with peer, bytes and code', async () => {
    const lines: string[] = []
    await start({ log: (l) => lines.push(l) })
    const c = await connect('ndjson')
    await c.request(create('log@x'))
    expect(lines.find((l) => l.includes('CRIAR'))).toMatch(
      /ndjson 127\.0\.0\.1:\d+ \[ip:127\.0\.0\.1\] in=\d+B out=\d+B 200 CRIAR USUARIO$/,
    )
  })
})
