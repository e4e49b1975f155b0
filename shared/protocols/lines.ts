// Text lines (SMTP-, POP- or FTP-like dialogues): one message per CRLF- or LF-terminated line.
import { Pieces } from '../pieces.ts'
import type { Direction, ProtocolDecoder, ProtocolEvent } from './types.ts'

const LF = 0x0a
const CR = 0x0d
const lenient = new TextDecoder('utf-8')

/**
 * One event per line, empty lines included, with the terminator that ended it; the last line of a stream
 * that ends without one comes at `end()`. A line may hold at most `max` bytes before its LF (a CR
 * included): the byte past that is reported `too-large` with the line's start, and the rest of the line
 * is skipped up to its LF, where decoding resumes (it always resynchronises).
 */
export class LinesDecoder implements ProtocolDecoder {
  readonly protocol = 'lines'
  private readonly line = new Pieces()
  private offset = 0
  private start = 0
  private skipping = false

  constructor(
    readonly direction: Direction,
    private readonly max: number,
  ) {}

  get pending(): number {
    return this.line.size
  }

  push(chunk: Uint8Array): ProtocolEvent[] {
    const events: ProtocolEvent[] = []
    const base = this.offset
    this.offset += chunk.length
    const n = chunk.length
    let from = 0
    while (from < n) {
      const nl = chunk.indexOf(LF, from)
      const stop = nl === -1 ? n : nl
      if (this.skipping) {
        if (nl === -1) break
        this.skipping = false
        from = nl + 1
        this.start = base + from
        continue
      }
      const room = this.max - this.line.size
      if (stop - from > room) {
        const cross = from + room
        events.push({
          type: 'error',
          problem: 'too-large',
          detail: `line longer than ${this.max} bytes`,
          start: this.start,
          end: base + cross + 1,
          fatal: false,
        })
        this.line.clear()
        this.skipping = true
        from = cross + 1
        continue
      }
      this.line.add(chunk.subarray(from, stop))
      if (nl === -1) break
      events.push(lineEvent(this.line.take(), this.start, base + nl + 1, true))
      from = nl + 1
      this.start = base + from
    }
    return events
  }

  flush(): ProtocolEvent[] {
    return []
  }

  end(): ProtocolEvent[] {
    this.skipping = false
    if (this.line.size === 0) return []
    const event = lineEvent(this.line.take(), this.start, this.offset, false)
    this.start = this.offset
    return [event]
  }
}

function lineEvent(bytes: Uint8Array, start: number, end: number, ended: boolean): ProtocolEvent {
  const crlf = ended && bytes.length > 0 && bytes[bytes.length - 1] === CR
  const content = crlf ? bytes.subarray(0, bytes.length - 1) : bytes
  const cut = ended ? (crlf ? 2 : 1) : 0
  return {
    type: 'message',
    start,
    end,
    frame: cut > 0 ? [{ start: end - cut, end }] : [],
    message: {
      protocol: 'lines',
      text: lenient.decode(content),
      bytes: content,
      terminator: ended ? (crlf ? 'crlf' : 'lf') : 'none',
    },
  }
}
