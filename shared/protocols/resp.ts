// Redis RESP2 and RESP3 (the simple types), incremental: one message per top-level value or inline command.
// Written here, not taken from npm: redis-parser, respjs and @redis/client's decoder need Node's Buffer
// and report values without their byte offsets, which the log needs to link a card to its chunks.
import { Pieces } from '../pieces.ts'
import {
  aggregateValue,
  argTexts,
  respBytes,
  simpleValue,
  splitInline,
  type RespValue,
} from './resp-values.ts'
import type { Direction, ErrorEvent, Problem, ProtocolDecoder, ProtocolEvent } from './types.ts'

const LF = 0x0a
const CR = 0x0d
const lenient = new TextDecoder('utf-8')
const St = { Type: 0, Line: 1, Data: 2, DataEnd: 3, Dead: 4 } as const
type St = (typeof St)[keyof typeof St]
// A length line is a sign and at most 15 digits (safe integers), then CR.
const MAX_LENGTH_LINE = 17
const LENGTH_TYPES = new Set(['$', '!', '=', '*', '~', '>', '%', '|'])
const LINE_TYPES = new Set(['+', '-', ':', ',', '(', '#', '_'])
const AGGREGATES: Record<string, 'array' | 'set' | 'push' | 'map' | 'attribute'> = {
  '*': 'array',
  '~': 'set',
  '>': 'push',
  '%': 'map',
  '|': 'attribute',
}

interface Frame {
  kind: 'array' | 'set' | 'push' | 'map' | 'attribute'
  remaining: number
  /** null once the message is over the limit: its values are no longer kept. */
  items: RespValue[] | null
}

/**
 * RESP decoder. Replies (response side) start with a type byte; on the request side a line that does
 * not start with `*` is an inline command, as Redis reads it (blank lines are skipped, as Redis does).
 * A value over `maxMessage` bytes is parsed to its end without keeping it and reported `too-large`, so
 * decoding resynchronises (meanwhile it holds only a length line, at most 17 bytes); malformed input (a bad type byte, length or CRLF) is fatal, as Redis closes
 * the connection then: every later byte is undecodable. Streamed RESP3 types (`$?`, `*?`) are malformed here.
 */
export class RespDecoder implements ProtocolDecoder {
  readonly protocol = 'resp'
  private offset = 0
  private state: St = St.Type
  private stack: Frame[] = []
  private msgStart = 0
  private inMessage = false
  private skipping = false
  private type = '' // the type byte of the line or data being read, or '' for an inline line
  private readonly line = new Pieces()
  private lineSize = 0
  private lineLast = 0
  private readonly data = new Pieces()
  private need = 0
  private crlf = 0

  constructor(
    readonly direction: Direction,
    private readonly max: number,
    private readonly maxDepth: number,
  ) {}

  get pending(): number {
    if (!this.inMessage) return 0
    return this.skipping ? this.line.size : this.offset - this.msgStart
  }

  push(chunk: Uint8Array): ProtocolEvent[] {
    const events: ProtocolEvent[] = []
    const base = this.offset
    const n = chunk.length
    let i = 0
    while (i < n && this.state !== St.Dead) {
      if (this.state === St.Type) {
        const c = String.fromCharCode(chunk[i]!)
        if (!this.inMessage) {
          this.inMessage = true
          this.msgStart = base + i
        }
        // Redis reads a request that does not start with '*' as an inline command line.
        if (this.stack.length === 0 && this.direction === 'request' && c !== '*') {
          this.startLine('')
          continue
        }
        i++
        this.offset = base + i
        if (LENGTH_TYPES.has(c) || LINE_TYPES.has(c)) this.startLine(c)
        else this.fail(events, 'bad-type', `no RESP type starts with byte ${hex(c)}`, base + i)
      } else if (this.state === St.Line) {
        const nl = chunk.indexOf(LF, i)
        const stop = nl === -1 ? n : nl
        if (LENGTH_TYPES.has(this.type) && this.lineSize + (stop - i) > MAX_LENGTH_LINE) {
          const at = base + i + (MAX_LENGTH_LINE - this.lineSize) + 1
          this.fail(events, 'bad-length', 'a length line too long', at)
          break
        }
        this.addLine(chunk, i, stop)
        i = stop
        this.offset = base + i
        this.checkSize()
        if (nl === -1) break
        i++
        this.offset = base + i
        this.lineDone(events)
      } else if (this.state === St.Data) {
        const take = Math.min(this.need, n - i)
        if (!this.skipping) this.data.add(chunk.subarray(i, i + take))
        this.need -= take
        i += take
        this.offset = base + i
        this.checkSize()
        if (this.need === 0) this.state = St.DataEnd
      } else {
        const want = this.crlf === 0 ? CR : LF
        i++
        this.offset = base + i
        if (chunk[i - 1] !== want) {
          this.fail(events, 'bad-crlf', 'expected CRLF after the string data', base + i)
          break
        }
        if (++this.crlf === 2) this.dataDone(events)
      }
    }
    this.offset = base + n
    return events
  }

  flush(): ProtocolEvent[] {
    return []
  }

  end(): ProtocolEvent[] {
    if (this.state === St.Dead || !this.inMessage) return []
    const events: ProtocolEvent[] = []
    this.fail(events, 'incomplete', 'the stream ended inside a value', this.offset)
    return events
  }

  private startLine(type: string): void {
    this.state = St.Line
    this.type = type
    this.lineSize = 0
    this.lineLast = 0
  }

  private addLine(chunk: Uint8Array, from: number, to: number): void {
    if (to === from) return
    this.lineSize += to - from
    this.lineLast = chunk[to - 1]!
    // Past the limit only a length line's few bytes are still needed.
    if (!this.skipping || LENGTH_TYPES.has(this.type)) this.line.add(chunk.subarray(from, to))
  }

  private checkSize(): void {
    if (this.skipping || this.offset - this.msgStart <= this.max) return
    this.skipping = true
    for (const frame of this.stack) frame.items = null
    this.data.clear()
    if (!LENGTH_TYPES.has(this.type)) this.line.clear()
  }

  private lineDone(events: ProtocolEvent[]): void {
    this.checkSize()
    const bytes = this.line.take()
    const hasCr = this.lineSize > 0 && this.lineLast === CR
    const content = hasCr ? bytes.subarray(0, Math.max(0, bytes.length - 1)) : bytes
    const type = this.type
    this.state = St.Type
    if (type === '') return this.inlineDone(events, content)
    if (!hasCr) return this.fail(events, 'bad-crlf', 'a RESP line must end with CRLF', this.offset)
    const text = lenient.decode(content)
    if (LENGTH_TYPES.has(type)) return this.lengthDone(events, type, text)
    const value = simpleValue(type, text, !this.skipping)
    if (typeof value === 'string') return this.fail(events, 'bad-value', value, this.offset)
    this.valueDone(events, value)
  }

  private inlineDone(events: ProtocolEvent[], content: Uint8Array): void {
    if (this.skipping) return this.valueDone(events, { type: 'null', marker: '_' })
    const { args, unbalanced } = splitInline(content)
    if (args.length === 0 && !unbalanced) {
      // Redis skips a blank line: no command, no answer.
      this.inMessage = false
      return
    }
    const line = lenient.decode(content)
    this.valueDone(events, { type: 'inline', line, args: argTexts(args), unbalanced })
  }

  private lengthDone(events: ProtocolEvent[], type: string, text: string): void {
    const nullable = type === '$' || type === '*'
    if (!/^\d{1,15}$/.test(text) && !(nullable && text === '-1'))
      return this.fail(events, 'bad-length', `bad length "${text}"`, this.offset)
    const length = Number(text)
    const kind = AGGREGATES[type]
    if (length === -1) return this.valueDone(events, { type: 'null', marker: type as '$' | '*' })
    if (kind === undefined) {
      this.state = St.Data
      this.need = length
      this.crlf = 0
      if (length === 0) this.state = St.DataEnd
      return
    }
    if (this.stack.length >= this.maxDepth)
      return this.fail(events, 'too-deep', `more than ${this.maxDepth} levels`, this.offset)
    const remaining = kind === 'map' || kind === 'attribute' ? length * 2 : length
    this.stack.push({ kind, remaining, items: this.skipping ? null : [] })
    if (remaining === 0) this.valueDone(events, undefined)
  }

  private dataDone(events: ProtocolEvent[]): void {
    this.checkSize()
    const bytes = this.data.take()
    this.state = St.Type
    if (this.skipping || this.type === '$')
      return this.valueDone(events, { type: 'bulk', ...respBytes(bytes) })
    if (this.type === '!')
      return this.valueDone(events, { type: 'blob-error', ...respBytes(bytes) })
    if (bytes.length < 4 || bytes[3] !== 0x3a)
      return this.fail(
        events,
        'bad-value',
        'a verbatim string starts with its format and ":"',
        this.offset,
      )
    const format = lenient.decode(bytes.subarray(0, 3))
    this.valueDone(events, { type: 'verbatim', format, ...respBytes(bytes.subarray(4)) })
  }

  // A value is complete (undefined: the aggregate on top of the stack just completed, empty or full).
  private valueDone(events: ProtocolEvent[], value: RespValue | undefined): void {
    for (;;) {
      const top = this.stack.at(-1)
      if (value !== undefined) {
        if (!top) return this.messageDone(events, value)
        top.items?.push(value)
        // An attribute annotates the next value; it is not one of the aggregate's elements.
        if (value.type !== 'attribute') top.remaining--
        if (top.remaining > 0) return
      }
      this.stack.pop()
      value = aggregateValue(top!.kind, top!.items ?? [])
    }
  }

  private messageDone(events: ProtocolEvent[], value: RespValue): void {
    const range = { start: this.msgStart, end: this.offset }
    if (this.skipping)
      events.push({
        type: 'error',
        problem: 'too-large',
        detail: `value over ${this.max} bytes`,
        ...range,
        fatal: false,
      })
    else events.push({ type: 'message', ...range, frame: [], message: { protocol: 'resp', value } })
    this.inMessage = false
    this.skipping = false
  }

  private fail(events: ProtocolEvent[], problem: Problem, detail: string, end: number): void {
    const error: ErrorEvent = {
      type: 'error',
      problem,
      detail,
      start: this.msgStart,
      end,
      fatal: true,
    }
    events.push(error)
    this.state = St.Dead
    this.inMessage = false
    this.stack = []
    this.line.clear()
    this.data.clear()
  }
}

function hex(c: string): string {
  return '0x' + c.charCodeAt(0).toString(16).padStart(2, '0')
}
