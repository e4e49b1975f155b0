// Expected against received bytes as marked pieces: text and hex windows, the first differing byte singled out.
import { byteText, hexWindow, textWindow } from '../../../shared/conformance/diff-view.ts'

/** A line with one marked spot: `mark` is the differing character or byte ('' past the end). */
export interface Marked {
  before: string
  mark: string
  after: string
  /** True when the mark stands past the last byte (one side is shorter). */
  atEnd: boolean
}

/** Both sides of one answer, ready to draw. */
export interface DiffParts {
  /** Offset of the first differing byte; -1 when the bytes are equal. */
  offset: number
  text: { expected: Marked; received: Marked }
  hex: { expected: Marked; received: Marked }
}

const plain = (line: string): Marked => ({ before: line, mark: '', after: '', atEnd: false })

// Cuts a text window's line at a code point column; `size` columns make the byte's character (`\n` is two).
function markColumn(line: string, caret: number, size: number): Marked {
  if (caret < 0) return plain(line)
  const chars = Array.from(line)
  const mark = chars.slice(caret, caret + size).join('')
  return {
    before: chars.slice(0, caret).join(''),
    mark,
    after: chars.slice(caret + size).join(''),
    atEnd: mark === '',
  }
}

// How many columns the character of byte `offset` takes in byteText's rendering (at least one).
function columnsAt(bytes: Uint8Array, offset: number): number {
  const { columns } = byteText(bytes)
  const from = columns[offset]
  const to = columns[offset + 1]
  return from === undefined || to === undefined ? 1 : Math.max(1, to - from)
}

// Splits hexWindow's output at its bracketed byte (`[c3]`, or `[end]` past the last byte).
function markHex(line: string): Marked {
  const m = /\[([0-9a-f]{2}|end)\]/.exec(line)
  if (!m) return plain(line)
  const end = m[1] === 'end'
  return {
    before: line.slice(0, m.index),
    mark: end ? '' : m[1]!,
    after: line.slice(m.index + m[0].length),
    atEnd: end,
  }
}

/** Expected and received as text (`width` columns around the difference) and as hex (`span` bytes). */
export function diffParts(
  expected: Uint8Array,
  received: Uint8Array,
  offset: number,
  width = 64,
  span = 12,
): DiffParts {
  if (offset < 0) {
    const line = (b: Uint8Array) => plain(byteText(b).text)
    return {
      offset,
      text: { expected: line(expected), received: line(received) },
      hex: {
        expected: plain(hexWindow(expected, -1, span)),
        received: plain(hexWindow(received, -1, span)),
      },
    }
  }
  const win = textWindow(expected, received, offset, width)
  return {
    offset,
    text: {
      expected: markColumn(win.expected, win.caret, columnsAt(expected, offset)),
      received: markColumn(win.received, win.caret, columnsAt(received, offset)),
    },
    hex: {
      expected: markHex(hexWindow(expected, offset, span)),
      received: markHex(hexWindow(received, offset, span)),
    },
  }
}
