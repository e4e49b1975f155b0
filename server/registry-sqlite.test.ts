// The registry in a data file: every change survives a reopen, answers match memory byte for byte,
// the server keeps and releases its file, and one file holds many workspaces with their limits.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { FIELDS, LESSON_SCENARIO, type FieldName } from '../shared/protocol.ts'
import { FramedClient } from '../test-support/framed-client.ts'
import { explanationOf } from '../test-support/requests.ts'
import { answerMessage, handleRequest, type Reply } from './handle.ts'
import { MemoryRegistry, type Registry } from './registry.ts'
import { openSqliteData, openSqliteRegistry } from './registry-sqlite.ts'
import { UNUSUAL, useDataDir } from './registry-test-helpers.ts'
import { startServer } from './server.ts'
import { Workspaces } from './workspaces.ts'

/** A reply's code and EXPLICAÇÃO, read back from its bytes. */
const view = (r: Reply) => ({ code: r.code, explanation: explanationOf(r.text) })
const utf8 = (s: string) => new TextEncoder().encode(s)
const data = useDataDir()

describe('SqliteRegistry on disk', () => {
  test('every change is there after close and reopen', () => {
    const file = data.path('reopen.db')
    const r = data.track(openSqliteRegistry(file))
    for (const email of UNUSUAL) r.create(email)
    r.update('__proto__', 'Nome', 'Proto')
    r.update('joão@exemplo.com.br', 'Email', 'joao@exemplo.com.br')
    r.update('\ud800', 'Telefone', '\udfff')
    r.remove('')
    r.close()
    const again = data.track(openSqliteRegistry(file))
    expect(again.size).toBe(UNUSUAL.length - 1)
    expect(again.get('__proto__')).toEqual({
      Nome: 'Proto',
      Endereço: null,
      Telefone: null,
      Email: '__proto__',
    })
    expect(again.has('joão@exemplo.com.br')).toBe(false)
    expect(again.get('joao@exemplo.com.br')?.Email).toBe('joao@exemplo.com.br')
    expect(again.get('\ud800')?.Telefone).toBe('\udfff')
    expect(again.get('a\u0000b')?.Email).toBe('a\u0000b')
    expect(again.get('x'.repeat(70_000))?.Email).toHaveLength(70_000)
    expect(again.has('')).toBe(false)
  })

  test("the lesson's scenario gives the same bytes as the in-memory registry", () => {
    const memory = new MemoryRegistry()
    const sqlite = data.openNew()
    const answers = (registry: Registry) =>
      LESSON_SCENARIO.map((request) => {
        const wire = new TextEncoder().encode(JSON.stringify(request))
        return answerMessage(wire, registry, 'lesson').text
      })
    const fromSqlite = answers(sqlite)
    expect(fromSqlite).toEqual(answers(memory))
    // PROTOCOL.md's eighth answer: the record, keys in its order.
    expect(fromSqlite[7]).toBe(
      String.raw`{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": {"Nome": "Cabron", "Endere\u00e7o": null, "Telefone": "3218181", "Email": "meu@gmail.com"}}`,
    )
  })

  test('random request sequences get byte-identical answers from both registries, before and after reopen', () => {
    // Small pieces, so emails collide often; lone surrogates and NUL included.
    const piece = fc.constantFrom('a', 'ç', '😀', '\ud800', '\udc00', '\u0000', '__proto__', '@')
    const text = fc.string({ unit: piece, maxLength: 3 })
    const request = fc.record({
      SERVIÇO: fc.constant('Dados Pessoais'),
      AÇÃO: fc.constantFrom(
        'CRIAR USUARIO',
        'CONSULTAR USUARIO',
        'MODIFICAR USUARIO',
        'REMOVER USUARIO',
      ),
      EMAIL_USUARIO: text,
      CAMPO: fc.constantFrom<FieldName>(...FIELDS),
      VALOR: text,
    })
    let checked = 0
    fc.assert(
      fc.property(fc.array(request, { minLength: 5, maxLength: 50 }), (requests) => {
        const memory = new MemoryRegistry()
        const file = data.path()
        const sqlite = openSqliteRegistry(file)
        try {
          for (const r of requests) {
            expect(handleRequest(r, sqlite, 'http').text).toBe(
              handleRequest(r, memory, 'http').text,
            )
            checked++
          }
        } finally {
          sqlite.close()
        }
        const again = openSqliteRegistry(file)
        try {
          expect(again.size).toBe(memory.size)
          for (const r of requests) {
            for (const email of [r.EMAIL_USUARIO, r.VALOR]) {
              expect(JSON.stringify(again.get(email))).toBe(JSON.stringify(memory.get(email)))
            }
          }
        } finally {
          again.close()
        }
      }),
      { numRuns: 60 },
    )
    expect(checked).toBeGreaterThan(60 * 5)
  })
})

test('startServer({ dataFile }) keeps users in the file, and close() releases it', async () => {
  const file = data.path('server.db')
  const ports = { json: 0, ndjson: 0, length: 0, naive: 0 }
  const create = { SERVIÇO: 'Dados Pessoais', AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: 'eu@gmail.com' }
  const server = await startServer({ ports, dataFile: file })
  const client = await FramedClient.connect(server.ports.ndjson, 'ndjson')
  expect(await client.request(create)).toMatchObject({ 'CODIGO DE ERRO': '200' })
  client.end()
  await server.close()
  // The server held the file exclusively; after close() it can be opened again.
  const again = await startServer({ ports, dataFile: file })
  try {
    expect(again.registry.get('eu@gmail.com')).toMatchObject({ Email: 'eu@gmail.com' })
  } finally {
    await again.close()
  }
})

describe('workspaces in one data file', () => {
  test('two workspaces keep the same email apart, across close and reopen', () => {
    const file = data.path('two.db')
    const two = data.track(openSqliteData(file))
    const a = two.open('ip:192.168.0.23')
    const g = two.open('group:grupo-3')
    a.create('eu@gmail.com')
    a.update('eu@gmail.com', 'Nome', 'Ana')
    a.create('b')
    g.create('eu@gmail.com')
    g.update('eu@gmail.com', 'Nome', 'Gil')
    // A rename is one UPDATE in its own workspace: the other's eu@gmail.com stays.
    a.update('eu@gmail.com', 'Email', 'meu@gmail.com')
    expect(g.get('eu@gmail.com')?.Nome).toBe('Gil')
    expect(g.remove('b')).toBe(false)
    two.close()

    const again = data.track(openSqliteData(file))
    expect(again.keys()).toEqual(['group:grupo-3', 'ip:192.168.0.23'])
    expect(again.size).toBe(3)
    expect(again.open('ip:192.168.0.23').get('meu@gmail.com')?.Nome).toBe('Ana')
    expect(again.open('ip:192.168.0.23').has('eu@gmail.com')).toBe(false)
    expect(again.open('group:grupo-3').get('eu@gmail.com')?.Nome).toBe('Gil')
    expect(again.open('group:grupo-3').size).toBe(1)
    expect(again.open('ip:10.9.9.9').size).toBe(0)
  })

  test("Workspaces over the file: each computer gets the lesson's answers, and they persist", () => {
    const file = data.path('class.db')
    const run = (workspaces: Workspaces, key: string) =>
      LESSON_SCENARIO.slice(0, 3).map(
        (request) =>
          answerMessage(utf8(JSON.stringify(request)), workspaces.enter(key), 'lesson').text,
      )
    const memory = run(new Workspaces(), 'ip:10.0.0.1')
    const store = data.track(openSqliteData(file))
    const workspaces = new Workspaces({ store })
    expect(run(workspaces, 'ip:10.0.0.1')).toEqual(memory)
    expect(run(workspaces, 'ip:10.0.0.2')).toEqual(memory)
    store.close()
    const again = new Workspaces({ store: data.track(openSqliteData(file)) })
    expect(again.list()).toEqual([
      { key: 'ip:10.0.0.1', users: 1, connections: 0 },
      { key: 'ip:10.0.0.2', users: 1, connections: 0 },
    ])
    expect(again.enter('ip:10.0.0.2').get('meu@gmail.com')).toMatchObject({ Nome: null })
  })

  test("limits: a file's workspaces count from the start; users per workspace", () => {
    const file = data.path('limits.db')
    const first = data.track(openSqliteData(file))
    first.open('ip:10.0.0.1').create('a')
    first.open('ip:10.0.0.2').create('b')
    first.close()
    const workspaces = new Workspaces({
      store: data.track(openSqliteData(file)),
      maxWorkspaces: 2,
      maxUsers: 2,
    })
    const ask = (key: string, email: string) =>
      handleRequest(
        { SERVIÇO: 'Dados Pessoais', AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email },
        workspaces.enter(key),
        'http',
      )
    expect(view(ask('ip:10.0.0.3', 'c'))).toMatchObject({
      code: '507',
      explanation: expect.stringMatching(/^Limite de 2 espaços de trabalho/),
    })
    expect(ask('ip:10.0.0.1', 'a2').code).toBe('200')
    expect(view(ask('ip:10.0.0.1', 'a3'))).toMatchObject({
      code: '507',
      explanation: expect.stringMatching(/^Limite de 2 usuários/),
    })
    // The last user of a workspace leaving frees its slot, in the file too.
    workspaces.enter('ip:10.0.0.2').remove('b')
    expect(ask('ip:10.0.0.3', 'c').code).toBe('200')
  })
})
