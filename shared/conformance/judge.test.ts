import { describe, expect, test } from 'vitest'
import { TEXT, type RefusalKind } from '../protocol.ts'
import { created, okRecord, record, shaped, unknown } from './build.ts'
import { firstDiff, judge, type JudgeInput } from './judge.ts'
import type { Expect, Hints } from './types.ts'
import type { Received } from './wire.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const answer = (s: string | Uint8Array, early = false): Received => ({
  outcome: 'answer',
  bytes: typeof s === 'string' ? utf8(s) : s,
  early,
})
const what = { pt: 'o pedido', en: 'the request' }

function check(expect: Expect, received: Received, more: Partial<JudgeInput> = {}) {
  return judge({
    expect,
    received,
    framing: 'json',
    codes: 'lesson',
    what,
    timeoutMs: 2000,
    ...more,
  })
}
const kinds = (c: ReturnType<typeof check>) => c.findings.map((f) => f.kind)

const EU = 'eu@gmail.com'
// PROTOCOL.md's golden bytes for the scenario's second answer.
const CREATED_EU =
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Novo usu\\u00e1rio registrado com email:eu@gmail.com"}'

describe('firstDiff', () => {
  test('equal, different, and one a prefix of the other', () => {
    expect(firstDiff(utf8('abc'), utf8('abc'))).toBe(-1)
    expect(firstDiff(utf8('abc'), utf8('abd'))).toBe(2)
    expect(firstDiff(utf8('ab'), utf8('abc'))).toBe(2)
    expect(firstDiff(new Uint8Array(0), utf8('a'))).toBe(0)
  })
})

describe('judge: exact answers', () => {
  test("PROTOCOL.md's bytes pass, with the expected bytes computed from the protocol", () => {
    const c = check(created(EU), answer(CREATED_EU))
    expect(c).toMatchObject({ pass: true, firstDiff: -1, findings: [], outcome: 'answer' })
    expect(new TextDecoder().decode(c.expected)).toBe(CREATED_EU)
  })

  test('the record answer, key order and nulls included', () => {
    const bytes =
      '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": {"Nome": "Cabron", "Endere\\u00e7o": null, "Telefone": "3218181", "Email": "meu@gmail.com"}}'
    const want = okRecord(record('meu@gmail.com', { Nome: 'Cabron', Telefone: '3218181' }))
    expect(check(want, answer(bytes)).pass).toBe(true)
  })

  test('compact separators are named, and the first differing byte is the missing space', () => {
    const c = check(
      created(EU),
      answer(
        '{"CODIGO DE ERRO":"200","EXPLICA\\u00c7\\u00c3O":"Novo usu\\u00e1rio registrado com email:eu@gmail.com"}',
      ),
    )
    expect(c.pass).toBe(false)
    expect(c.firstDiff).toBe(18)
    expect(kinds(c)).toEqual(['compact-separators'])
    expect(c.findings[0]!.text.en).toBe(
      'your answer uses `,` and `:` without spaces; json.dumps writes `, ` and `: `',
    )
  })

  test('raw UTF-8 (ensure_ascii=False) is named with the word it spoils', () => {
    const c = check(
      created(EU),
      answer(
        '{"CODIGO DE ERRO": "200", "EXPLICAÇÃO": "Novo usuário registrado com email:eu@gmail.com"}',
      ),
    )
    expect(kinds(c)).toEqual(['raw-utf8'])
    expect(c.firstDiff).toBe(34)
    expect(c.received[34]).toBe(0xc3)
    expect(c.findings[0]!.text.en).toContain(
      '`EXPLICAÇÃO` is sent as raw UTF-8; json.dumps escapes it as `EXPLICA\\u00c7\\u00c3O`',
    )
    expect(c.findings[0]!.text.pt).toContain('`EXPLICAÇÃO` vai em UTF-8 cru')
  })

  test('uppercase hex in \\u escapes, even in some of them only', () => {
    const c = check(created(EU), answer(CREATED_EU.replace(/\\u00c7/g, '\\u00C7')))
    expect(kinds(c)).toEqual(['uppercase-hex'])
    expect(c.findings[0]!.text.en).toBe(
      'your answer writes `\\u00C7` in uppercase hex; json.dumps writes `\\u00c7`',
    )
  })

  test('an indented answer is another encoding, with the first differing byte', () => {
    const c = check(created(EU), answer(CREATED_EU.replace('{', '{\n  ')))
    expect(kinds(c)).toEqual(['other-encoding'])
    expect(c.findings[0]!.text.en).toContain('first difference at byte 1')
  })

  test('compact and raw together are both named', () => {
    const c = check(
      created(EU),
      answer(
        '{"CODIGO DE ERRO":"200","EXPLICAÇÃO":"Novo usuário registrado com email:eu@gmail.com"}',
      ),
    )
    expect(kinds(c)).toEqual(['compact-separators', 'raw-utf8'])
  })

  test('EXPLICAÇÃO before CODIGO DE ERRO', () => {
    const c = check(
      created(EU),
      answer(
        '{"EXPLICA\\u00c7\\u00c3O": "Novo usu\\u00e1rio registrado com email:eu@gmail.com", "CODIGO DE ERRO": "200"}',
      ),
    )
    expect(kinds(c)).toEqual(['key-order'])
  })

  test('a wrong code; with the lesson mode expected, an http code says which mode it looks like', () => {
    const missing: Expect = { code: 'entry', text: TEXT.missing('SERVIÇO') }
    const bytes = (code: string) =>
      `{"CODIGO DE ERRO": "${code}", "EXPLICA\\u00c7\\u00c3O": "Mensagem n\\u00e3o cont\\u00e9m uma entrada de SERVI\\u00c7O"}`
    expect(kinds(check(missing, answer(bytes('400'))))).toEqual(['wrong-code', 'codes-mode'])
    expect(check(missing, answer(bytes('400'))).findings[0]!.text.en).toBe(
      'expected code 404, got 400',
    )
    expect(check(missing, answer(bytes('400')), { codes: 'http' }).pass).toBe(true)
    expect(kinds(check(missing, answer(bytes('404')), { codes: 'http' }))).toEqual([
      'wrong-code',
      'codes-mode',
    ])
    expect(kinds(check(missing, answer(bytes('500'))))).toEqual(['wrong-code'])
  })

  test('a code sent as a number', () => {
    const c = check(
      unknown(EU),
      answer(
        '{"CODIGO DE ERRO": 404, "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:eu@gmail.com"}',
      ),
    )
    expect(kinds(c)).toEqual(['code-not-string'])
  })

  test('a wrong text shows both texts', () => {
    const c = check(
      unknown(EU),
      answer('{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usuario nao encontrado"}'),
    )
    expect(kinds(c)).toEqual(['wrong-text'])
    expect(c.findings[0]!.text.en).toBe(
      'the EXPLICAÇÃO should be `Usuário não registrado:eu@gmail.com`, got `Usuario nao encontrado`',
    )
  })

  test('the record: a wrong field, the key order, a record sent as a string', () => {
    const want = okRecord(record(EU, { Nome: 'Ana' }))
    const head = '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": '
    const wrong = check(
      want,
      answer(
        head + '{"Nome": null, "Endere\\u00e7o": null, "Telefone": null, "Email": "eu@gmail.com"}}',
      ),
    )
    expect(kinds(wrong)).toEqual(['wrong-record'])
    expect(wrong.findings[0]!.text.en).toBe('in the record, Nome should be "Ana", got null')
    const order = check(
      want,
      answer(
        head +
          '{"Email": "eu@gmail.com", "Nome": "Ana", "Endere\\u00e7o": null, "Telefone": null}}',
      ),
    )
    expect(kinds(order)).toEqual(['record-key-order'])
    const asString = check(want, answer(head + "\"{'Nome': 'Ana', 'Endere\\u00e7o': None}\"}"))
    expect(kinds(asString)).toEqual(['record-as-string'])
  })

  test("the scenario's email already on the server is said so", () => {
    const c = check(
      created(EU),
      answer(
        '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio j\\u00e1 registrado:eu@gmail.com"}',
      ),
    )
    expect(kinds(c)).toEqual(['wrong-code', 'already-there'])
  })

  test("Python's str(dict) is not JSON, and is recognised", () => {
    const c = check(
      created(EU),
      answer(
        "{'CODIGO DE ERRO': '200', 'EXPLICAÇÃO': 'Novo usuário registrado com email:eu@gmail.com'}",
      ),
    )
    expect(kinds(c)).toEqual(['not-json', 'python-repr'])
  })
})

describe('judge: framing around the JSON', () => {
  const body = utf8(CREATED_EU)
  test('ndjson without its newline (the reader gave up on a partial line)', () => {
    const c = check(created(EU), { outcome: 'incomplete', bytes: body }, { framing: 'ndjson' })
    expect(c.firstDiff).toBe(body.length)
    expect(kinds(c)).toEqual(['ndjson-newline'])
  })

  test('length with a prefix that lies, and with none', () => {
    const lying = new Uint8Array([0, 0, 0, 10, ...body])
    expect(kinds(check(created(EU), answer(lying), { framing: 'length' }))).toEqual([
      'length-prefix',
    ])
    expect(check(created(EU), answer(lying), { framing: 'length' }).findings[0]!.text.en).toContain(
      `says 10 bytes, but ${body.length} bytes of JSON follow it`,
    )
    expect(
      kinds(check(created(EU), { outcome: 'incomplete', bytes: body }, { framing: 'length' })),
    ).toEqual(['missing-prefix'])
  })

  test('a newline after a json answer (the ndjson habit)', () => {
    expect(kinds(check(created(EU), answer(CREATED_EU + '\n')))).toEqual(['extra-newline'])
    expect(kinds(check(created(EU), answer(CREATED_EU + '\r\n'), { framing: 'naive' }))).toEqual([
      'extra-newline',
    ])
  })
})

describe('judge: no answer, a closed connection, hints', () => {
  const hints: Hints = { timeout: 'one-client', closed: 'split-read', mismatch: 'glued-read' }
  test('a timeout and a close name what was sent; a hint comes first', () => {
    const t = check(created(EU), { outcome: 'timeout', bytes: new Uint8Array(0) }, { hints })
    expect(kinds(t)).toEqual(['one-client', 'no-answer'])
    expect(t.findings[1]!.text.en).toBe('no answer within 2000 ms after the request')
    const closed = check(created(EU), {
      outcome: 'closed',
      bytes: new Uint8Array(0),
      end: { how: 'reset' },
    })
    expect(closed.findings[0]!.text.en).toBe(
      'the server reset the connection after the request: did it crash on it?',
    )
    expect(closed).toMatchObject({ pass: false, outcome: 'closed', firstDiff: 0 })
  })

  test('an early answer fails even when its bytes are right', () => {
    const c = check(created(EU), answer(CREATED_EU, true), { hints })
    expect(c.pass).toBe(false)
    expect(kinds(c)).toEqual(['glued-read', 'early-answer'])
  })

  test('the mismatch hint is left out when only the encoding differs', () => {
    const c = check(created(EU), answer(CREATED_EU.replace(/": "/g, '":"')), { hints })
    expect(kinds(c)).toEqual(['compact-separators'])
    expect(c.findings[0]!.text.en).toBe(
      'your answer uses `:` without a space; json.dumps writes `: `',
    )
  })
})

describe('judge: shape-only refusals (the texts are the implementer)', () => {
  const malformed = (kind: RefusalKind = 'malformed') => shaped(kind, TEXT.notJson('x'))
  test("any text passes with the right code and bytes; the expected side shows the server's own text", () => {
    const bytes = '{"CODIGO DE ERRO": "400", "EXPLICA\\u00c7\\u00c3O": "JSON inv\\u00e1lido"}'
    const c = check(malformed(), answer(bytes))
    expect(c).toMatchObject({ pass: true, shapeOnly: true })
    expect(new TextDecoder().decode(c.expected)).toBe(bytes)
  })

  test('the shape is still json.dumps: compact fails, a wrong code fails', () => {
    expect(
      kinds(check(malformed(), answer('{"CODIGO DE ERRO":"400","EXPLICA\\u00c7\\u00c3O":"ruim"}'))),
    ).toEqual(['compact-separators'])
    const c = check(
      malformed('too-large'),
      answer('{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "ruim"}'),
    )
    expect(kinds(c)).toEqual(['wrong-code'])
    expect(c.findings[0]!.text.en).toBe('expected code 413, got 404')
  })
})
