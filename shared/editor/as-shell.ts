// "Copy as shell": bytes as `printf '…' | nc HOST PORT`, escaped so any POSIX printf writes them exactly.

/** How `printfLiteral` writes bytes past ASCII. */
export interface ShellOptions {
  /** Keep valid multi-byte UTF-8 as its characters (`ç`) rather than octal escapes (default true). */
  utf8?: boolean
}

const SHORT: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' }
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * The single-quoted printf format that writes exactly `bytes`: `%` doubled, `\` doubled, `'` and other
 * bytes as three-digit octal escapes (`\047`, `\000`), since dash's printf has no `\x`; \n, \r, \t by
 * name. Valid UTF-8 characters may stay as they are: the shell passes them through single quotes.
 */
export function printfFormat(bytes: Uint8Array, options: ShellOptions = {}): string {
  const keepUtf8 = options.utf8 ?? true
  let out = "'"
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b === 0x25) out += '%%'
    else if (b === 0x5c) out += '\\\\'
    else if (b >= 0x20 && b < 0x7f && b !== 0x27) out += String.fromCharCode(b)
    else if (SHORT[b]) out += SHORT[b]
    else {
      const size = keepUtf8 && b >= 0xc2 ? utf8Size(bytes, i) : 0
      if (size > 0) {
        out += decoder.decode(bytes.subarray(i, i + size))
        i += size
        continue
      }
      out += '\\' + b.toString(8).padStart(3, '0')
    }
    i++
  }
  return out + "'"
}

// The length of a valid UTF-8 character at `i` that is printable (not a control or format character).
function utf8Size(bytes: Uint8Array, i: number): number {
  for (const size of [2, 3, 4]) {
    try {
      const ch = decoder.decode(bytes.subarray(i, i + size))
      return [...ch].length === 1 && /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch) ? size : 0
    } catch {
      // not a whole character yet: try a longer one
    }
  }
  return 0
}

/** A host or port as one shell word: as is when plain, else single-quoted. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9._:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

/**
 * `printf '…' | nc HOST PORT`: sends exactly `bytes` and prints what the server answers (nc keeps
 * listening until the server closes; Ctrl+C ends it). `--` keeps a format starting with '-' from being
 * read as an option.
 */
export function asShell(
  bytes: Uint8Array,
  host: string,
  port: number,
  options: ShellOptions = {},
): string {
  const format = printfFormat(bytes, options)
  const dashes = bytes[0] === 0x2d ? '-- ' : ''
  return `printf ${dashes}${format} | nc ${shellWord(host)} ${port}`
}
