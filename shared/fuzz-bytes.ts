// The corpus's byte families: invalid UTF-8, NUL bytes, deep nesting, huge bodies and random bytes.
import fc from 'fast-check'
import { dumps } from './codec.ts'
import { ACTION, EMAIL, FIELD, FIELDS, SERVICE, VALUE } from './protocol.ts'
import { concat } from './fuzz-chunking.ts'
import { valid } from './fuzz-json.ts'
import {
  DP,
  asBytes,
  entriesText,
  fuzzInput,
  style,
  utf8,
  validEntries,
  type Entries,
  type FuzzInput,
  type Strings,
} from './fuzz-requests.ts'

/** Byte sequences that are not UTF-8 (RFC 3629): overlong, surrogates, lone continuations, cut short. */
export const BAD_UTF8: readonly (readonly number[])[] = [
  [0xc0, 0x80], // overlong NUL
  [0xc1, 0xbf], // overlong
  [0xe0, 0x80, 0x80], // overlong
  [0xe0, 0x9f, 0xbf], // overlong
  [0xf0, 0x80, 0x80, 0x80], // overlong
  [0xf0, 0x8f, 0xbf, 0xbf], // overlong
  [0xed, 0xa0, 0x80], // surrogate U+D800
  [0xed, 0xbf, 0xbf], // surrogate U+DFFF
  [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], // CESU-8 pair for U+1F600
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xf5, 0x80, 0x80, 0x80],
  [0x80], // lone continuation
  [0xbf],
  [0x80, 0x80, 0x80],
  [0xc3], // truncated 2-byte
  [0xe2, 0x82], // truncated 3-byte
  [0xf0, 0x9f, 0x98], // truncated 4-byte
  [0xc3, 0x28], // lead then ASCII
  [0xfe],
  [0xff],
  [0xff, 0xfe], // UTF-16 BOM
]

/** Valid requests with a `BAD_UTF8` sequence put in. */
export function invalidUtf8(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc.tuple(valid(s), fc.nat(), fc.constantFrom(...BAD_UTF8)).map(([{ bytes }, i, bad]) => {
    // Mostly inside a string value (just before the closing quote of the last value), else anywhere.
    const closing = bytes.lastIndexOf(0x22)
    const at = i % 3 === 0 || closing < 0 ? i % (bytes.length + 1) : closing
    return fuzzInput(
      'invalid-utf8',
      concat([bytes.subarray(0, at), Uint8Array.from(bad), bytes.subarray(at)]),
    )
  })
}

/** NUL bytes: raw inside a request, escaped in an email, or alone. */
export function nul(s: Strings): fc.Arbitrary<FuzzInput> {
  const raw = fc
    .tuple(valid(s), fc.nat(), fc.integer({ min: 1, max: 3 }))
    .map(([{ bytes }, i, n]) => {
      const at = i % (bytes.length + 1)
      return fuzzInput(
        'nul',
        concat([bytes.subarray(0, at), new Uint8Array(n), bytes.subarray(at)]),
      )
    })
  // `\u0000` escaped is valid JSON: an email with a NUL in it is just an email.
  const escaped = fc
    .tuple(validEntries({ email: s.email.map((e) => e + '\u0000'), text: s.text }), style)
    .map(asBytes('nul'))
  return fc.oneof(
    raw,
    escaped,
    fc.integer({ min: 1, max: 64 }).map((n) => fuzzInput('nul', new Uint8Array(n))),
  )
}

/** Where deep nesting goes: bare, or as the value of a field the checks reach. */
const DEEP_PLACES = ['bare', SERVICE, ACTION, EMAIL, FIELD, VALUE, 'extra'] as const

/** Nesting up to `maxDepth`, bare or as the value of a field the checks reach. */
export function deep(s: Strings, maxDepth: number): fc.Arbitrary<FuzzInput> {
  // fast-check favours small integers; half the time take the range evenly, so deep is common too.
  // Either way a failure shrinks toward the smallest depth that fails.
  const range = fc.integer({ min: 1, max: maxDepth })
  const depth = fc.oneof(range, fc.noBias(range))
  return fc
    .record({
      depth,
      shape: fc.constantFrom('array', 'object', 'unclosed', 'mixed'),
      place: fc.constantFrom(...DEEP_PLACES),
      email: s.email,
      field: fc.constantFrom(...FIELDS),
    })
    .map(({ depth, shape, place, email, field }) => {
      const value =
        shape === 'array'
          ? '['.repeat(depth) + ']'.repeat(depth)
          : shape === 'object'
            ? '{"a": '.repeat(depth) + '1' + '}'.repeat(depth)
            : shape === 'mixed'
              ? '[{"a": '.repeat(depth) + '1' + '}]'.repeat(depth)
              : '['.repeat(depth)
      if (place === 'bare') return fuzzInput('deep', utf8(value))
      // The fields before `place` are valid, so the checks reach it.
      const before: Entries = [
        [SERVICE, DP],
        [ACTION, place === FIELD || place === VALUE ? 'MODIFICAR USUARIO' : 'CRIAR USUARIO'],
        [EMAIL, email],
        [FIELD, field],
      ]
      const stop = place === 'extra' ? 3 : before.findIndex(([k]) => k === place)
      const head = entriesText(before.slice(0, stop < 0 ? before.length : stop)).slice(0, -1)
      const key = place === 'extra' ? 'x' : place
      const text = head + (head === '{' ? '' : ', ') + dumps(key) + ': ' + value + '}'
      return fuzzInput('deep', utf8(text))
    })
}

/**
 * A request about `email` with one value padded so the whole body is `size` bytes (as close as the
 * padding allows): the email itself, VALOR, or a number or an array where the email belongs.
 */
export function paddedRequest(
  size: number,
  where: 'email' | 'value' | 'number' | 'array',
  email = 'eu@gmail.com',
): Uint8Array {
  const quoted = JSON.stringify(email)
  const head =
    '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "' +
    (where === 'value'
      ? `MODIFICAR USUARIO", "EMAIL_USUARIO": ${quoted}, "CAMPO": "Nome", "VALOR": `
      : 'CRIAR USUARIO", "EMAIL_USUARIO": ')
  const [open, fill, close] =
    where === 'number'
      ? ['', '1', '}']
      : where === 'array'
        ? ['[', '0,', '0]}']
        : [where === 'email' ? quoted.slice(0, -1) : '"', 'x', '"}']
  const fixed = utf8(head + open + close).length
  const n = Math.max(0, Math.floor((size - fixed) / fill.length))
  return utf8(head + open + fill.repeat(n) + close)
}

/** Requests padded to just under, at and over `maxMessage`. */
export function huge(s: Strings, maxMessage: number): fc.Arbitrary<FuzzInput> {
  const size = fc.oneof(
    fc.integer({ min: Math.max(0, maxMessage - 16), max: maxMessage + 16 }),
    fc.constantFrom(maxMessage - 1, maxMessage, maxMessage + 1, 2 * maxMessage),
  )
  const where = fc.constantFrom(
    'email' as const,
    'value' as const,
    'number' as const,
    'array' as const,
  )
  return fc
    .tuple(size, where, s.email)
    .map(([n, at, email]) => fuzzInput('huge', paddedRequest(n, at, email)))
}

// Tokens that JSON scanners trip over: brackets, quotes, escapes, separators.
const SOUP = ['{', '}', '[', ']', '"', '\\', '\\"', ':', ',', ' ', '\n', 'a', '1', 'null', 'ç']

/** Random bytes, random text, and soups of JSON tokens. */
export const random: fc.Arbitrary<FuzzInput> = fc
  .oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 80 }).map(utf8),
    fc.array(fc.constantFrom(...SOUP), { maxLength: 60 }).map((parts) => utf8(parts.join(''))),
  )
  .map((bytes) => fuzzInput('random', bytes))
