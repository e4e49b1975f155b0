// Expected and received bytes side by side, as text and hex, with the first differing byte marked.
import { escapeByte, HEX } from '../hex.ts'

/** Bytes as one line of text, and the column where each byte's character starts. */
export interface ByteText {
  text: string
  /** columns[i]: the column of byte i's character (continuation bytes share their lead's); one past for length. */
  columns: number[]
}

const ESCAPES: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' }

// Length of the valid UTF-8 sequence starting at i (2-4), or 0 when the byte does not start one.
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!
  const need =
    b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
  if (need < 0) return 0
  let cp = b & (0x3f >> need)
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k]
    if (c === undefined || (c & 0xc0) !== 0x80) return 0
    cp = (cp << 6) | (c & 0x3f)
  }
  const min = [0, 0x80, 0x800, 0x10000][need]!
  if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return 0
  return need + 1
}

/**
 * Bytes as readable text: printable ASCII as is, `\n` `\r` `\t` escaped, valid UTF-8 as its character,
 * anything else as `\xNN`, so nothing invisible hides a difference.
 */
export function byteText(bytes: Uint8Array): ByteText {
  const decoder = new TextDecoder()
  let text = ''
  let column = 0 // in code points, so a character beyond U+FFFF is one column
  const columns: number[] = []
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const n = b < 0x80 ? 0 : sequenceLength(bytes, i)
    let piece: string
    let size = 1
    if (b >= 0x20 && b < 0x7f) piece = String.fromCharCode(b)
    else if (n > 0) {
      piece = decoder.decode(bytes.subarray(i, i + n))
      size = n
    } else piece = ESCAPES[b] ?? escapeByte(b)
    for (let k = 0; k < size; k++) columns.push(column)
    text += piece
    column += n > 0 ? 1 : piece.length
    i += size
  }
  columns.push(column)
  return { text, columns }
}

/** A window of both sides' text around the first difference, and the caret's column in it. */
export interface TextWindow {
  expected: string
  received: string
  /** Column of the first differing byte within the window's lines; -1 when they are equal. */
  caret: number
}

/** Both sides as text, cut to `width` columns around `offset` (the first differing byte, or -1). */
export function textWindow(
  expected: Uint8Array,
  received: Uint8Array,
  offset: number,
  width = 100,
): TextWindow {
  const e = byteText(expected)
  const r = byteText(received)
  // Before the first difference both sides are the same bytes, so the same columns.
  const column = offset < 0 ? 0 : (e.columns[Math.min(offset, expected.length)] ?? 0)
  // Keep the start of the line when the difference fits in it; else show it a third of the way in.
  const start = offset < 0 || column < width - 20 ? 0 : column - Math.floor(width / 3)
  const cut = (t: string) => {
    const chars = Array.from(t)
    const body = chars.slice(start, start + width).join('')
    return (start > 0 ? '…' : '') + body + (chars.length > start + width ? '…' : '')
  }
  return {
    expected: cut(e.text),
    received: cut(r.text),
    caret: offset < 0 ? -1 : column - start + (start > 0 ? 1 : 0),
  }
}

/** Hex of `span` bytes from a little before `offset`, the byte at `offset` in brackets. */
export function hexWindow(bytes: Uint8Array, offset: number, span = 12): string {
  const from = Math.max(0, offset - 4)
  const parts: string[] = []
  for (let i = from; i < Math.min(bytes.length, from + span); i++) {
    const h = HEX[bytes[i]!]!
    parts.push(i === offset ? `[${h}]` : h)
  }
  if (offset >= bytes.length) parts.push('[end]')
  return (from > 0 ? '… ' : '') + parts.join(' ') + (from + span < bytes.length ? ' …' : '')
}

/** Bytes as lowercase hex, no separators (for machine-readable reports). */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += HEX[b]!
  return out
}
