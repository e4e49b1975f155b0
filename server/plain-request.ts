// The server's fast path: reads the common request (a flat object of known keys and plain values) straight
// from its bytes, so most messages skip UTF-8 decoding, JSON.parse and zod. Anything else is left to them.
import { Buffer } from 'node:buffer'
import { dumpsString } from '../shared/codec.ts'
import {
  ACTION,
  ACTIONS,
  EMAIL,
  FIELD,
  FIELDS,
  SERVICE,
  SERVICES,
  VALUE,
  type ActionName,
  type FieldName,
} from '../shared/protocol.ts'

/** A request that passed PROTOCOL.md checks 1-5, read without JSON.parse. */
export interface PlainRequest {
  action: ActionName
  email: string
  /** CAMPO and VALOR, only when both are present and valid (so MODIFICAR's checks 10-12 pass). */
  field: FieldName | undefined
  value: string | undefined
  /** Where the object starts and ends in the bytes (only whitespace is outside). */
  start: number
  end: number
}

// Each known string as it may come: raw UTF-8, or escaped by json.dumps (the lesson's client escapes
// "SERVIÇO" as "SERVI\u00c7O"). Entry 2k and 2k+1 are the two forms of the k-th string.
const encoder = new TextEncoder()
const forms = (strings: readonly string[]) =>
  strings.flatMap((s) => [encoder.encode(s), encoder.encode(dumpsString(s).slice(1, -1))])
const KEYS = forms([SERVICE, ACTION, EMAIL, FIELD, VALUE])
const [K_SERVICE, K_ACTION, K_EMAIL] = [0, 1, 2] as const
// Per key, the strings its value must be one of (undefined: any plain string).
const VALUES = [forms(SERVICES), forms(ACTIONS), undefined, forms(FIELDS), undefined]

const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * The entry of `table` that the JSON string whose text starts at bytes[start] holds, or -1: the entry's
 * bytes, then a quote. No entry has a quote or ends in a backslash, so that quote ends the string.
 * One pass, stopping at the first differing byte: cheaper than finding the quote, then comparing.
 */
function matchString(
  table: readonly Uint8Array[],
  bytes: Uint8Array,
  start: number,
  n: number,
): number {
  outer: for (let t = 0; t < table.length; t++) {
    const entry = table[t]!
    const len = entry.length
    if (start + len >= n || bytes[start + len] !== QUOTE) continue
    for (let k = 0; k < len; k++) if (entry[k] !== bytes[start + k]) continue outer
    return t
  }
  return -1
}

/** The first index from `i` that is not JSON whitespace (n at the end). */
function skipSpace(bytes: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const b = bytes[i]!
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break
    i++
  }
  return i
}

/**
 * The request in `bytes` when it is exactly a JSON object whose keys are among SERVIÇO, AÇÃO,
 * EMAIL_USUARIO, CAMPO and VALOR (each at most once), whose SERVIÇO, AÇÃO and CAMPO are valid, and whose
 * EMAIL_USUARIO and VALOR are printable ASCII without escapes; otherwise undefined, and the caller
 * takes the general path. Whatever it returns is what JSON.parse and the zod schemas would have found.
 */
export function readPlainRequest(bytes: Uint8Array): PlainRequest | undefined {
  // Every read below stays in bounds: out-of-bounds reads make V8's loops markedly slower.
  const n = bytes.length
  // Keys seen, one bit each; then each value: an index in its key's table, or its start and end.
  let seen = 0
  let service = -1
  let action = -1
  let field = -1
  let emailStart = -1
  let emailEnd = -1
  let valueStart = -1
  let valueEnd = -1
  let i = skipSpace(bytes, 0, n)
  if (i === n || bytes[i] !== 0x7b) return undefined
  const objectStart = i
  for (;;) {
    // "key", once each
    i = skipSpace(bytes, i + 1, n)
    if (i === n || bytes[i] !== QUOTE) return undefined
    const k = matchString(KEYS, bytes, i + 1, n)
    if (k === -1) return undefined
    const key = k >> 1
    if (seen & (1 << key)) return undefined
    seen |= 1 << key
    i = skipSpace(bytes, i + 1 + KEYS[k]!.length + 1, n)
    if (i === n || bytes[i] !== 0x3a) return undefined
    i = skipSpace(bytes, i + 1, n)
    // "value": one of the key's known strings in either form, or printable ASCII with no escapes.
    if (i === n || bytes[i] !== QUOTE) return undefined
    const start = i + 1
    let end = start
    const table = VALUES[key]
    if (table === undefined) {
      for (; end < n; end++) {
        const b = bytes[end]!
        if (b === QUOTE) break
        if (b < 0x20 || b > 0x7e || b === BACKSLASH) return undefined
      }
      if (end === n) return undefined
      if (key === K_EMAIL) {
        emailStart = start
        emailEnd = end
      } else {
        valueStart = start
        valueEnd = end
      }
    } else {
      const t = matchString(table, bytes, start, n)
      if (t === -1) return undefined
      end = start + table[t]!.length
      if (key === K_SERVICE) service = t >> 1
      else if (key === K_ACTION) action = t >> 1
      else field = t >> 1
    }
    i = skipSpace(bytes, end + 1, n)
    if (i === n) return undefined
    if (bytes[i] === 0x7d) break
    if (bytes[i] !== 0x2c) return undefined
  }
  if (skipSpace(bytes, i + 1, n) !== n) return undefined
  if (service === -1 || action === -1 || emailStart === -1) return undefined
  // CAMPO and VALOR count only as a pair; a lone one leaves MODIFICAR's refusal to the general path.
  const pair = field !== -1 && valueStart !== -1
  if (!pair && ACTIONS[action] === 'MODIFICAR USUARIO') return undefined
  return {
    action: ACTIONS[action]!,
    email: latin1(bytes, emailStart, emailEnd),
    field: pair ? FIELDS[field] : undefined,
    value: pair ? latin1(bytes, valueStart, valueEnd) : undefined,
    start: objectStart,
    end: i + 1,
  }
}

// The bytes are printable ASCII here, so Latin-1 is their text. Buffer's native slice (public, if not in
// @types/node) takes a third of a TextDecoder's time and works on any Uint8Array.
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: Latin1Slice }).latin1Slice
type Latin1Slice = (this: Uint8Array, start: number, end: number) => string
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(bytes, start, end)
}
