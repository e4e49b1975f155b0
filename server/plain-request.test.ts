// The fast path must read exactly what JSON.parse and the zod schemas read, or step aside.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { dumps, isJsonObject, parseMessage } from '../shared/codec.ts'
import { corpusInput } from '../shared/fuzz-arbitraries.ts'
import { entriesText, fullEntries, style, validEntries, utf8 } from '../shared/fuzz-requests.ts'
import { ACTIONS, Envelope, FIELDS, Modification, type ActionName } from '../shared/protocol.ts'
import { readPlainRequest, type PlainRequest } from './plain-request.ts'

type Fields = Omit<PlainRequest, 'start' | 'end'>
/** The request's fields without where it lies. */
function fieldsOf(plain: PlainRequest | undefined): Fields | undefined {
  if (plain === undefined) return undefined
  const { action, email, field, value } = plain
  return { action, email, field, value }
}

/** What the general path reads from the same bytes, in the fast path's terms (undefined: a refusal). */
function generalRead(bytes: Uint8Array): Fields | undefined {
  const parsed = parseMessage(bytes)
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined
  const envelope = Envelope.safeParse(parsed.value)
  if (!envelope.success) return undefined
  const change = Modification.safeParse(parsed.value)
  return {
    action: envelope.data['AÇÃO'],
    email: envelope.data.EMAIL_USUARIO,
    field: change.success ? change.data.CAMPO : undefined,
    value: change.success ? change.data.VALOR : undefined,
  }
}

/** The property: the fast path either declines or agrees with the general path. */
function agrees(bytes: Uint8Array): void {
  const plain = readPlainRequest(bytes)
  if (plain !== undefined) expect(fieldsOf(plain)).toEqual(generalRead(bytes))
}

const ascii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 20,
})
/** Strings the fast path reads itself: printable ASCII without quotes or backslashes. */
const plainOnly = ascii.filter((s) => !s.includes('"') && !s.includes('\\'))

const request = (action: ActionName, more: Record<string, string> = {}) => ({
  SERVIÇO: 'Dados Pessoais',
  AÇÃO: action,
  EMAIL_USUARIO: 'eu@gmail.com',
  ...more,
})
const MODIFY = { CAMPO: 'Endereço', VALOR: 'Rua 1' }

describe('readPlainRequest', () => {
  test.each(ACTIONS)(
    'reads %s as json.dumps (escaped) and JSON.stringify (raw UTF-8) write it',
    (a) => {
      const value = request(a, a === 'MODIFICAR USUARIO' ? MODIFY : {})
      const expected = {
        action: a,
        email: 'eu@gmail.com',
        field: a === 'MODIFICAR USUARIO' ? 'Endereço' : undefined,
        value: a === 'MODIFICAR USUARIO' ? 'Rua 1' : undefined,
      }
      expect(fieldsOf(readPlainRequest(utf8(dumps(value))))).toEqual(expected)
      expect(fieldsOf(readPlainRequest(utf8(JSON.stringify(value))))).toEqual(expected)
    },
  )

  test('takes any key order and JSON whitespace', () => {
    const text =
      ' \r\n{\t"EMAIL_USUARIO" :"a@b" ,"A\\u00c7\\u00c3O":\n"REMOVER USUARIO","SERVIÇO" : "Dados Pessoais" }\n '
    const bytes = utf8(text)
    expect(readPlainRequest(bytes)).toEqual({
      action: 'REMOVER USUARIO',
      email: 'a@b',
      field: undefined,
      value: undefined,
      start: bytes.indexOf(0x7b),
      end: bytes.lastIndexOf(0x7d) + 1,
    })
  })

  test.each([
    [
      'an escape in the email',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a\\u0040b"}',
    ],
    [
      'a non-ASCII email',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "ç@b"}',
    ],
    [
      'a repeated key',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a", "EMAIL_USUARIO": "b"}',
    ],
    [
      'one key in both forms',
      '{"SERVIÇO": "Dados Pessoais", "SERVI\\u00c7O": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a"}',
    ],
    [
      'an extra key',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a", "x": "y"}',
    ],
    ['no email', '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO"}'],
    ['an unknown action', '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "APAGAR", "EMAIL_USUARIO": "a"}'],
    [
      'an upper-case escape in a key',
      '{"SERVI\\u00C7O": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a"}',
    ],
    [
      'a number for a string',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": 1}',
    ],
    [
      'MODIFICAR without VALOR',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "MODIFICAR USUARIO", "EMAIL_USUARIO": "a", "CAMPO": "Nome"}',
    ],
    [
      'MODIFICAR with an unknown CAMPO',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "MODIFICAR USUARIO", "EMAIL_USUARIO": "a", "CAMPO": "Idade", "VALOR": "3"}',
    ],
    [
      'bytes after the object',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a"}x',
    ],
    [
      'two objects',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a"}{}',
    ],
    [
      'a trailing comma',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a",}',
    ],
    ['an empty object', '{}'],
    [
      'an unterminated string',
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a',
    ],
  ])('steps aside for %s', (_name, text) => {
    expect(readPlainRequest(utf8(text))).toBeUndefined()
  })

  test('reads every FIELD in both forms, including Endereço', () => {
    for (const field of FIELDS) {
      const value = request('MODIFICAR USUARIO', { CAMPO: field, VALOR: 'x' })
      for (const text of [dumps(value), JSON.stringify(value)]) {
        expect(readPlainRequest(utf8(text))?.field).toBe(field)
      }
    }
  })

  test('accepts every valid request with printable-ASCII strings, as either client writes it', () => {
    fc.assert(
      fc.property(
        fc.tuple(fullEntries({ email: plainOnly, text: plainOnly }), style),
        ([entries, s]) => {
          const bytes = utf8(entriesText(entries, s))
          expect(fieldsOf(readPlainRequest(bytes))).toEqual(generalRead(bytes))
        },
      ),
      { numRuns: 300 },
    )
  })

  test('agrees with JSON.parse and zod on the fuzz corpus', () => {
    fc.assert(
      fc.property(corpusInput(), (input) => agrees(input.bytes)),
      { numRuns: 1500 },
    )
  })

  test('agrees on valid requests with bytes changed, inserted and removed where it matters most', () => {
    // Structural bytes, escape starts, UTF-8 lead and continuation bytes, controls.
    const tricky = fc.constantFrom(
      0x22,
      0x5c,
      0x20,
      0x2c,
      0x3a,
      0x7b,
      0x7d,
      0x75,
      0x00,
      0x0a,
      0xc3,
      0x87,
      0x7f,
      0xff,
    )
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('set', 'insert', 'remove'),
      byte: tricky,
    })
    fc.assert(
      fc.property(
        fc.tuple(validEntries(), style),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        ([entries, s], edits) => {
          const bytes = [...utf8(entriesText(entries, s))]
          for (const { at, kind, byte } of edits) {
            const i = at % (bytes.length + 1)
            if (kind === 'insert') bytes.splice(i, 0, byte)
            else if (i < bytes.length) bytes.splice(i, 1, ...(kind === 'set' ? [byte] : []))
          }
          agrees(Uint8Array.from(bytes))
        },
      ),
      { numRuns: 3000 },
    )
  })
})
