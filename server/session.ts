// One connection's protocol without its socket: bytes in, answer bytes out, per PROTOCOL.md.
import {
  createDecoder,
  encodeFrameText,
  type Decoder,
  type FrameEvent,
  type Framing,
} from '../shared/framing.ts'
import { TEXT, type CodeMode } from '../shared/protocol.ts'
import { answerFrameError, answerMessage, answerPlain, refuse, type Reply } from './handle.ts'
import { readPlainRequest, type PlainRequest } from './plain-request.ts'
import type { Registry } from './registry.ts'

/** A connection's first bytes, read before framing starts: e.g. a PROXY v2 header naming a workspace. */
export interface Preamble {
  /**
   * Takes the connection's bytes until the preamble is complete (undefined while it needs more), then
   * gives the registry the connection works in and the bytes after the preamble, for framing.
   */
  read(chunk: Uint8Array): { registry: Registry; rest: Uint8Array } | undefined
}

export interface SessionOptions {
  framing: Framing
  /** The registry this connection works in (its workspace), unless a preamble names another. */
  registry: Registry
  /** Read ahead of framing when given; the transport gives one only to peers it trusts. */
  preamble?: Preamble | undefined
  codes: CodeMode
  /** Largest message in bytes. */
  maxMessage: number
  /** The idle timeout the transport keeps, for the text of idle()'s answer. */
  idleTimeoutMs: number
  /** Receives one line per answer and per server fault, without time or peer (the transport adds them). */
  log?: ((what: string) => void) | undefined
  /** Called for each message the server itself failed on (answered 500). */
  onFault?: ((err: Error) => void) | undefined
}

/** What the transport does after each call: write `out`, then end the connection if `close`. */
export interface Output {
  /** Answers in the connection's framing, one character per byte (write it as Latin-1); often ''. */
  readonly out: string
  /** End the connection once `out` is written; every later call returns close too. */
  readonly close: boolean
  /** When above 0, call flush() if no byte comes for this many milliseconds. */
  readonly wait: number
}

// How long a client may pause inside a run of garbage before that run is answered (json framing).
const GARBAGE_PAUSE_MS = 100
const NOTHING: Output = { out: '', close: false, wait: 0 }
const CLOSED: Output = { out: '', close: true, wait: 0 }

/**
 * One connection: push() each chunk as it arrives and write what comes back; flush() when asked to
 * wait, end() when the peer half-closes, idle() when it has been quiet too long.
 */
export class Session {
  /** Complete messages answered so far: the transport's idle timer watches it. */
  messages = 0
  private readonly framing: Framing
  private registry: Registry
  private preamble: Preamble | undefined
  private readonly codes: CodeMode
  private readonly maxMessage: number
  private readonly idleSeconds: number
  private readonly log: ((what: string) => void) | undefined
  private readonly onFault: ((err: Error) => void) | undefined
  private readonly decoder: Decoder
  // Bytes given to the decoder so far, the base of its events' offsets (the fast path gives it none).
  private fed = 0
  // json: the decoder holds nothing, as every byte it was given belongs to a message it reported or
  // is whitespace after one. Only then may a read that is one plain request bypass it.
  private between = true
  private done = false

  constructor(options: SessionOptions) {
    this.framing = options.framing
    this.registry = options.registry
    this.preamble = options.preamble
    this.codes = options.codes
    this.maxMessage = options.maxMessage
    this.idleSeconds = options.idleTimeoutMs / 1000
    this.log = options.log
    this.onFault = options.onFault
    this.decoder = createDecoder(options.framing, { maxMessage: options.maxMessage })
  }

  /** Bytes the framing decoder has read: a read the fast path answered is not among them. */
  get scanned(): number {
    return this.fed
  }

  /** Answers what a chunk completes. */
  push(chunk: Uint8Array): Output {
    if (this.done) return CLOSED
    if (this.preamble !== undefined) {
      const read = this.preamble.read(chunk)
      if (read === undefined) return NOTHING
      this.preamble = undefined
      this.registry = read.registry
      chunk = read.rest
      if (chunk.length === 0) return NOTHING
    }
    const json = this.framing === 'json'
    // json: a read that is exactly one plain request (the usual case) needs no scan to frame it.
    if (json && this.between) {
      const plain = readPlainRequest(chunk)
      // Over the limit, the scanner's 413 and close apply, whatever the message says.
      if (plain !== undefined && plain.end - plain.start <= this.maxMessage) {
        this.messages++
        const out = this.frame(this.answer(chunk, plain), plain.end - plain.start)
        return { out, close: false, wait: 0 }
      }
    }
    const base = this.fed
    this.fed += chunk.length
    const events = this.decoder.push(chunk)
    const out = this.answerAll(events)
    if (this.done) return { out, close: true, wait: 0 }
    if (!json) return { out, close: false, wait: 0 }
    this.between = this.endsBetween(chunk, base, events)
    // Neither between messages nor in one: a run of garbage may be open, answered when a '{' or '['
    // ends it (PROTOCOL.md), or after a pause, so a client typing into nc gets its answer.
    const wait = this.between || this.decoder.pending > 0 ? 0 : GARBAGE_PAUSE_MS
    return { out, close: false, wait }
  }

  /** The peer paused: answers a run of garbage held open (json), if any. */
  flush(): Output {
    if (this.done) return CLOSED
    const events = this.decoder.flush()
    if (events.length === 0) return NOTHING
    // The run may go on inside a string the scanner keeps open: stay on the scanning path.
    this.between = false
    return { out: this.answerAll(events), close: this.done, wait: 0 }
  }

  /** The peer half-closed: answers a message it left unfinished; the connection then ends. */
  end(): Output {
    if (this.done) return CLOSED
    const out = this.answerAll(this.decoder.end())
    this.done = true
    return { out, close: true, wait: 0 }
  }

  /** The peer was quiet too long: says so; the connection then ends. */
  idle(): Output {
    if (this.done) return CLOSED
    this.done = true
    this.log?.(`idle ${this.idleSeconds} s: closing`)
    const out = this.frame(refuse('idle', this.codes, TEXT.idle(this.idleSeconds)), 0)
    return { out, close: true, wait: 0 }
  }

  // Answers a push's events in order; a fatal one (json and naive cannot resynchronise after an
  // oversize message, PROTOCOL.md) is the last answer, and marks the session done.
  private answerAll(events: FrameEvent[]): string {
    let out = ''
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!
      if (event.type === 'message') {
        this.messages++
        out += this.frame(this.answer(event.body), event.end - event.start)
        continue
      }
      const reply = answerFrameError(event, this.maxMessage, this.codes)
      out += this.frame(reply, event.end - event.start)
      if (event.fatal) {
        this.done = true
        break
      }
    }
    return out
  }

  // A throw here is a server fault (a bug, or a --data file that cannot be written): it costs this
  // message a 500, never the process or the other messages of the read.
  private answer(body: Uint8Array, plain?: PlainRequest): Reply {
    try {
      return plain
        ? answerPlain(plain, this.registry, this.codes)
        : answerMessage(body, this.registry, this.codes)
    } catch (err) {
      this.log?.(`internal error: ${(err as Error).message}`)
      this.onFault?.(err as Error)
      return refuse('internal', this.codes, TEXT.internal)
    }
  }

  private frame(reply: Reply, bytesIn: number): string {
    const out = encodeFrameText(this.framing, reply.text)
    this.log?.(`in=${bytesIn}B out=${out.length}B ${reply.code} ${reply.action ?? '-'}`)
    return out
  }

  // True when the chunk ends with the last message it completed, or with whitespace after it: the
  // scanner is then between values. Otherwise a value or a garbage run is open (or may be).
  private endsBetween(chunk: Uint8Array, base: number, events: FrameEvent[]): boolean {
    const last = events[events.length - 1]
    let from = 0
    if (last === undefined) {
      if (!this.between) return false
    } else if (last.type === 'message') from = last.end - base
    else return false
    for (let i = from; i < chunk.length; i++) {
      const b = chunk[i]!
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false
    }
    return true
  }
}

/** The answer to a connection past the server's limit, in its framing; the connection then ends. */
export function busyAnswer(framing: Framing, codes: CodeMode, maxConnections: number): string {
  return encodeFrameText(framing, refuse('busy', codes, TEXT.busy(maxConnections)).text)
}

/** The answer for a computer that already holds its share of connections, in `framing`. */
export function busyClientAnswer(framing: Framing, codes: CodeMode, limit: number): string {
  return encodeFrameText(framing, refuse('busy', codes, TEXT.busyClient(limit)).text)
}
