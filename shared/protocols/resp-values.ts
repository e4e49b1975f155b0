// Redis RESP values as the log shows them, commands as bytes, and redis-cli's way of printing a reply.
import { escapeByte } from '../hex.ts'
import { concatBytes } from '../pieces.ts'

/** A string's bytes with their UTF-8 text (U+FFFD for invalid bytes), and whether they were valid UTF-8. */
export interface RespBytes {
  bytes: Uint8Array
  text: string
  utf8: boolean
}

/** One RESP2 or RESP3 value, or an inline command line (client side). */
export type RespValue =
  | { type: 'simple'; text: string } // +OK
  | { type: 'error'; text: string } // -ERR ...
  | { type: 'integer'; text: string } // :1000 (the digits as sent: 64-bit values stay exact)
  | { type: 'double'; text: string } // ,3.14  ,inf  ,nan
  | { type: 'bignum'; text: string } // (3492890328409238509324850943850943825024385
  | { type: 'boolean'; value: boolean } // #t  #f
  | { type: 'null'; marker: '$' | '*' | '_' } // $-1  *-1  _
  | ({ type: 'bulk' } & RespBytes) // $5\r\nhello
  | ({ type: 'blob-error' } & RespBytes) // !21\r\nSYNTAX invalid syntax
  | ({ type: 'verbatim'; format: string } & RespBytes) // =15\r\ntxt:Some string
  | { type: 'array' | 'set' | 'push'; items: RespValue[] } // *  ~  >
  | { type: 'map' | 'attribute'; entries: [RespValue, RespValue][] } // %  |
  /** A command as one text line, as redis-cli users type it; `unbalanced` when a quote is left open. */
  | { type: 'inline'; line: string; args: string[]; unbalanced: boolean }

const encoder = new TextEncoder()
const strict = new TextDecoder('utf-8', { fatal: true })
const lenient = new TextDecoder('utf-8')

/** The bytes with their text for display. */
export function respBytes(bytes: Uint8Array): RespBytes {
  try {
    return { bytes, text: strict.decode(bytes), utf8: true }
  } catch {
    return { bytes, text: lenient.decode(bytes), utf8: false }
  }
}

/** A command as Redis clients send it: an array of bulk strings (`*3\r\n$3\r\nSET\r\n...`). */
export function respCommand(args: readonly (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode(`*${args.length}\r\n`)]
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? encoder.encode(arg) : arg
    parts.push(encoder.encode(`$${bytes.length}\r\n`), bytes, encoder.encode('\r\n'))
  }
  return concatBytes(parts)
}

/** A command as one inline line (`SET k "two words"\r\n`), quoting what redis-cli would have to quote. */
export function inlineCommand(args: readonly string[]): Uint8Array {
  return encoder.encode(args.map(quoteArg).join(' ') + '\r\n')
}

function quoteArg(arg: string): string {
  // A leading '*' would make Redis read the line as an array; quotes and backslashes are syntax.
  if (/^[^*"'\\][^"'\\]*$/.test(arg) && /^[\x21-\x7e\u00a0-\uffff]+$/.test(arg)) return arg
  let out = '"'
  for (const b of encoder.encode(arg)) {
    if (b === 0x22) out += '\\"'
    else if (b === 0x5c) out += '\\\\'
    else if (b === 0x0a) out += '\\n'
    else if (b === 0x0d) out += '\\r'
    else if (b === 0x09) out += '\\t'
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b)
    else out += escapeByte(b)
  }
  return out + '"'
}

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d)
const isHex = (c: number) => /^[0-9a-fA-F]$/.test(String.fromCharCode(c))
const SHORT: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x61: 0x07 }

/**
 * Splits an inline command line into arguments as Redis does (sds.c sdssplitargs): spaces separate,
 * "double quotes" take \xHH, \n, \r, \t, \b, \a and \" escapes, 'single quotes' take \'. A closing quote
 * must be followed by a space or the end; otherwise, or when a quote is left open, it is unbalanced.
 */
export function splitInline(line: Uint8Array): { args: Uint8Array[]; unbalanced: boolean } {
  const args: Uint8Array[] = []
  let i = 0
  const n = line.length
  for (;;) {
    while (i < n && isSpace(line[i]!)) i++
    if (i >= n) return { args, unbalanced: false }
    const arg: number[] = []
    let quote = 0 // 0, '"' or "'"
    for (;;) {
      const c = line[i]
      if (quote === 0x22) {
        if (c === undefined) return { args, unbalanced: true }
        const next = line[i + 1]
        if (c === 0x5c && next === 0x78 && isHex(line[i + 2] ?? 0) && isHex(line[i + 3] ?? 0)) {
          arg.push(parseInt(String.fromCharCode(line[i + 2]!, line[i + 3]!), 16))
          i += 4
          continue
        }
        if (c === 0x5c && next !== undefined) {
          arg.push(SHORT[next] ?? next)
          i += 2
          continue
        }
        if (c === 0x22) {
          if (line[i + 1] !== undefined && !isSpace(line[i + 1]!)) return { args, unbalanced: true }
          i++
          break
        }
        arg.push(c)
        i++
      } else if (quote === 0x27) {
        if (c === undefined) return { args, unbalanced: true }
        if (c === 0x5c && line[i + 1] === 0x27) {
          arg.push(0x27)
          i += 2
          continue
        }
        if (c === 0x27) {
          if (line[i + 1] !== undefined && !isSpace(line[i + 1]!)) return { args, unbalanced: true }
          i++
          break
        }
        arg.push(c)
        i++
      } else {
        if (c === undefined || isSpace(c)) break
        if (c === 0x22 || c === 0x27) quote = c
        else arg.push(c)
        i++
      }
    }
    args.push(Uint8Array.from(arg))
  }
}

/**
 * The value of a one-line type (`+ - : , ( # _`) from its text, or why the text is malformed. `check`
 * false takes the text as is (a value past the size limit, whose text was not kept).
 */
export function simpleValue(type: string, text: string, check = true): RespValue | string {
  const ok = (valid: boolean) => !check || valid
  switch (type) {
    case '+':
      return { type: 'simple', text }
    case '-':
      return { type: 'error', text }
    case ':':
      return ok(/^[+-]?\d+$/.test(text)) ? { type: 'integer', text } : `bad integer "${text}"`
    case '(':
      return ok(/^[+-]?\d+$/.test(text)) ? { type: 'bignum', text } : `bad number "${text}"`
    case ',':
      return ok(/^[+-]?(inf|nan|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i.test(text))
        ? { type: 'double', text }
        : `bad double "${text}"`
    case '#':
      return ok(text === 't' || text === 'f')
        ? { type: 'boolean', value: text === 't' }
        : `bad boolean "${text}"`
    default:
      return ok(text === '') ? { type: 'null', marker: '_' } : `bad null "${text}"`
  }
}

/** An aggregate from its elements; a map's (or attribute's) elements are taken in pairs. */
export function aggregateValue(
  kind: 'array' | 'set' | 'push' | 'map' | 'attribute',
  items: RespValue[],
): RespValue {
  if (kind !== 'map' && kind !== 'attribute') return { type: kind, items }
  const entries: [RespValue, RespValue][] = []
  const values = items.filter((v) => v.type !== 'attribute')
  for (let k = 0; k + 1 < values.length; k += 2) entries.push([values[k]!, values[k + 1]!])
  return { type: kind, entries }
}

/** A reply as redis-cli prints it: `"bar"`, `(integer) 1`, `(nil)`, `(error) ERR ...`, numbered items. */
export function formatResp(value: RespValue, indent = ''): string {
  switch (value.type) {
    case 'simple':
      return value.text
    case 'error':
      return `(error) ${value.text}`
    case 'integer':
      return `(integer) ${value.text}`
    case 'double':
      return `(double) ${value.text}`
    case 'bignum':
      return `(big number) ${value.text}`
    case 'boolean':
      return value.value ? '(true)' : '(false)'
    case 'null':
      return '(nil)'
    case 'bulk':
      return JSON.stringify(value.text)
    case 'blob-error':
      return `(error) ${value.text}`
    case 'verbatim':
      return `${value.format}: ${value.text}`
    case 'inline':
      return value.args.map((a) => JSON.stringify(a)).join(' ')
    case 'array':
    case 'set':
    case 'push': {
      if (value.items.length === 0) return value.type === 'set' ? '(empty set)' : '(empty array)'
      return numbered(
        value.items.map((item) => [item]),
        indent,
      )
    }
    case 'map':
    case 'attribute':
      if (value.entries.length === 0) return '(empty hash)'
      return numbered(value.entries, indent)
  }
}

function numbered(rows: RespValue[][], indent: string): string {
  const width = String(rows.length).length
  return rows
    .map((row, i) => {
      const label = `${String(i + 1).padStart(width)}) `
      const inner = indent + ' '.repeat(label.length)
      const text = row.map((v) => formatResp(v, inner)).join(' => ')
      return (i === 0 ? '' : indent) + label + text
    })
    .join('\n')
}

/** Text of inline arguments for display (U+FFFD for invalid UTF-8). */
export function argTexts(args: readonly Uint8Array[]): string[] {
  return args.map((a) => lenient.decode(a))
}
