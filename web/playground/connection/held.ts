// What the server holds of a message the page sent but did not finish, and the characters that finish it.
import type { Direction } from '../../log/decode/decode.ts'
import type { Entry } from '../../log/entries.ts'
import { concatBytes } from '../../../shared/pieces.ts'

const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * The characters that close the JSON value `bytes` opens (its first byte a `{` or `[`, the rest the
 * stream's bytes after it): a `"` for an open string (after a `\` for a pending escape), then a `}` or
 * `]` for each open bracket, innermost first. Undefined when the bytes hold no open value. The brackets
 * pair by count, as the server's scanner counts them, so `{]` closes: the server then answers 400.
 */
export function closerOf(bytes: Uint8Array): string | undefined {
  const open: string[] = []
  let inString = false
  let escaped = false
  for (const b of bytes) {
    if (inString) {
      if (escaped) escaped = false
      else if (b === BACKSLASH) escaped = true
      else if (b === QUOTE) inString = false
    } else if (b === QUOTE) inString = true
    else if (b === 0x7b) open.push('}')
    else if (b === 0x5b) open.push(']')
    else if ((b === 0x7d || b === 0x5d) && open.pop() !== undefined && open.length === 0) {
      return undefined
    }
  }
  if (open.length === 0) return undefined
  const string = inString ? (escaped ? '\\"' : '"') : ''
  return string + open.reverse().join('')
}

/**
 * The last `size` bytes the log holds of the `dir` stream of its newest connection (a view of the log's
 * own bytes when one chunk holds them all: read them, do not write), or undefined when the log no longer
 * has them all (cleared, or trimmed).
 */
export function lastBytes(
  entries: readonly Entry[],
  dir: Direction,
  size: number,
): Uint8Array | undefined {
  const parts: Uint8Array[] = []
  let need = size
  for (let i = entries.length - 1; i >= 0 && need > 0; i--) {
    const e = entries[i]!
    if (e.kind === 'event' && e.event.type === 'session') break
    if (e.kind !== 'chunk' || e.dir !== dir) continue
    const part = e.bytes.subarray(Math.max(0, e.bytes.length - need))
    parts.unshift(part)
    need -= part.length
  }
  if (need > 0) return undefined
  return concatBytes(parts, size)
}
