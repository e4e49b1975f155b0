// Byte formatting for the log: hex, visible control characters and UTF-8 characters grouped by their bytes.
import { HEX } from '../../shared/hex.ts'

/** How a group of bytes is drawn: its kind picks the colour, `glyph` is what stands under the hex. */
export type GlyphKind = 'ascii' | 'space' | 'control' | 'utf8' | 'invalid' | 'partial'

/** One character's bytes (1-4 for UTF-8), or one byte that is not a whole character. */
export interface ByteGroup {
  /** Offset of the first byte within the bytes given. */
  offset: number
  /** Two-digit lowercase hex of each byte. */
  hex: string[]
  glyph: string
  kind: GlyphKind
  /** The code point, for a valid character. */
  codePoint?: number
  /** ASCII's short name of a control byte (`LF`, `NUL`), drawn where fonts lack control pictures. */
  name?: string
}

// ASCII's abbreviations for C0 controls, by byte value.
const CONTROL_NAMES = (
  'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI ' +
  'DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'
).split(' ')

/** The short name of a control byte (`LF` for 0x0a, `DEL` for 0x7f), else undefined. */
export function controlName(b: number): string | undefined {
  return b === 0x7f ? 'DEL' : CONTROL_NAMES[b]
}

/** Two lowercase hex digits. */
export function hexByte(b: number): string {
  return HEX[b & 0xff]!
}

/** Bytes as lowercase hex pairs joined by `separator` (a space by default). */
export function toHex(bytes: Uint8Array, separator = ' '): string {
  const out: string[] = new Array<string>(bytes.length)
  for (let i = 0; i < bytes.length; i++) out[i] = HEX[bytes[i]!]!
  return out.join(separator)
}

// Value of each hex digit by character code, -1 for anything else.
const DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < 16; i++) {
  DIGIT['0123456789abcdef'.charCodeAt(i)] = i
  DIGIT['0123456789ABCDEF'.charCodeAt(i)] = i
}

/** Parses hex pairs (spaces allowed) back to bytes; undefined when the text is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  // One pass over character codes: an imported log holds megabytes of hex.
  const clean = /\s/.test(text) ? text.replace(/\s+/g, '') : text
  if (clean.length % 2 !== 0) return undefined
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = DIGIT[clean.charCodeAt(2 * i)] ?? -1
    const lo = DIGIT[clean.charCodeAt(2 * i + 1)] ?? -1
    if (hi < 0 || lo < 0) return undefined
    out[i] = (hi << 4) | lo
  }
  return out
}

/**
 * A visible symbol for an ASCII byte: Unicode's control pictures for C0 controls and DEL
 * (`␊` for \n, `␀` for 0), `·` for a space, the character itself otherwise.
 */
export function asciiGlyph(b: number): { glyph: string; kind: GlyphKind } {
  if (b === 0x20) return { glyph: '·', kind: 'space' }
  if (b < 0x20) return { glyph: String.fromCharCode(0x2400 + b), kind: 'control' }
  if (b === 0x7f) return { glyph: '␡', kind: 'control' }
  return { glyph: String.fromCharCode(b), kind: 'ascii' }
}

// Length of the UTF-8 sequence a lead byte announces, and the smallest code point it may encode
// (anything smaller is an overlong form, which RFC 3629 forbids).
function sequence(lead: number): { need: number; min: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { need: 1, min: 0x80 }
  if (lead >= 0xe0 && lead <= 0xef) return { need: 2, min: 0x800 }
  if (lead >= 0xf0 && lead <= 0xf4) return { need: 3, min: 0x10000 }
  return undefined
}

/**
 * Splits bytes into characters: one group per ASCII byte, one per valid multi-byte UTF-8 sequence
 * (`c3 87` under `Ç`), one per invalid byte (`�`). A sequence cut by either end of the bytes is
 * `partial`, because a chunk boundary may fall inside a character. `limit` stops after that many bytes.
 */
export function groupBytes(bytes: Uint8Array, limit = bytes.length): ByteGroup[] {
  const groups: ByteGroup[] = []
  const n = Math.min(limit, bytes.length)
  let i = 0
  let leading = 0
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      const name = controlName(b)
      groups.push({
        offset: i,
        hex: [HEX[b]!],
        ...asciiGlyph(b),
        codePoint: b,
        ...(name && { name }),
      })
      i++
      continue
    }
    if (i === leading && i < 3 && (b & 0xc0) === 0x80) {
      // Continuation bytes before any lead byte: the character began in the previous chunk.
      groups.push({ offset: i, hex: [HEX[b]!], glyph: '…', kind: 'partial' })
      leading++
      i++
      continue
    }
    const seq = sequence(b)
    if (!seq) {
      groups.push({ offset: i, hex: [HEX[b]!], glyph: '�', kind: 'invalid' })
      i++
      continue
    }
    let cp = b & (0x3f >> seq.need)
    let k = 1
    for (; k <= seq.need && i + k < bytes.length; k++) {
      const c = bytes[i + k]!
      if ((c & 0xc0) !== 0x80) break
      cp = (cp << 6) | (c & 0x3f)
    }
    const whole = k === seq.need + 1
    if (!whole && i + k === bytes.length) {
      groups.push({ offset: i, hex: hexRange(bytes, i, i + k), glyph: '…', kind: 'partial' })
      i += k
      continue
    }
    if (!whole || cp < seq.min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
      groups.push({ offset: i, hex: [HEX[b]!], glyph: '�', kind: 'invalid' })
      i++
      continue
    }
    groups.push({
      offset: i,
      hex: hexRange(bytes, i, i + k),
      glyph: String.fromCodePoint(cp),
      kind: 'utf8',
      codePoint: cp,
    })
    i += k
  }
  return groups
}

function hexRange(bytes: Uint8Array, from: number, to: number): string[] {
  const out: string[] = []
  for (let i = from; i < to; i++) out.push(HEX[bytes[i]!]!)
  return out
}

/** The bytes as one line of text with visible control characters, for copying and screen readers. */
export function visibleText(bytes: Uint8Array, limit?: number): string {
  return groupBytes(bytes, limit)
    .map((g) => (g.kind === 'space' ? ' ' : g.glyph))
    .join('')
}

/** `U+00C7` for a code point. */
export function codePointLabel(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0')
}

/** A byte count for people: `98 B`, `1.5 KiB`, `2.0 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/**
 * Bytes [start, end) of page `page` when `bytes` is read `size` bytes a page. Each cut moves past
 * UTF-8 continuation bytes, so a character is never split between two pages and pages meet exactly.
 */
export function pageBounds(bytes: Uint8Array, page: number, size: number): [number, number] {
  const cut = (at: number) => {
    let i = Math.min(at, bytes.length)
    for (let k = 0; k < 3 && i < bytes.length && ((bytes[i] ?? 0) & 0xc0) === 0x80; k++) i++
    return i
  }
  return [cut(page * size), cut((page + 1) * size)]
}

/** How many pages of `size` bytes `bytes` takes (at least one). */
export function pageCount(bytes: Uint8Array, size: number): number {
  let n = Math.max(1, Math.ceil(bytes.length / size))
  // A last page emptied by the cuts (its bytes ended the character before it) is no page.
  while (n > 1 && pageBounds(bytes, n - 1, size)[0] >= bytes.length) n--
  return n
}
