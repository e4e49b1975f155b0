import { describe, expect, test } from 'vitest'
import { LESSON_SCENARIO } from '../shared/protocol.ts'
import { answerMessage, handleRequest } from './handle.ts'
import { MemoryRegistry, type Registry } from './registry.ts'
import {
  CLASS_WORKSPACE,
  LOOPBACK_WORKSPACE,
  Workspaces,
  workspaceKey,
  type WorkspaceStore,
} from './workspaces.ts'
import { explanationOf } from '../test-support/requests.ts'
import type { Reply } from './handle.ts'

/** A reply's code and EXPLICAÇÃO, read back from its bytes. */
const view = (r: Reply) => ({ code: r.code, explanation: explanationOf(r.text) })

const utf8 = (s: string) => new TextEncoder().encode(s)
const DP = 'Dados Pessoais'
const create = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email })
const remove = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'REMOVER USUARIO', EMAIL_USUARIO: email })
const ask = (registry: Registry, request: unknown) => handleRequest(request, registry, 'http')

describe('workspaceKey', () => {
  test.each([
    ['192.168.0.23', undefined, 'ip:192.168.0.23'],
    ['::ffff:192.168.0.23', undefined, 'ip:192.168.0.23'],
    ['2001:DB8:0::23', undefined, 'ip:2001:db8::23'],
    ['127.0.0.1', undefined, LOOPBACK_WORKSPACE],
    ['127.0.1.1', undefined, 'ip:127.0.1.1'],
    ['127.0.0.2', undefined, 'ip:127.0.0.2'],
    ['::1', undefined, LOOPBACK_WORKSPACE],
    ['::ffff:127.0.0.1', undefined, LOOPBACK_WORKSPACE],
    ['192.168.0.23', 'grupo-3', 'group:grupo-3'],
    ['10.0.0.9', 'grupo-3', 'group:grupo-3'],
  ])('computer mode: %s, group %s -> %s', (address, group, key) => {
    expect(workspaceKey('computer', { address, group })).toBe(key)
  })

  test('class mode: one key for everyone, group or not', () => {
    expect(workspaceKey('class', { address: '192.168.0.23' })).toBe(CLASS_WORKSPACE)
    expect(workspaceKey('class', { address: '::1', group: 'grupo-3' })).toBe(CLASS_WORKSPACE)
  })

  test('a group that is not a group name is a programmer error (the PROXY reader checks it)', () => {
    expect(() => workspaceKey('computer', { address: '::1', group: 'Grupo 3' })).toThrow(
      expect.objectContaining({ code: 'WL_ERR_GROUP' }),
    )
  })
})

describe('Workspaces', () => {
  test("thirty computers stepping through the lesson together each get the lesson's ten answers", () => {
    const workspaces = new Workspaces()
    // One registry alone gives PROTOCOL.md's ten answers (handle.test.ts holds them byte for byte).
    const alone = new MemoryRegistry()
    const expected = LESSON_SCENARIO.map(
      (r) => answerMessage(utf8(JSON.stringify(r)), alone, 'lesson').text,
    )
    expect(expected[1]).toMatch(/"200".*Novo usu\\u00e1rio registrado com email:eu@gmail.com/)
    const students = Array.from({ length: 30 }, (_, i) =>
      workspaces.enter(workspaces.keyOf({ address: `192.168.0.${i + 10}` })),
    )
    const answers = students.map((): string[] => [])
    for (const request of LESSON_SCENARIO) {
      const wire = utf8(JSON.stringify(request))
      students.forEach((s, i) => answers[i]!.push(answerMessage(wire, s, 'lesson').text))
    }
    for (const a of answers) expect(a).toEqual(expected)
  })

  test("a computer's connections share its registry; another computer's do not", () => {
    const workspaces = new Workspaces()
    const page = workspaces.enter(workspaces.keyOf({ address: '::ffff:192.168.0.23' }))
    const python = workspaces.enter(workspaces.keyOf({ address: '192.168.0.23' }))
    const other = workspaces.enter(workspaces.keyOf({ address: '192.168.0.24' }))
    expect(ask(page, create('eu@gmail.com')).code).toBe('200')
    expect(python.get('eu@gmail.com')).toMatchObject({ Email: 'eu@gmail.com' })
    expect(ask(python, create('eu@gmail.com')).code).toBe('409')
    expect(other.has('eu@gmail.com')).toBe(false)
    expect(ask(other, create('eu@gmail.com')).code).toBe('200')
  })

  test('class mode: everyone shares one registry, as in the lesson', () => {
    const workspaces = new Workspaces({ mode: 'class' })
    const a = workspaces.enter(workspaces.keyOf({ address: '192.168.0.23' }))
    const b = workspaces.enter(workspaces.keyOf({ address: '10.1.1.1', group: 'g' }))
    ask(a, create('eu'))
    expect(ask(b, create('eu')).code).toBe('409')
    expect(workspaces.list()).toEqual([{ key: 'class', users: 1, connections: 2 }])
  })

  test('past the users limit CRIAR is refused in that workspace only', () => {
    const workspaces = new Workspaces({ maxUsers: 2 })
    const full = workspaces.enter('ip:10.0.0.1')
    const other = workspaces.enter('ip:10.0.0.2')
    ask(full, create('a'))
    ask(full, create('b'))
    expect(view(ask(full, create('c')))).toMatchObject({
      code: '507',
      explanation:
        'Limite de 2 usuários atingido neste espaço de trabalho; remova um usuário para criar outro',
    })
    expect(ask(other, create('c')).code).toBe('200')
  })

  test('past the workspaces limit a new workspace cannot create; its last user leaving frees a slot', () => {
    const workspaces = new Workspaces({ maxWorkspaces: 2 })
    const [a, b, c] = ['ip:10.0.0.1', 'ip:10.0.0.2', 'group:g'].map((k) => workspaces.enter(k))
    ask(a!, create('a'))
    ask(b!, create('b'))
    // A workspace that only reads takes no slot, and its reads answer as an empty registry's.
    expect(ask(c!, { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'a' }).code).toBe('404')
    expect(view(ask(c!, create('c')))).toMatchObject({
      code: '507',
      explanation:
        'Limite de 2 espaços de trabalho atingido no servidor; nenhum espaço novo pode ser criado agora',
    })
    expect(handleRequest(create('c'), c!, 'lesson').code).toBe('404')
    // Workspaces that already hold users still grow.
    expect(ask(a!, create('a2')).code).toBe('200')
    expect(workspaces.size).toBe(2)
    ask(b!, remove('b'))
    expect(workspaces.size).toBe(1)
    expect(ask(c!, create('c')).code).toBe('200')
    // b's workspace is now the one past the limit; its connection is still served.
    expect(ask(b!, create('b')).code).toBe('507')
    expect(ask(b!, remove('b')).code).toBe('404')
  })

  test("list(): each workspace's users and connections; leave() counts once", () => {
    const workspaces = new Workspaces()
    const a1 = workspaces.enter('ip:10.0.0.1')
    const a2 = workspaces.enter('ip:10.0.0.1')
    const g = workspaces.enter('group:grupo-3')
    ask(a1, create('x'))
    ask(a2, create('y'))
    expect(workspaces.list()).toEqual([
      { key: 'group:grupo-3', users: 0, connections: 1 },
      { key: 'ip:10.0.0.1', users: 2, connections: 2 },
    ])
    a1.leave()
    a1.leave()
    a2.leave()
    g.leave()
    // Users outlive their connections; an empty workspace without connections is forgotten.
    expect(workspaces.list()).toEqual([{ key: 'ip:10.0.0.1', users: 2, connections: 0 }])
    expect(workspaces.enter('ip:10.0.0.1').get('y')).toMatchObject({ Email: 'y' })
  })

  test("a store's workspaces are there from the start, and count toward the limit", () => {
    const stored = new MemoryRegistry(5)
    stored.create('kept')
    const opened: string[] = []
    const store: WorkspaceStore = {
      keys: () => ['ip:10.0.0.1'],
      open: (key, maxUsers) => {
        opened.push(`${key} ${maxUsers}`)
        return key === 'ip:10.0.0.1' ? stored : new MemoryRegistry(maxUsers)
      },
    }
    const workspaces = new Workspaces({ store, maxUsers: 5, maxWorkspaces: 1 })
    expect(workspaces.enter('ip:10.0.0.1').get('kept')).toMatchObject({ Email: 'kept' })
    expect(ask(workspaces.enter('ip:10.0.0.2'), create('x')).code).toBe('507')
    expect(opened).toEqual(['ip:10.0.0.1 5'])
  })

  test('limits must be whole numbers of at least 1', () => {
    for (const options of [{ maxUsers: 0 }, { maxWorkspaces: 1.5 }, { maxUsers: NaN }]) {
      expect(() => new Workspaces(options)).toThrow(
        expect.objectContaining({ code: 'WL_ERR_LIMIT' }),
      )
    }
  })
})
