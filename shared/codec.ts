// Bytes <-> values: Python json.dumps-exact encoding, and strict UTF-8 + JSON decoding with clear failures.
import { wlError } from './errors.ts'
import { HEX } from './hex.ts'

const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

// json.dumps (ensure_ascii=True) escapes '"', '\\' and everything outside ' '..'~', one UTF-16 unit at a time,
// which yields surrogate pairs for characters beyond U+FFFF, exactly like Python.
const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f',
}

/** A JSON string literal exactly as Python's json.dumps writes it. */
export function dumpsString(s: string): string {
  // A hand loop: this runs once or twice per answer, and a regex replace with a callback is several
  // times slower on the server's hot path.
  let out = '"'
  let last = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) continue
    if (i > last) out += s.slice(last, i)
    out += SHORT_ESCAPES[c] ?? '\\u' + HEX[c >> 8] + HEX[c & 0xff]
    last = i + 1
  }
  return last === 0 ? '"' + s + '"' : out + s.slice(last) + '"'
}

// Python prints integers in full and floats with repr(): shortest round-trip digits (as JS), but with
// an exponent from 1e16 up or below 1e-4, written with a sign and at least two digits ("1e+16", "1e-05").
function dumpsNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n)
  const [mantissa = '', exponent] = n.toExponential().split('e')
  const exp = Number(exponent)
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+'
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`
  }
  const fixed = String(n)
  return fixed.includes('.') || fixed.includes('e') ? fixed : fixed + '.0'
}

/**
 * Text exactly as Python's `json.dumps(value)` with default arguments. Objects keep their insertion
 * order (JS puts integer-like keys first, which Python would not; the protocol has none).
 */
export function dumps(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'string':
      return dumpsString(value)
    case 'number':
      return dumpsNumber(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      // Plain concatenation: V8 builds these as ropes, cheaper than arrays joined per call.
      let out = ''
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ', ') + dumps(value[i])
        return '[' + out + ']'
      }
      for (const key of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[key]
        out += (out === '' ? '' : ', ') + dumpsString(key) + ': ' + dumps(v)
      }
      return '{' + out + '}'
    }
    default:
      throw wlError(
        'WL_ERR_NOT_SERIALIZABLE',
        `Object of type ${typeof value} is not JSON serializable`,
      )
  }
}

/** UTF-8 bytes of `dumps(value)`: what the server puts on the wire before framing. */
export function dumpsBytes(value: unknown): Uint8Array {
  return encoder.encode(dumps(value))
}

/** Offset of the first byte that makes `bytes` invalid UTF-8, or -1 when it is valid. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0
  const n = bytes.length
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1
      min = 0x80
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      min = 0x800
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      min = 0x10000
    } else return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid (RFC 3629).
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i
    i += need + 1
  }
  return -1
}

/** Outcome of decoding one message's bytes: a value, or why it is not one (shaped like safeParse). */
export type Parsed =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'utf8'; offset: number }
  | { ok: false; problem: 'json'; detail: string }

/** Decodes one message: strict UTF-8 (naming the first bad byte), then JSON. Never throws. */
export function parseMessage(bytes: Uint8Array): Parsed {
  let text: string
  try {
    text = strictDecoder.decode(bytes)
  } catch {
    return { ok: false, problem: 'utf8', offset: Math.max(0, invalidUtf8Offset(bytes)) }
  }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    return { ok: false, problem: 'json', detail: describeJsonError(text, err) }
  }
}

// V8's JSON.parse messages are English and vary by version; keep only the position, in Portuguese.
function describeJsonError(text: string, err: unknown): string {
  if (text.trim() === '') return 'mensagem vazia'
  const message = err instanceof Error ? err.message : ''
  const at = /position (\d+)/.exec(message)
  if (at) {
    const pos = Number(at[1])
    const near = JSON.stringify(text.slice(pos, pos + 12))
    return `erro de sintaxe no caractere ${pos + 1} (perto de ${near})`
  }
  if (/end of JSON|Unterminated/i.test(message)) return 'a mensagem termina antes do fim do JSON'
  const token = /Unexpected token '?(.)'?/.exec(message)
  if (token) return `caractere inesperado ${JSON.stringify(token[1])}`
  return 'erro de sintaxe'
}

/** A short Portuguese description of a JSON value's kind, for the "not an object" refusal. */
export function describeKind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'um array'
  switch (typeof value) {
    case 'string':
      return 'uma string'
    case 'number':
      return 'um número'
    case 'boolean':
      return value ? 'true' : 'false'
    default:
      return 'um objeto'
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
