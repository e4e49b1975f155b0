// The request handler against PROTOCOL.md: the lesson's scenario byte for byte, every check in order,
// --codes http, and the answers to framing errors.
import { describe, expect, test } from 'vitest'
import { dumps } from '../shared/codec.ts'
import { CODE, EXPLANATION, FIELDS, LESSON_SCENARIO, TEXT } from '../shared/protocol.ts'
import { LESSON_ANSWERS, explanationOf } from '../test-support/requests.ts'
import { answerFrameError, answerMessage, handleRequest, type Reply } from './handle.ts'
import { DP, mod, setup, utf8, view } from './handle-test-helpers.ts'
import { MemoryRegistry } from './registry.ts'

test("the lesson's ten-message scenario gives PROTOCOL.md's ten responses byte for byte", () => {
  const registry = new MemoryRegistry()
  const answers = LESSON_SCENARIO.map((request) => {
    // Sent as the lesson's client sends it: Python json.dumps bytes (\u escapes).
    const wire = JSON.stringify(request).replace(
      /[^\x20-\x7e]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    )
    return answerMessage(utf8(wire), registry, 'lesson').text
  })
  expect(answers).toEqual(LESSON_ANSWERS)
})

test('answers built from pre-escaped pieces equal json.dumps of their code and EXPLICAÇÃO', () => {
  const registry = new MemoryRegistry()
  const emails = ['eu@gmail.com', 'a"b', 'a\\b', 'ç😀@x', 'nul\u0000@x', '\u007f', '__proto__', '']
  const values = ['3218181', 'Rua "A", nº 5', '\ud800', 'x\ny']
  let checked = 0
  const check = (r: Reply, request: Record<string, string>) => {
    // Each answer on its own, as it is given: exactly json.dumps of what it says...
    const explanation = explanationOf(r.text)
    expect(r.text).toBe(dumps({ [CODE]: r.code, [EXPLANATION]: explanation }))
    // ...and what it says is one of TEXT's sentences with this request's strings in their places.
    const { EMAIL_USUARIO: email = '', CAMPO: field = '', VALOR: value = '' } = request
    if (typeof explanation === 'string')
      expect([
        TEXT.created(email),
        TEXT.notRegistered(email),
        TEXT.alreadyRegistered(email),
        TEXT.alreadyRegistered(value),
        TEXT.removed(email),
        TEXT.modified(email, field, value),
      ]).toContain(explanation)
    checked++
  }
  const ask = (r: Record<string, string>) => {
    check(handleRequest({ SERVIÇO: DP, ...r }, registry, 'http'), r)
    // The same request as bytes, so the fast path (when it applies) builds the answer too.
    check(answerMessage(utf8(JSON.stringify({ SERVIÇO: DP, ...r })), registry, 'http'), r)
  }
  for (const email of emails) {
    const e = { EMAIL_USUARIO: email }
    ask({ AÇÃO: 'CONSULTAR USUARIO', ...e })
    ask({ AÇÃO: 'CRIAR USUARIO', ...e })
    for (const [i, value] of values.entries()) {
      ask({ AÇÃO: 'MODIFICAR USUARIO', ...e, CAMPO: FIELDS[i % 3]!, VALOR: value })
    }
    ask({ AÇÃO: 'CONSULTAR USUARIO', ...e })
    ask({ AÇÃO: 'MODIFICAR USUARIO', ...e, CAMPO: 'Email', VALOR: emails[0]! })
    ask({ AÇÃO: 'REMOVER USUARIO', ...e })
  }
  // Every one of these answers (8 emails x 9 requests x 2 paths) was checked.
  expect(checked).toBe(144)
})

test("CONSULTAR's answer keeps the record as it was when asked", () => {
  const registry = new MemoryRegistry()
  const ask = (r: Record<string, string>) =>
    handleRequest({ SERVIÇO: DP, EMAIL_USUARIO: 'eu@gmail.com', ...r }, registry, 'lesson')
  ask({ AÇÃO: 'CRIAR USUARIO' })
  const before = ask({ AÇÃO: 'CONSULTAR USUARIO' })
  ask({ AÇÃO: 'MODIFICAR USUARIO', CAMPO: 'Nome', VALOR: 'Ana' })
  expect(explanationOf(before.text)).toEqual({
    Nome: null,
    Endereço: null,
    Telefone: null,
    Email: 'eu@gmail.com',
  })
})

describe('checks, in PROTOCOL.md order (first failing check answers)', () => {
  const { ask } = setup()
  test.each([
    ['1 no SERVIÇO', { AÇÃO: 'x' }, '404', 'Mensagem não contém uma entrada de SERVIÇO'],
    [
      '2 unknown SERVIÇO',
      { SERVIÇO: 'Outro', AÇÃO: 'x' },
      '404',
      'Mensagem contém uma entrada inválida de SERVIÇO:Outro',
    ],
    [
      '3 no AÇÃO',
      { SERVIÇO: DP, EMAIL_USUARIO: 'e' },
      '404',
      'Mensagem não contém uma entrada de AÇÃO',
    ],
    [
      '4 unknown AÇÃO',
      { SERVIÇO: DP, AÇÃO: 'APAGAR' },
      '404',
      'Mensagem contém uma entrada inválida de AÇÃO:APAGAR',
    ],
    [
      '5 no EMAIL_USUARIO',
      { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO' },
      '404',
      'Mensagem não contém uma entrada de EMAIL_USUARIO',
    ],
    [
      '6b unknown user',
      { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'x@y' },
      '404',
      'Usuário não registrado:x@y',
    ],
    [
      '7 already registered',
      { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: 'eu@gmail.com' },
      '404',
      'Usuário já registrado:eu@gmail.com',
    ],
    ['10 no CAMPO', mod(undefined, 'v'), '404', 'Mensagem não contém uma entrada de CAMPO'],
    [
      '11 unknown CAMPO',
      mod('Idade', 'v'),
      '404',
      'Mensagem contém uma entrada inválida de CAMPO:Idade',
    ],
    ['12 no VALOR', mod('Nome', undefined), '404', 'Mensagem não contém uma entrada de VALOR'],
  ])('%s', (_name, request, code, explanation) => {
    expect(ask(request)).toEqual([code, explanation])
  })

  test('6a creates, 8 reads, 13 modifies, 9 removes', () => {
    const { ask, registry } = setup()
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: 'a@b' })).toEqual([
      '200',
      'Novo usuário registrado com email:a@b',
    ])
    expect(ask(mod('Endereço', 'Rua 1', 'a@b'))).toEqual([
      '200',
      'Usuário a@b teve o CAMPO:Endereço atualizado para o VALOR:Rua 1',
    ])
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'a@b' })).toEqual([
      '200',
      { Nome: null, Endereço: 'Rua 1', Telefone: null, Email: 'a@b' },
    ])
    expect(ask({ SERVIÇO: DP, AÇÃO: 'REMOVER USUARIO', EMAIL_USUARIO: 'a@b' })).toEqual([
      '200',
      'Usuário removido:a@b',
    ])
    expect(registry.has('a@b')).toBe(false)
  })

  test('the order holds when several checks fail at once', () => {
    expect(ask({ SERVIÇO: 'X', AÇÃO: 'Y' })[1]).toBe(
      'Mensagem contém uma entrada inválida de SERVIÇO:X',
    )
    expect(ask({ AÇÃO: 'Y', EMAIL_USUARIO: 1, SERVIÇO: DP })[1]).toBe(
      'Mensagem contém uma entrada inválida de AÇÃO:Y',
    )
    // The registry check (6b) comes before CAMPO checks (10-12).
    expect(ask(mod('Idade', undefined, 'nobody'))[1]).toBe('Usuário não registrado:nobody')
  })

  test('extra fields are ignored; emails are compared exactly', () => {
    expect(
      ask({
        SERVIÇO: DP,
        AÇÃO: 'CONSULTAR USUARIO',
        EMAIL_USUARIO: 'eu@gmail.com',
        CAMPO: 1,
        X: [],
      })[0],
    ).toBe('200')
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: ' eu@gmail.com' })[0]).toBe(
      '404',
    )
    expect(ask({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'EU@gmail.com' })[0]).toBe(
      '404',
    )
  })
})

describe('--codes http', () => {
  const { ask } = setup('http')
  test.each([
    [{}, '400'],
    [{ SERVIÇO: DP, AÇÃO: 'x' }, '400'],
    [mod(undefined, 'v'), '400'],
    [{ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'nobody' }, '404'],
    [{ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: 'eu@gmail.com' }, '409'],
  ])('%j -> %s, same text as lesson mode', (request, code) => {
    const lesson = setup('lesson').ask(request)
    expect(ask(request)).toEqual([code, lesson[1]])
  })

  test('a rename collision is 409', () => {
    const { ask, registry } = setup('http')
    registry.create('b@b')
    expect(ask(mod('Email', 'b@b'))[0]).toBe('409')
  })
})

describe('framing errors', () => {
  const error = (problem: 'garbage' | 'too-large' | 'incomplete', fatal = false) => ({
    type: 'error' as const,
    problem,
    start: 10,
    end: 15,
    fatal,
  })
  test.each([
    [
      error('garbage'),
      '400',
      '5 byte(s) que não iniciam um valor JSON foram descartados; uma mensagem começa com { ou [',
    ],
    [
      error('too-large', true),
      '413',
      'Mensagem excede o limite de 65536 bytes; a conexão será encerrada',
    ],
    [
      error('too-large'),
      '413',
      'Mensagem excede o limite de 65536 bytes; o restante dela foi descartado',
    ],
    [
      error('incomplete', true),
      '400',
      'A conexão foi encerrada no meio de uma mensagem (5 bytes sem terminar)',
    ],
  ])('%j', (e, code, explanation) => {
    expect(view(answerFrameError(e, 65536, 'lesson'))).toEqual({ code, explanation })
  })
})
