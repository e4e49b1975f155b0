import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { FIELDS, LESSON_SCENARIO, type FieldName } from '../shared/protocol.ts'
import { FramedClient } from '../test-support/framed-client.ts'
import { answerMessage, handleRequest } from './handle.ts'
import { MemoryRegistry, type Registry } from './registry.ts'
import {
  openSqliteData,
  openSqliteRegistry,
  type SoleSqliteRegistry,
  type SqliteData,
} from './registry-sqlite.ts'
import { startServer } from './server.ts'
import { Workspaces } from './workspaces.ts'
import { explanationOf } from '../test-support/requests.ts'
import type { Reply } from './handle.ts'

/** A reply's code and EXPLICAÇÃO, read back from its bytes. */
const view = (r: Reply) => ({ code: r.code, explanation: explanationOf(r.text) })

const utf8 = (s: string) => new TextEncoder().encode(s)
const dir = mkdtempSync(join(tmpdir(), 'wire-lab-registry-'))
let files = 0
const opened: { close(): void }[] = []

/** A new data file in the test's temp dir, opened; closed after each test. */
function openNew(): SoleSqliteRegistry {
  return track(openSqliteRegistry(join(dir, `r${++files}.db`)))
}
function track<T extends { close(): void }>(file: T): T {
  opened.push(file)
  return file
}
/** A workspace's registry as a connection gets it, over memory or a new data file. */
function workspaceView(data?: SqliteData) {
  return new Workspaces(data === undefined ? {} : { store: track(data) }).enter('ip:10.0.0.1')
}
afterEach(() => {
  for (const r of opened.splice(0)) r.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const UNUSUAL = [
  '__proto__',
  'constructor',
  '',
  ' eu@gmail.com ',
  'EU@gmail.com',
  'joão@exemplo.com.br',
  '😀@emoji',
  'a\u0000b',
  '\ud800',
  '\udc00',
  '\ud800\udc00',
  'x'.repeat(70_000),
]

describe.each([
  ['MemoryRegistry', (): Registry => new MemoryRegistry()],
  ['SqliteRegistry', (): Registry => openNew()],
  ['WorkspaceRegistry over memory', (): Registry => workspaceView()],
  [
    'WorkspaceRegistry over a data file',
    (): Registry => workspaceView(openSqliteData(join(dir, `w${++files}.db`))),
  ],
])('%s', (_name, make) => {
  test('create gives an empty record keyed by its email; get and has find it', () => {
    const r = make()
    expect(r.get('eu@gmail.com')).toBeUndefined()
    expect(r.has('eu@gmail.com')).toBe(false)
    expect(r.create('eu@gmail.com')).toEqual({
      Nome: null,
      Endereço: null,
      Telefone: null,
      Email: 'eu@gmail.com',
    })
    expect(r.has('eu@gmail.com')).toBe(true)
    expect(Object.keys(r.get('eu@gmail.com')!)).toEqual([...FIELDS])
    expect(r.size).toBe(1)
  })

  test('remove deletes once', () => {
    const r = make()
    r.create('a')
    r.create('b')
    expect(r.remove('a')).toBe(true)
    expect(r.remove('a')).toBe(false)
    expect(r.get('a')).toBeUndefined()
    expect(r.size).toBe(1)
  })

  test('update sets one field and keeps the key order', () => {
    const r = make()
    r.create('eu')
    r.update('eu', 'Telefone', '3218181')
    r.update('eu', 'Nome', 'Cabron')
    r.update('eu', 'Endereço', 'Rua Ç, 1')
    const record = r.get('eu')!
    expect(record).toEqual({
      Nome: 'Cabron',
      Endereço: 'Rua Ç, 1',
      Telefone: '3218181',
      Email: 'eu',
    })
    expect(Object.keys(record)).toEqual([...FIELDS])
  })

  test('update of Email moves the record to the new key with its fields', () => {
    const r = make()
    r.create('eu@gmail.com')
    r.update('eu@gmail.com', 'Nome', 'Ana')
    r.update('eu@gmail.com', 'Email', 'meu@gmail.com')
    expect(r.has('eu@gmail.com')).toBe(false)
    expect(r.get('meu@gmail.com')).toEqual({
      Nome: 'Ana',
      Endereço: null,
      Telefone: null,
      Email: 'meu@gmail.com',
    })
    expect(r.size).toBe(1)
  })

  test('update of Email to the same email keeps the user', () => {
    const r = make()
    r.create('eu')
    r.update('eu', 'Email', 'eu')
    expect(r.get('eu')).toMatchObject({ Email: 'eu' })
    expect(r.size).toBe(1)
  })

  // handle.ts refuses these first; the registry itself accepts them as the Map does.
  test('create over a user and rename onto a user overwrite it, as Map.set does', () => {
    const r = make()
    r.create('a')
    r.update('a', 'Nome', 'A')
    r.create('a')
    expect(r.get('a')).toEqual({ Nome: null, Endereço: null, Telefone: null, Email: 'a' })
    r.update('a', 'Nome', 'A')
    r.create('b')
    r.update('a', 'Email', 'b')
    expect(r.get('b')).toEqual({ Nome: 'A', Endereço: null, Telefone: null, Email: 'b' })
    expect(r.has('a')).toBe(false)
    expect(r.size).toBe(1)
  })

  test('update of an unknown user throws WL_ERR_NO_USER', () => {
    const r = make()
    expect(() => r.update('nobody', 'Nome', 'x')).toThrow(
      expect.objectContaining({ code: 'WL_ERR_NO_USER' }),
    )
  })

  test('__proto__, empty, case, NUL, lone surrogates and long strings are ordinary, distinct keys', () => {
    const r = make()
    for (const email of UNUSUAL) r.create(email)
    expect(r.size).toBe(UNUSUAL.length)
    expect(r.has('eu@gmail.com')).toBe(false)
    expect(r.has('\ufffd')).toBe(false)
    for (const [i, email] of UNUSUAL.entries()) {
      const value = `${UNUSUAL[(i + 1) % UNUSUAL.length]}|${email}`
      r.update(email, FIELDS[i % 3]!, value)
      expect(r.get(email)![FIELDS[i % 3]!]).toBe(value)
      expect(r.get(email)!.Email).toBe(email)
    }
    r.update('\ud800', 'Email', '\udc00\ud800')
    expect(r.get('\udc00\ud800')?.Email).toBe('\udc00\ud800')
    expect(r.has('\ud800')).toBe(false)
    expect(r.remove('__proto__')).toBe(true)
    expect(r.has('__proto__')).toBe(false)
    expect(r.size).toBe(UNUSUAL.length - 1)
  })
})

describe('SqliteRegistry on disk', () => {
  test('every change is there after close and reopen', () => {
    const file = join(dir, 'reopen.db')
    const r = track(openSqliteRegistry(file))
    for (const email of UNUSUAL) r.create(email)
    r.update('__proto__', 'Nome', 'Proto')
    r.update('joão@exemplo.com.br', 'Email', 'joao@exemplo.com.br')
    r.update('\ud800', 'Telefone', '\udfff')
    r.remove('')
    r.close()
    const again = track(openSqliteRegistry(file))
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
    const sqlite = openNew()
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
        const file = join(dir, `prop${++files}.db`)
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
  const file = join(dir, 'server.db')
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
    const file = join(dir, 'two.db')
    const data = track(openSqliteData(file))
    const a = data.open('ip:192.168.0.23')
    const g = data.open('group:grupo-3')
    a.create('eu@gmail.com')
    a.update('eu@gmail.com', 'Nome', 'Ana')
    a.create('b')
    g.create('eu@gmail.com')
    g.update('eu@gmail.com', 'Nome', 'Gil')
    // A rename is one UPDATE in its own workspace: the other's eu@gmail.com stays.
    a.update('eu@gmail.com', 'Email', 'meu@gmail.com')
    expect(g.get('eu@gmail.com')?.Nome).toBe('Gil')
    expect(g.remove('b')).toBe(false)
    data.close()

    const again = track(openSqliteData(file))
    expect(again.keys()).toEqual(['group:grupo-3', 'ip:192.168.0.23'])
    expect(again.size).toBe(3)
    expect(again.open('ip:192.168.0.23').get('meu@gmail.com')?.Nome).toBe('Ana')
    expect(again.open('ip:192.168.0.23').has('eu@gmail.com')).toBe(false)
    expect(again.open('group:grupo-3').get('eu@gmail.com')?.Nome).toBe('Gil')
    expect(again.open('group:grupo-3').size).toBe(1)
    expect(again.open('ip:10.9.9.9').size).toBe(0)
  })

  test("Workspaces over the file: each computer gets the lesson's answers, and they persist", () => {
    const file = join(dir, 'class.db')
    const run = (workspaces: Workspaces, key: string) =>
      LESSON_SCENARIO.slice(0, 3).map(
        (request) =>
          answerMessage(utf8(JSON.stringify(request)), workspaces.enter(key), 'lesson').text,
      )
    const memory = run(new Workspaces(), 'ip:10.0.0.1')
    const workspaces = new Workspaces({ store: track(openSqliteData(file)) })
    expect(run(workspaces, 'ip:10.0.0.1')).toEqual(memory)
    expect(run(workspaces, 'ip:10.0.0.2')).toEqual(memory)
    opened.pop()!.close()
    const again = new Workspaces({ store: track(openSqliteData(file)) })
    expect(again.list()).toEqual([
      { key: 'ip:10.0.0.1', users: 1, connections: 0 },
      { key: 'ip:10.0.0.2', users: 1, connections: 0 },
    ])
    expect(again.enter('ip:10.0.0.2').get('meu@gmail.com')).toMatchObject({ Nome: null })
  })

  test("limits: a file's workspaces count from the start; users per workspace", () => {
    const file = join(dir, 'limits.db')
    const data = track(openSqliteData(file))
    data.open('ip:10.0.0.1').create('a')
    data.open('ip:10.0.0.2').create('b')
    data.close()
    const workspaces = new Workspaces({
      store: track(openSqliteData(file)),
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
