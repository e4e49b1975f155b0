// Bytes <-> values: Python json.dumps-exact encoding, and strict UTF-8 + JSON decoding with clear failures.

const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

// json.dumps (ensure_ascii=True) escapes '"', '\\' and everything outside ' '..'~', one UTF-16 unit at a time,
// which yields surrogate pairs for characters beyond U+FFFF, exactly like Python.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f-\uffff]/g
const SHORT_ESCAPES: Record<string, string> = Object.assign(Object.create(null), {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
})

function escapeUnit(ch: string): string {
  return SHORT_ESCAPES[ch] ?? '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')
}

/** A JSON string literal exactly as Python's json.dumps writes it. */
export function dumpsString(s: string): string {
  return '"' + s.replace(NEEDS_ESCAPE, escapeUnit) + '"'
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
      if (Array.isArray(value)) return '[' + value.map(dumps).join(', ') + ']'
      const parts: string[] = []
      for (const [k, v] of Object.entries(value)) parts.push(dumpsString(k) + ': ' + dumps(v))
      return '{' + parts.join(', ') + '}'
    }
    default:
      throw Object.assign(
        new TypeError(`Object of type ${typeof value} is not JSON serializable`),
        {
          code: 'WL_ERR_NOT_SERIALIZABLE',
        },
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
