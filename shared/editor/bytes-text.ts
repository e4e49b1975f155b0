// The raw editor's bytes mode: bytes as hex (`7b 22 0a`) or as text with escapes (`\xff`, `\0`, `\r\n`), both ways.
import { concatBytes } from '../pieces.ts'
import { HEX } from '../hex.ts'

/** Why a text is not bytes, and where: `at` is the index in the text (UTF-16 units) where it starts. */
export interface BytesTextError {
  ok: false
  at: number
  problem: 'not-hex' | 'odd-digits' | 'bad-escape' | 'bad-code-point'
  /** The offending piece of text, for the message. */
  text: string
}

/** Bytes read from a text, or why not (shaped like safeParse). */
export type BytesParse = { ok: true; bytes: Uint8Array } | BytesTextError

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Reads hex: pairs of digits in any case, separated or not by spaces, newlines or commas, each run
 * optionally prefixed with `0x` (`7b 22 0a`, `7b220a`, `0x7b, 0x22`). A run with an odd number of digits
 * is refused at its start, anything else at the first character that is not hex.
 */
export function parseHex(text: string): BytesParse {
  const out: number[] = []
  const run = /[\s,]*(0[xX])?([^\s,]*)/y
  let at = 0
  while (at < text.length) {
    run.lastIndex = at
    const m = run.exec(text)!
    const digits = m[2] ?? ''
    const start = m.index + m[0].length - digits.length
    const bad = digits.search(/[^0-9a-fA-F]/)
    if (bad >= 0)
      return { ok: false, at: start + bad, problem: 'not-hex', text: digits.charAt(bad) }
    if (digits.length % 2 !== 0)
      return { ok: false, at: start, problem: 'odd-digits', text: digits }
    if (m[1] !== undefined && digits === '')
      return { ok: false, at: start - 2, problem: 'not-hex', text: m[1] }
    for (let i = 0; i < digits.length; i += 2) out.push(parseInt(digits.slice(i, i + 2), 16))
    at = run.lastIndex
  }
  return { ok: true, bytes: Uint8Array.from(out) }
}

/** Bytes as lowercase hex pairs separated by spaces, `perLine` pairs to a line (16 by default). */
export function formatHex(bytes: Uint8Array, perLine = 16): string {
  const lines: string[] = []
  for (let i = 0; i < bytes.length; i += perLine)
    lines.push(Array.from(bytes.subarray(i, i + perLine), (b) => HEX[b]).join(' '))
  return lines.join('\n')
}

const SHORT: Record<string, number> = { '\\': 0x5c, '0': 0x00, r: 0x0d, n: 0x0a, t: 0x09 }

/**
 * Reads text with escapes: `\xHH` (one byte), `\0` (NUL, never octal: `\012` is NUL, "1", "2"), `\r`,
 * `\n`, `\t`, `\\`, and `\u{1F600}` (a code point as UTF-8); every other character is its UTF-8 bytes,
 * a real line break included. A lone surrogate has no UTF-8 and is refused.
 */
export function parseEscaped(text: string): BytesParse {
  const parts: Uint8Array[] = []
  let i = 0
  while (i < text.length) {
    const slash = text.indexOf('\\', i)
    const stop = slash < 0 ? text.length : slash
    if (stop > i) {
      // A run of plain characters is its UTF-8, which a lone surrogate does not have.
      const run = text.slice(i, stop)
      const lone = LONE_SURROGATE.exec(run)
      if (lone) return { ok: false, at: i + lone.index, problem: 'bad-code-point', text: lone[0] }
      parts.push(encoder.encode(run))
      i = stop
      continue
    }
    const escape = readEscape(text, i)
    if (!escape.ok) return escape
    parts.push(escape.bytes)
    i += escape.length
  }
  return { ok: true, bytes: concatBytes(parts) }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function readEscape(
  text: string,
  i: number,
): (BytesParse & { ok: true; length: number }) | BytesTextError {
  const short = SHORT[text.charAt(i + 1)]
  if (short !== undefined) return { ok: true, bytes: Uint8Array.of(short), length: 2 }
  const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(i + 1, i + 4))
  if (hex) return { ok: true, bytes: Uint8Array.of(parseInt(hex[1]!, 16)), length: 4 }
  const point = /^u\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 1, i + 11))
  if (!point) return { ok: false, at: i, problem: 'bad-escape', text: text.slice(i, i + 2) }
  const cp = parseInt(point[1]!, 16)
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return { ok: false, at: i, problem: 'bad-code-point', text: '\\' + point[0] }
  return { ok: true, bytes: encoder.encode(String.fromCodePoint(cp)), length: 1 + point[0].length }
}

/** How `formatEscaped` writes bytes. */
export interface EscapeOptions {
  /** Keep valid multi-byte UTF-8 as its characters (`ç`) rather than `\xc3\xa7` (default true). */
  utf8?: boolean
  /** Write each LF byte as a real line break rather than `\n` (default false). */
  lineBreaks?: boolean
}

// Characters that are valid UTF-8 but invisible or easy to mistake: controls, format characters (zero
// width, direction marks, the BOM), spaces other than ' ', combining marks (they would merge with the
// character before), private and unassigned code points, and U+FFFD itself (which would pass for a byte
// that is not UTF-8). They are written as \u{...}.
const CONFUSING = /^[\p{Cc}\p{Cf}\p{Z}\p{M}\p{Co}\p{Cn}\ufffd]$/u

/**
 * Bytes as text with escapes that `parseEscaped` reads back to the same bytes: printable ASCII as
 * is, `\\`, `\0`, `\r`, `\n`, `\t`, other bytes as `\xHH`; with `utf8`, valid multi-byte characters as
 * themselves, except invisible or confusing ones, written `\u{...}`.
 */
export function formatEscaped(bytes: Uint8Array, options: EscapeOptions = {}): string {
  const keepUtf8 = options.utf8 ?? true
  let out = ''
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b >= 0x20 && b < 0x7f) out += b === 0x5c ? '\\\\' : String.fromCharCode(b)
    else if (b === 0x0a) out += options.lineBreaks ? '\n' : '\\n'
    else if (b === 0x00) out += '\\0'
    else if (b === 0x0d) out += '\\r'
    else if (b === 0x09) out += '\\t'
    else {
      const size = keepUtf8 ? utf8Length(bytes, i) : 0
      if (size === 0) out += '\\x' + HEX[b]
      else {
        const ch = decoder.decode(bytes.subarray(i, i + size))
        out += CONFUSING.test(ch) ? `\\u{${ch.codePointAt(0)!.toString(16)}}` : ch
        i += size
        continue
      }
    }
    i++
  }
  return out
}

/** Length of the valid multi-byte UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates, > U+10FFFF), or 0. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!
  const [need, min] =
    b >= 0xc2 && b <= 0xdf
      ? [1, 0x80]
      : b >= 0xe0 && b <= 0xef
        ? [2, 0x800]
        : b >= 0xf0 && b <= 0xf4
          ? [3, 0x10000]
          : [0, 0]
  if (need === 0) return 0
  let cp = b & (0x3f >> need)
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k]
    if (c === undefined || (c & 0xc0) !== 0x80) return 0
    cp = (cp << 6) | (c & 0x3f)
  }
  if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return 0
  return need + 1
}
