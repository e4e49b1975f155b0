// The lesson's four framings behind the protocol decoder interface: an adapter over shared/framing.ts.
import { createDecoder, type Decoder, type FrameEvent, type Framing } from '../framing.ts'
import type { Direction, ProtocolDecoder, ProtocolEvent, Range } from './types.ts'

const DETAILS = {
  garbage: 'bytes that cannot start a JSON value',
  'too-large': 'message over the size limit',
  incomplete: 'the stream ended inside a message',
} as const

/**
 * framing.ts's decoder, unchanged, with its events as protocol events: a message's `frame` is its length
 * prefix (length) or newline (ndjson). Recovery is the framing's own: ndjson and length resynchronise
 * after an oversize message, json and naive stop (their too-large error is fatal).
 */
export class LessonDecoder implements ProtocolDecoder {
  readonly protocol = 'lesson'
  private readonly decoder: Decoder

  constructor(
    readonly direction: Direction,
    readonly framing: Framing,
    maxMessage: number,
  ) {
    this.decoder = createDecoder(framing, { maxMessage })
  }

  get pending(): number {
    return this.decoder.pending
  }

  push(chunk: Uint8Array): ProtocolEvent[] {
    return this.decoder.push(chunk).map(this.convert)
  }

  flush(): ProtocolEvent[] {
    return this.decoder.flush().map(this.convert)
  }

  end(): ProtocolEvent[] {
    return this.decoder.end().map(this.convert)
  }

  private readonly convert = (e: FrameEvent): ProtocolEvent => {
    const { start, end } = e
    if (e.type === 'error') {
      const detail = DETAILS[e.problem]
      return { type: 'error', problem: e.problem, detail, start, end, fatal: e.fatal }
    }
    const frame: Range[] =
      this.framing === 'length'
        ? [{ start, end: start + 4 }]
        : this.framing === 'ndjson'
          ? [{ start: end - 1, end }]
          : []
    return { type: 'message', start, end, frame, message: { protocol: 'lesson', body: e.body } }
  }
}
