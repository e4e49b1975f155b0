import { describe, expect, test } from 'vitest'
import { dumps, dumpsBytes, invalidUtf8Offset, parseMessage } from './codec.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const latin = (s: string) => new TextDecoder('latin1').decode(utf8(s))

describe('dumps matches Python json.dumps byte for byte', () => {
  // Each golden was produced by CPython 3.11: print(json.dumps(value)).
  test.each([
    [
      { 'CODIGO DE ERRO': '200', EXPLICAÇÃO: 'ok' },
      '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "ok"}',
    ],
    ['Usuário não', '"Usu\\u00e1rio n\\u00e3o"'],
    ['😀', '"\\ud83d\\ude00"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\n\r\t\b\f', '"\\n\\r\\t\\b\\f"'],
    ['\u0000\u001f\u007f', '"\\u0000\\u001f\\u007f"'],
    ["\u2028/<>&'", '"\\u2028/<>&\'"'],
    ['\ud800', '"\\ud800"'],
    [[1, 'x', null, true, false], '[1, "x", null, true, false]'],
    [{ a: [], b: {} }, '{"a": [], "b": {}}'],
    [
      { Nome: null, Endereço: null, Telefone: null, Email: 'meu@gmail.com' },
      '{"Nome": null, "Endere\\u00e7o": null, "Telefone": null, "Email": "meu@gmail.com"}',
    ],
    [1.5, '1.5'],
    [1e16, '1e+16'],
    [1e21, '1e+21'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-0.5, '-0.5'],
    [123456789, '123456789'],
  ])('%j', (value, expected) => {
    expect(dumps(value)).toBe(expected)
  })

  test('the output is ASCII, so its bytes are its characters', () => {
    const bytes = dumpsBytes({ EXPLICAÇÃO: 'Ç😀' })
    expect(bytes.every((b) => b < 0x80)).toBe(true)
    expect(new TextDecoder().decode(bytes)).toBe(
      '{"EXPLICA\\u00c7\\u00c3O": "\\u00c7\\ud83d\\ude00"}',
    )
  })

  test('round-trips through JSON.parse for every BMP code unit', () => {
    let s = ''
    for (let c = 0; c < 0x10000; c += 7) s += String.fromCharCode(c)
    expect(JSON.parse(dumps(s))).toBe(s)
  })
})

describe('invalidUtf8Offset', () => {
  test.each([
    [[0x41, 0x42], -1],
    [[0xc3, 0x87], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x41, 0xff], 1],
    [[0x41, 0xc3], 1], // truncated
    [[0xc0, 0x80], 0], // overlong
    [[0xe0, 0x80, 0x80], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // > U+10FFFF
    [[0x41, 0x42, 0x80], 2], // lone continuation
  ])('%j -> %i', (bytes, offset) => {
    expect(invalidUtf8Offset(new Uint8Array(bytes))).toBe(offset)
  })
})

describe('parseMessage', () => {
  test('raw UTF-8 and \\u escapes decode to the same value', () => {
    expect(parseMessage(utf8('{"AÇÃO": "x"}'))).toEqual({ ok: true, value: { AÇÃO: 'x' } })
    expect(parseMessage(utf8('{"A\\u00c7\\u00c3O": "x"}'))).toEqual({
      ok: true,
      value: { AÇÃO: 'x' },
    })
  })

  test('invalid UTF-8 names the byte offset', () => {
    const bytes = new Uint8Array([...utf8('{"a": "'), 0xff, ...utf8('"}')])
    expect(parseMessage(bytes)).toEqual({ ok: false, problem: 'utf8', offset: 7 })
  })

  test('invalid JSON is a value, not an exception', () => {
    const r = parseMessage(utf8('{not json}'))
    expect(r.ok).toBe(false)
    if (!r.ok && r.problem === 'json') expect(r.detail).toMatch(/caractere 2/)
  })

  test.each(['', '   ', '{"a":', '\ufeff{}', 'NaN', '[1,]', '{"a":1}}'])(
    '%j is refused',
    (text) => {
      expect(parseMessage(utf8(text)).ok).toBe(false)
    },
  )

  test('100k nested brackets do not throw', () => {
    expect(parseMessage(utf8('['.repeat(100_000) + ']'.repeat(100_000))).ok).toBeTypeOf('boolean')
  })

  test('a BOM is not silently dropped', () => {
    expect(latin('\ufeff')).toHaveLength(3)
    expect(parseMessage(utf8('\ufeff{}')).ok).toBe(false)
  })
})
