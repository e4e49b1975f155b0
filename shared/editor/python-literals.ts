// Python source for values: bytes literals as Python's repr writes them, str literals, dicts from JSON.
import { dumps, dumpsString } from '../codec.ts'
import { escapeByte } from '../hex.ts'

/** A bytes literal exactly as Python's `repr(bytes)` writes it (so a test can compare printed output). */
export function pyBytes(bytes: Uint8Array): string {
  // repr picks single quotes unless the bytes hold ' and no ".
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'"
  let out = 'b' + quote
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\'
    else if (b === quote.charCodeAt(0)) out += '\\' + quote
    else if (b === 0x09) out += '\\t'
    else if (b === 0x0a) out += '\\n'
    else if (b === 0x0d) out += '\\r'
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b)
    else out += escapeByte(b)
  }
  return out + quote
}

// Kept as themselves in a str literal: printable ASCII and letters, marks, numbers, punctuation and
// symbols beyond it; anything else (controls, format characters, odd spaces, lone surrogates) is escaped.
const PLAIN = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u

/** A Python str literal in double quotes that evaluates to `s` (lone surrogates included). */
export function pyStr(s: string): string {
  let out = '"'
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (ch === '"' || ch === '\\') out += '\\' + ch
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (PLAIN.test(ch) && !(cp >= 0xd800 && cp <= 0xdfff)) out += ch
    else if (cp <= 0xff) out += escapeByte(cp)
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0')
    else out += '\\U' + cp.toString(16).padStart(8, '0')
  }
  return out + '"'
}

/** A parsed JSON value as a Python literal (`None`, `True`, numbers as json.dumps writes them, str, list, dict). */
export function pyValue(value: unknown, indent?: string): string {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return dumps(value)
  if (typeof value === 'string') return pyStr(value)
  if (Array.isArray(value)) return '[' + value.map((v) => pyValue(v)).join(', ') + ']'
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${pyStr(k)}: ${pyValue(v)}`,
  )
  // The lesson writes a request one key per line, with a trailing comma.
  if (indent === undefined || entries.length === 0) return '{' + entries.join(', ') + '}'
  return '{\n' + entries.map((e) => `${indent}    ${e},\n`).join('') + indent + '}'
}

/**
 * How Python's json.dumps writes a value with default separators: `ensureAscii` true escapes every
 * non-ASCII character (the default, as the lesson sends), false keeps them (`ensure_ascii=False`).
 */
export function pyDumps(value: unknown, ensureAscii: boolean): string {
  if (ensureAscii) return dumps(value)
  if (typeof value === 'string') return dumpsUnicode(value)
  if (Array.isArray(value)) return '[' + value.map((v) => pyDumps(v, false)).join(', ') + ']'
  if (typeof value === 'object' && value !== null)
    return (
      '{' +
      Object.entries(value)
        .map(([k, v]) => `${dumpsUnicode(k)}: ${pyDumps(v, false)}`)
        .join(', ') +
      '}'
    )
  return dumps(value)
}

// json.dumps(ensure_ascii=False) escapes only '"', '\\' and the C0 controls.
function dumpsUnicode(s: string): string {
  // eslint-disable-next-line no-control-regex -- the C0 controls are exactly what must be escaped
  return '"' + s.replace(/[\x00-\x1f"\\]/g, (c) => dumpsString(c).slice(1, -1)) + '"'
}
