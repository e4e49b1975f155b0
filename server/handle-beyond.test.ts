// The handler beyond the lesson's own server: PROTOCOL.md's deliberate deviations and workspace limits.
import { describe, expect, test } from 'vitest'
import type { CodeMode } from '../shared/protocol.ts'
import { answerMessage, handleRequest } from './handle.ts'
import { DP, mod, setup, utf8, view } from './handle-test-helpers.ts'
import { MemoryRegistry } from './registry.ts'

describe('deliberate deviations', () => {
  test('renaming Email onto another registered email is refused and changes nothing', () => {
    const { ask, registry } = setup()
    registry.create('outro@gmail.com')
    registry.update('outro@gmail.com', 'Nome', 'Outro')
    expect(ask(mod('Email', 'outro@gmail.com'))).toEqual([
      '404',
      'Usuário já registrado:outro@gmail.com',
    ])
    expect(registry.get('outro@gmail.com')?.Nome).toBe('Outro')
    expect(registry.get('eu@gmail.com')?.Email).toBe('eu@gmail.com')
  })

  test('renaming Email to the same email keeps the user', () => {
    const { ask, registry } = setup()
    expect(ask(mod('Email', 'eu@gmail.com'))).toEqual([
      '200',
      'Usuário eu@gmail.com teve o CAMPO:Email atualizado para o VALOR:eu@gmail.com',
    ])
    expect(registry.get('eu@gmail.com')).toEqual({
      Nome: null,
      Endereço: null,
      Telefone: null,
      Email: 'eu@gmail.com',
    })
  })

  test('a rename moves the record to its new key', () => {
    const { ask, registry } = setup()
    registry.update('eu@gmail.com', 'Telefone', '123')
    ask(mod('Email', 'novo@gmail.com'))
    expect(registry.has('eu@gmail.com')).toBe(false)
    expect(registry.get('novo@gmail.com')).toEqual({
      Nome: null,
      Endereço: null,
      Telefone: '123',
      Email: 'novo@gmail.com',
    })
  })

  test.each([
    [
      { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: 42 },
      'Mensagem contém uma entrada inválida de EMAIL_USUARIO:42',
    ],
    [
      { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: null },
      'Mensagem contém uma entrada inválida de EMAIL_USUARIO:null',
    ],
    [
      { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: { a: 'ç' } },
      'Mensagem contém uma entrada inválida de EMAIL_USUARIO:{"a":"ç"}',
    ],
    [mod(['Nome'], 'x'), 'Mensagem contém uma entrada inválida de CAMPO:["Nome"]'],
    [mod('Nome', 3218181), 'Mensagem contém uma entrada inválida de VALOR:3218181'],
    [mod('Nome', null), 'Mensagem contém uma entrada inválida de VALOR:null'],
    [{ SERVIÇO: true }, 'Mensagem contém uma entrada inválida de SERVIÇO:true'],
    [{ SERVIÇO: DP, AÇÃO: 7 }, 'Mensagem contém uma entrada inválida de AÇÃO:7'],
  ])('non-string entry %j is invalid, shown as compact JSON', (request, explanation) => {
    const { ask, registry } = setup()
    registry.update('eu@gmail.com', 'Nome', 'antes')
    expect(ask(request)).toEqual(['404', explanation])
    expect(registry.get('eu@gmail.com')?.Nome).toBe('antes')
  })

  test('invalid JSON, a non-object and invalid UTF-8 are answered 400', () => {
    const registry = new MemoryRegistry()
    const cases: [Uint8Array, unknown][] = [
      [utf8('{not json}'), expect.stringMatching(/^Mensagem não é um JSON válido/)],
      [utf8('[1]'), 'Mensagem deve ser um objeto JSON, mas é um array'],
      [utf8('"x"'), 'Mensagem deve ser um objeto JSON, mas é uma string'],
      [utf8('3'), 'Mensagem deve ser um objeto JSON, mas é um número'],
      [utf8('null'), 'Mensagem deve ser um objeto JSON, mas é null'],
      [
        new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
        'Mensagem não é UTF-8 válido: byte inválido na posição 2',
      ],
    ]
    for (const [bytes, explanation] of cases) {
      expect(view(answerMessage(bytes, registry, 'lesson')), String(bytes)).toEqual({
        code: '400',
        explanation,
      })
    }
  })

  test('the email __proto__ is an ordinary user', () => {
    const { ask, registry } = setup()
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: '__proto__' })[0]).toBe(
      '404',
    )
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: '__proto__' })[0]).toBe('200')
    expect(ask(mod('Nome', 'Proto', '__proto__'))[0]).toBe('200')
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: '__proto__' })[1]).toEqual({
      Nome: 'Proto',
      Endereço: null,
      Telefone: null,
      Email: '__proto__',
    })
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'constructor' })[0]).toBe(
      '404',
    )
    expect(registry.size).toBe(2)
  })

  test('a __proto__ key in the request is only an extra field', () => {
    const { ask } = setup()
    const request = JSON.parse(
      '{"__proto__": {"SERVIÇO": "Dados Pessoais"}, "AÇÃO": "CRIAR USUARIO"}',
    )
    expect(ask(request)).toEqual(['404', 'Mensagem não contém uma entrada de SERVIÇO'])
  })
})

describe('workspace limits (PROTOCOL.md "Workspaces")', () => {
  const create = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email })
  const bytes = (request: unknown, registry: MemoryRegistry, mode: CodeMode) => [
    handleRequest(request, registry, mode).text,
    // The same request as bytes, so the fast path answers it too.
    answerMessage(utf8(JSON.stringify(request)), registry, mode).text,
  ]

  test.each([
    ['lesson', '404'],
    ['http', '507'],
  ] as const)('past the users limit, CRIAR is refused %s -> %s, byte for byte', (mode, code) => {
    const registry = new MemoryRegistry(2)
    registry.create('a')
    registry.create('b')
    const refusal = String.raw`{"CODIGO DE ERRO": "${code}", "EXPLICA\u00c7\u00c3O": "Limite de 2 usu\u00e1rios atingido neste espa\u00e7o de trabalho; remova um usu\u00e1rio para criar outro"}`
    expect(bytes(create('c'), registry, mode)).toEqual([refusal, refusal])
    expect(registry.has('c')).toBe(false)
    expect(handleRequest(create('c'), registry, mode).action).toBe('CRIAR USUARIO')
  })

  test('nothing else changes: CRIAR of a registered email, reads, renames; a removal makes room', () => {
    const registry = new MemoryRegistry(2)
    registry.create('a')
    registry.create('b')
    const ask = (request: Record<string, unknown>) =>
      handleRequest({ SERVIÇO: DP, ...request }, registry, 'http').code
    expect(ask(create('a'))).toBe('409')
    expect(ask({ AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'a' })).toBe('200')
    expect(ask({ AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'c' })).toBe('404')
    expect(ask(mod('Email', 'c', 'a'))).toBe('200')
    expect(ask({ AÇÃO: 'REMOVER USUARIO', EMAIL_USUARIO: 'b' })).toBe('200')
    expect(ask(create('d'))).toBe('200')
    expect(ask(create('e'))).toBe('507')
  })

  test('the workspaces limit has its own text', () => {
    const registry = Object.assign(new MemoryRegistry(), {
      full: () => ({ limit: 'workspaces' as const, max: 1000 }),
    })
    expect(bytes(create('a'), registry, 'http')).toEqual(
      Array(2).fill(
        String.raw`{"CODIGO DE ERRO": "507", "EXPLICA\u00c7\u00c3O": "Limite de 1000 espa\u00e7os de trabalho atingido no servidor; nenhum espa\u00e7o novo pode ser criado agora"}`,
      ),
    )
  })
})
