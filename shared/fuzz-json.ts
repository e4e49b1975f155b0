// The corpus's JSON families: valid requests, fields missing, of the wrong type or repeated, cut short, not JSON.
import fc from 'fast-check'
import { ACTIONS, EMAIL, FIELDS, VALUE } from './protocol.ts'
import { concat } from './fuzz-chunking.ts'
import {
  DP,
  asBytes,
  eachFieldMissing,
  fullEntries,
  fuzzInput,
  notAString,
  style,
  utf8,
  validEntries,
  type FuzzInput,
  type Strings,
} from './fuzz-requests.ts'

/** Requests that pass every field check. */
export function valid(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc.tuple(validEntries(s), style).map(asBytes('valid'))
}

/** Full requests with one field left out. */
export function missing(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc
    .tuple(fullEntries(s), fc.nat(), style)
    .map(([entries, i, st]) =>
      asBytes('missing')([eachFieldMissing(entries)[i % entries.length]!, st]),
    )
}

/** Full requests with one value that is not a string. */
export function wrongType(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc.tuple(fullEntries(s), fc.nat(), notAString, style).map(([entries, i, bad, st]) => {
    const at = i % entries.length
    return asBytes('wrong-type')([entries.map((e, j) => (j === at ? [e[0], bad] : e)), st])
  })
}

/** Full requests with one key written twice. */
export function duplicateKey(s: Strings): fc.Arbitrary<FuzzInput> {
  const other = fc.oneof(notAString, fc.constantFrom(DP, ...ACTIONS, ...FIELDS))
  return fc
    .tuple(
      fullEntries(s),
      fc.nat(),
      fc.nat(),
      fc.oneof(s.email, s.text),
      other,
      fc.boolean(),
      style,
    )
    .map(([entries, which, where, free, bent, useBent, st]) => {
      const key = entries[which % entries.length]![0]
      // A string that can become a registry key comes from `s`, never from the constants.
      const keyLike = key === EMAIL || key === VALUE
      const value = useBent && !(keyLike && typeof bent === 'string') ? bent : free
      const out = [...entries]
      out.splice(where % (out.length + 1), 0, [key, value])
      return asBytes('duplicate-key')([out, st])
    })
}

/** Valid requests cut short. */
export function truncated(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc
    .tuple(valid(s), fc.nat())
    .map(([{ bytes }, cut]) =>
      fuzzInput('truncated', bytes.subarray(0, 1 + (cut % Math.max(1, bytes.length - 1)))),
    )
}

/** Texts that are not JSON, each in its own way. */
export const NOT_JSON = [
  '{not json}',
  '{}}',
  '{"a":1}}',
  '{"a":1,}',
  '[1,]',
  "{'SERVIÇO': 'Dados Pessoais'}",
  '{SERVIÇO: "Dados Pessoais"}',
  '{"a" "b"}',
  '{"a": NaN}',
  '{"a": Infinity}',
  '{"a": undefined}',
  '{"a": 01}',
  '{"a": "\\x41"}',
  '{"a": "\\u12"}',
  '{"a": "line\nbreak"}',
  '\ufeff{}',
  '{"a": 1} {"b": 2}',
  '',
  '   ',
  '{',
  '}',
  '"',
  '{"',
  '[',
  '{"a": [}',
  '{"a": {]}',
  '/* c */ {}',
]

const JSON_PUNCTUATION = '{}[]":,\\ \n0a-'

/** Texts that are not JSON: from `NOT_JSON`, or valid requests with one byte changed. */
export function invalidJson(s: Strings): fc.Arbitrary<FuzzInput> {
  const mutated = fc
    .tuple(
      valid(s),
      fc.nat(),
      fc.constantFrom(...JSON_PUNCTUATION),
      fc.constantFrom('set', 'insert', 'delete'),
    )
    .map(([{ bytes }, i, c, op]) => {
      const at = i % bytes.length
      const b = c.charCodeAt(0)
      const out =
        op === 'set'
          ? Uint8Array.from(bytes, (x, j) => (j === at ? b : x))
          : op === 'insert'
            ? concat([bytes.subarray(0, at), Uint8Array.of(b), bytes.subarray(at)])
            : concat([bytes.subarray(0, at), bytes.subarray(at + 1)])
      return fuzzInput('invalid-json', out)
    })
  return fc.oneof(
    fc.constantFrom(...NOT_JSON).map((t) => fuzzInput('invalid-json', utf8(t))),
    mutated,
  )
}
