// The fuzz corpus: fast-check arbitraries for request bodies (good, bad and hostile) and for chunkings.
import fc from 'fast-check'
import { dumps } from './codec.ts'
import { ACTION, ACTIONS, EMAIL, FIELD, FIELDS, SERVICE, SERVICES, VALUE } from './protocol.ts'

const encoder = new TextEncoder()
const utf8 = (s: string): Uint8Array => encoder.encode(s)

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
    Array.from(part, (b) =>
      b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\\x' + b.toString(16).padStart(2, '0'),
    ).join('')
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

export interface CorpusOptions extends RequestStrings {
  /** The size limit under test: huge inputs land just under, at and over it (default 64 KiB). */
  maxMessage?: number
  /** Deepest nesting generated (default 100k). */
  maxDepth?: number
  /** How often each family comes up in `corpusInput`, over `WEIGHTS`. */
  weights?: Partial<Record<FuzzKind, number>>
}

const DP = SERVICES[0]

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

const style = fc.constantFrom('python' as const, 'compact' as const)

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

type Strings = Required<RequestStrings>
const withDefaults = (s: RequestStrings): Strings => ({
  email: s.email ?? anyEmail,
  text: s.text ?? anyString,
})

const isProtocolKey = (k: string) =>
  k === SERVICE || k === ACTION || k === EMAIL || k === FIELD || k === VALUE

function rotate<T>(items: T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}

const asBytes =
  (kind: FuzzKind) =>
  ([entries, s]: [Entries, 'python' | 'compact']): FuzzInput =>
    fuzzInput(kind, utf8(entriesText(entries, s)))

function valid(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc.tuple(validEntries(s), style).map(asBytes('valid'))
}

function missing(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc
    .tuple(fullEntries(s), fc.nat(), style)
    .map(([entries, i, st]) =>
      asBytes('missing')([eachFieldMissing(entries)[i % entries.length]!, st]),
    )
}

function wrongType(s: Strings): fc.Arbitrary<FuzzInput> {
  return fc.tuple(fullEntries(s), fc.nat(), notAString, style).map(([entries, i, bad, st]) => {
    const at = i % entries.length
    return asBytes('wrong-type')([entries.map((e, j) => (j === at ? [e[0], bad] : e)), st])
  })
}

function duplicateKey(s: Strings): fc.Arbitrary<FuzzInput> {
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

function truncated(s: Strings): fc.Arbitrary<FuzzInput> {
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

function invalidJson(s: Strings): fc.Arbitrary<FuzzInput> {
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

function invalidUtf8(s: Strings): fc.Arbitrary<FuzzInput> {
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

function nul(s: Strings): fc.Arbitrary<FuzzInput> {
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

function deep(s: Strings, maxDepth: number): fc.Arbitrary<FuzzInput> {
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

function huge(s: Strings, maxMessage: number): fc.Arbitrary<FuzzInput> {
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

const random: fc.Arbitrary<FuzzInput> = fc
  .oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 80 }).map(utf8),
    fc.array(fc.constantFrom(...SOUP), { maxLength: 60 }).map((parts) => utf8(parts.join(''))),
  )
  .map((bytes) => fuzzInput('random', bytes))

/** Each family on its own, for properties that want one. */
export function corpusFamilies(
  options: CorpusOptions = {},
): Record<FuzzKind, fc.Arbitrary<FuzzInput>> {
  const s = withDefaults(options)
  return {
    valid: valid(s),
    missing: missing(s),
    'wrong-type': wrongType(s),
    'duplicate-key': duplicateKey(s),
    truncated: truncated(s),
    'invalid-json': invalidJson(s),
    'invalid-utf8': invalidUtf8(s),
    nul: nul(s),
    deep: deep(s, options.maxDepth ?? 100_000),
    huge: huge(s, options.maxMessage ?? 64 * 1024),
    random,
  }
}

/** How often each family comes up in `corpusInput` by default. */
export const WEIGHTS: Readonly<Record<FuzzKind, number>> = {
  valid: 4,
  missing: 2,
  'wrong-type': 2,
  'duplicate-key': 2,
  truncated: 1,
  'invalid-json': 2,
  'invalid-utf8': 2,
  nul: 1,
  deep: 1,
  huge: 1,
  random: 2,
}

/** One corpus input, from any family. */
export function corpusInput(options: CorpusOptions = {}): fc.Arbitrary<FuzzInput> {
  const families = corpusFamilies(options)
  const weights = { ...WEIGHTS, ...options.weights }
  return fc.oneof(
    ...(Object.keys(weights) as FuzzKind[])
      .filter((kind) => weights[kind] > 0)
      .map((kind) => ({ arbitrary: families[kind], weight: weights[kind] })),
  )
}

/**
 * How a byte stream is cut into reads: whole, one byte per read, fixed-size reads, or cuts at
 * positions (taken modulo the stream length, so they shrink well; a repeated cut is an empty read).
 */
export type Chunking =
  | { kind: 'whole' }
  | { kind: 'bytes' }
  | { kind: 'size'; size: number }
  | { kind: 'cuts'; at: number[] }

/** A chunking: every kind, with 1-byte reads and random cut points both common. */
export const chunking: fc.Arbitrary<Chunking> = fc.oneof(
  fc.constant({ kind: 'whole' as const }),
  fc.constant({ kind: 'bytes' as const }),
  fc.integer({ min: 1, max: 700 }).map((size) => ({ kind: 'size' as const, size })),
  {
    arbitrary: fc.array(fc.nat(), { maxLength: 24 }).map((at) => ({ kind: 'cuts' as const, at })),
    weight: 3,
  },
)

/** The reads `chunking` makes of `bytes`; their concatenation is `bytes`. */
export function splitBytes(bytes: Uint8Array, c: Chunking): Uint8Array[] {
  switch (c.kind) {
    case 'whole':
      return [bytes]
    case 'bytes':
      return Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))
    case 'size': {
      const out: Uint8Array[] = []
      for (let i = 0; i < bytes.length; i += c.size) out.push(bytes.subarray(i, i + c.size))
      return out
    }
    case 'cuts': {
      const cuts = c.at.map((n) => n % (bytes.length + 1)).sort((a, b) => a - b)
      const out: Uint8Array[] = []
      let from = 0
      for (const cut of cuts) {
        out.push(bytes.subarray(from, cut))
        from = cut
      }
      out.push(bytes.subarray(from))
      return out
    }
  }
}

/** Joins byte arrays into one. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
