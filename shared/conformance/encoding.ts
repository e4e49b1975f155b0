// How an answer's text departs from json.dumps: compact separators, raw UTF-8 (ensure_ascii=False), uppercase hex.
import { dumps, dumpsString } from '../codec.ts'
import { finding, say } from './sentences.ts'
import type { Finding } from './types.ts'

/** Text of `value` as json.dumps with these separators would write it (otherwise Python's defaults). */
export function dumpsWith(value: unknown, comma: string, colon: string): string {
  if (typeof value === 'string') return dumpsString(value)
  if (Array.isArray(value))
    return '[' + value.map((x) => dumpsWith(x, comma, colon)).join(comma) + ']'
  if (typeof value === 'object' && value !== null) {
    const parts = Object.entries(value).map(
      ([k, x]) => dumpsString(k) + colon + dumpsWith(x, comma, colon),
    )
    return '{' + parts.join(comma) + '}'
  }
  return dumps(value)
}

/**
 * The text with every string character written as json.dumps writes it: raw non-ASCII (and DEL)
 * escaped, and every \uXXXX in lowercase. What remains different is the separators or worse.
 */
export function normalizeEscapes(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const c = text.charCodeAt(i)
    if (ch === '\\') {
      const next = text[i + 1] ?? ''
      out += ch + next
      i++
      if (next === 'u') {
        out += text.slice(i + 1, i + 5).toLowerCase()
        i += 4
      }
    } else if (c >= 0x7f) out += '\\u' + c.toString(16).padStart(4, '0')
    else out += ch
  }
  return out
}

const SEPARATORS = [
  [', ', ': '],
  [',', ':'],
  [', ', ':'],
  [',', ': '],
] as const

// An escape with an uppercase hex digit, not itself preceded by an escaping backslash.
const UPPER_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?=[0-9a-fA-F]{0,3}[A-F])[0-9a-fA-F]{4}/

/**
 * Names how `text` (a valid JSON answer whose value is `value`) differs from json.dumps(value): [] when
 * it is exactly json.dumps's; one finding per property that differs; `other-encoding` when the
 * separators are not the only other difference (an indent, spaces elsewhere).
 */
export function encodingFindings(text: string, value: unknown, firstDiff: number): Finding[] {
  if (dumps(value) === text) return []
  const out: Finding[] = []
  const normal = normalizeEscapes(text)
  const seps = SEPARATORS.find(([comma, colon]) => dumpsWith(value, comma, colon) === normal)
  if (seps && seps !== SEPARATORS[0]) {
    out.push(finding('compact-separators', say.compact(seps[0] === ',', seps[1] === ':')))
  }
  if (/[\u007f-\uffff]/.test(text)) {
    const word = rawWord(text)
    out.push(finding('raw-utf8', say.rawUtf8(word, dumpsString(word).slice(1, -1))))
  }
  const upper = UPPER_ESCAPE.exec(text)?.[0].replace(/^(\\\\)*/, '')
  if (upper !== undefined)
    out.push(finding('uppercase-hex', say.uppercaseHex(upper, upper.toLowerCase())))
  if (!seps) out.push(finding('other-encoding', say.otherEncoding(firstDiff)))
  return out
}

// The word around the first raw non-ASCII character ("EXPLICAÇÃO"), to name it in the sentence.
function rawWord(text: string): string {
  const chars = Array.from(text)
  const at = chars.findIndex((c) => c.codePointAt(0)! >= 0x7f)
  if (at < 0) return ''
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c)
  let from = at
  let to = at + 1
  while (isWord(chars[from - 1])) from--
  while (isWord(chars[to])) to++
  return chars.slice(from, to).join('')
}
