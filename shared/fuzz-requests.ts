// The corpus's requests: inputs and their previews, the strings that fill requests, and requests as entries.
import fc from 'fast-check'
import { dumps } from './codec.ts'
import { ACTION, ACTIONS, EMAIL, FIELD, FIELDS, SERVICE, SERVICES, VALUE } from './protocol.ts'
import { escapeByte } from './hex.ts'

const encoder = new TextEncoder()
/** A string as UTF-8 bytes. */
export const utf8 = (s: string): Uint8Array => encoder.encode(s)

/** The family a corpus input comes from, so a failing property says what it was fed. */
export type FuzzKind =
  | 'valid'
  | 'missing'
  | 'wrong-type'
  | 'duplicate-key'
  | 'truncated'
  | 'invalid-json'
  | 'invalid-utf8'
  | 'nul'
  | 'deep'
  | 'huge'
  | 'random'

/** One message body of the corpus. */
export interface FuzzInput {
  kind: FuzzKind
  bytes: Uint8Array
}

/** Bytes as short readable text: printable ASCII as is, other bytes as \xNN, long inputs elided. */
export function preview(bytes: Uint8Array, head = 100, tail = 40): string {
  const show = (part: Uint8Array) =>
    Array.from(part, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : escapeByte(b))).join(
      '',
    )
  return bytes.length <= head + tail
    ? show(bytes)
    : `${show(bytes.subarray(0, head))}…(${bytes.length} bytes)…${show(bytes.subarray(-tail))}`
}

/** A corpus input that fast-check prints as its kind and a preview, not as every byte of 100 kB. */
export function fuzzInput(kind: FuzzKind, bytes: Uint8Array): FuzzInput {
  const value = { kind, bytes }
  Object.defineProperty(value, fc.toStringMethod, { value: () => `${kind}(${preview(bytes)})` })
  return value
}

/** A request as ordered key/value pairs: JSON text may repeat a key, which an object cannot. */
export type Entries = readonly (readonly [string, unknown])[]

/**
 * Where a request's strings come from. Every string that can become a registry key (EMAIL_USUARIO,
 * and VALOR through a rename) is drawn from these, so clients sharing a server can keep apart.
 */
export interface RequestStrings {
  /** EMAIL_USUARIO values (default `anyEmail`). */
  email?: fc.Arbitrary<string>
  /** VALOR values besides emails (default `anyString`). */
  text?: fc.Arbitrary<string>
}

/** The lesson's one SERVIÇO. */
export const DP = SERVICES[0]

/** Emails that collide on purpose: the lesson's, prototype names, case and space variants, NUL. */
export const EMAIL_POOL = [
  'eu@gmail.com',
  'meu@gmail.com',
  'a@b',
  '__proto__',
  'constructor',
  '',
  ' eu@gmail.com',
  'EU@gmail.com',
  'ç😀@x',
  'nul\u0000@x',
] as const

/** A string with one UTF-16 surrogate half in it: valid as a JSON `\u` escape, not as UTF-8. */
export const loneSurrogateString: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }))
  .map(([s, unit]) => s + String.fromCharCode(unit))

/** Any text: ASCII-heavy, full Unicode, or with a lone surrogate. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  loneSurrogateString,
)

/** An email from the pool (mostly, so users collide) or any string. */
export const anyEmail: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...EMAIL_POOL), weight: 4 },
  { arbitrary: anyString, weight: 1 },
)

/** A JSON value that is not a string: what a confused client puts where a string belongs. */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom([DP], { [SERVICE]: DP }, ['CRIAR USUARIO'], 3218181),
  fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'string'),
)

/** Text of a request's entries, as the lesson's client (Python json.dumps) or as JSON.stringify writes it. */
export function entriesText(entries: Entries, style: 'python' | 'compact' = 'python'): string {
  const [sep, colon, key, value] =
    style === 'python'
      ? [', ', ': ', dumps, dumps]
      : [',', ':', (v: unknown) => JSON.stringify(v), (v: unknown) => JSON.stringify(v) ?? 'null']
  return '{' + entries.map(([k, v]) => key(k) + colon + value(v)).join(sep) + '}'
}

/** How a request is written: as Python json.dumps does, or compact. */
export const style = fc.constantFrom('python' as const, 'compact' as const)

/** A request that passes every field check: one of the four AÇÕES, CAMPO and VALOR for MODIFICAR. */
export function validEntries(strings: RequestStrings = {}): fc.Arbitrary<Entries> {
  const { email, text } = withDefaults(strings)
  return fc
    .record({
      action: fc.constantFrom(...ACTIONS),
      email,
      field: fc.constantFrom(...FIELDS),
      // Renames often pick another pool email, so collisions happen.
      value: fc.oneof(email, text),
      extra: fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })), {
        maxLength: 2,
      }),
      order: fc.nat(),
    })
    .map(({ action, email, field, value, extra, order }) => {
      const entries: [string, unknown][] = [
        [SERVICE, DP],
        [ACTION, action],
        [EMAIL, email],
      ]
      if (action === 'MODIFICAR USUARIO') entries.push([FIELD, field], [VALUE, value])
      // Extra fields are ignored (PROTOCOL.md), except one that repeats a protocol key: keep those out.
      for (const e of extra) if (!isProtocolKey(e[0])) entries.push(e)
      return rotate(entries, order)
    })
}

/** A request with all five fields (CAMPO and VALOR even where the AÇÃO ignores them). */
export function fullEntries(strings: RequestStrings = {}): fc.Arbitrary<Entries> {
  const { email, text } = withDefaults(strings)
  return fc
    .tuple(fc.constantFrom(...ACTIONS), email, fc.constantFrom(...FIELDS), fc.oneof(email, text))
    .map(([action, email, field, value]) => [
      [SERVICE, DP],
      [ACTION, action],
      [EMAIL, email],
      [FIELD, field],
      [VALUE, value],
    ])
}

/** Every variant of `entries` with one key left out, in turn (PROTOCOL.md checks 1, 3, 5, 10, 12). */
export function eachFieldMissing(entries: Entries): Entries[] {
  return entries.map((_, i) => entries.filter((__, j) => j !== i))
}

/** RequestStrings with the defaults filled in. */
export type Strings = Required<RequestStrings>
/** The request strings, `anyEmail` and `anyString` where none are given. */
export const withDefaults = (s: RequestStrings): Strings => ({
  email: s.email ?? anyEmail,
  text: s.text ?? anyString,
})

const isProtocolKey = (k: string) =>
  k === SERVICE || k === ACTION || k === EMAIL || k === FIELD || k === VALUE

function rotate<T>(items: T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}

/** Entries written in a style, as a corpus input of `kind`. */
export const asBytes =
  (kind: FuzzKind) =>
  ([entries, s]: [Entries, 'python' | 'compact']): FuzzInput =>
    fuzzInput(kind, utf8(entriesText(entries, s)))
