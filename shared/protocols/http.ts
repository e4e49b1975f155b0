// HTTP/1.1 requests or responses, incremental: keep-alive, Content-Length, chunked, close-delimited bodies.
// Written here, not taken from npm: llhttp is Node's native/wasm build, and http-parser-js (with its
// browser fork @browsery/http-parser) calls Buffer's toString(encoding, start, end), throws on bad input,
// and reports no byte offsets, which the log needs to link a card to its chunks.
import { concatBytes, Pieces } from '../pieces.ts'
import { BodyReader } from './http-body.ts'
import {
  bodyPlan,
  headLines,
  parseChunkLine,
  parseHead,
  parseHeaders,
  startLineProblem,
  type Head,
  type HttpHeader,
  type HttpMessage,
  type Malformed,
} from './http-head.ts'
import type { Direction, ProtocolDecoder, ProtocolEvent } from './types.ts'

const LF = 0x0a
const CR = 0x0d
const St = {
  Head: 0,
  Body: 1,
  ChunkLine: 2,
  ChunkData: 3,
  ChunkEnd: 4,
  Trailers: 5,
  Close: 6,
  Tunnel: 7,
  Dead: 8,
} as const
type St = (typeof St)[keyof typeof St]
const NO_CRLF: Malformed = { problem: 'bad-chunk', detail: 'expected CRLF after chunk data' }
const INCOMPLETE: Malformed = { problem: 'incomplete', detail: 'the stream ended inside a message' }
// A chunk-size line (size and extensions) may be this long.
const MAX_CHUNK_LINE = 4096
// Methods of requests still waiting for their response, at most.
const MAX_METHODS = 1024

/**
 * One direction of an HTTP/1.1 connection. Requests end where RFC 9112 says; for responses the decoder
 * uses the methods of the requests sent, when told (`requestSent`, wired by `createProtocolPair`): HEAD
 * and CONNECT change where a response ends. Without them a response to HEAD with a Content-Length would
 * be read as having a body. Leading blank lines are skipped. A head over `maxMessage` bytes and any
 * malformed framing are fatal: every later byte is undecodable. After 101 Switching Protocols or a 2xx
 * to CONNECT the rest of both directions is a tunnel, not HTTP: no more events.
 */
export class HttpDecoder implements ProtocolDecoder {
  readonly protocol = 'http'
  /** Called with each request's method once its head is read (request side). */
  onRequestHead?: (method: string) => void
  /** Called when a response switches the connection to another protocol (response side). */
  onTunnel?: () => void
  private readonly methods: string[] = []
  private tunnelNext = false
  private offset = 0
  private state: St = St.Head
  private msgStart = 0
  // The section being read line by line (head, chunk line, trailers) and its current line.
  private readonly line = new Pieces()
  private lines = 0
  private lineBytes = 0
  private lineLast = 0
  private lineStart = 0
  // The message being read.
  private head: Head | undefined
  private headEnd = 0
  private warnings: string[] = []
  private need = 0
  private crlf = 0
  private readonly body: BodyReader

  constructor(
    readonly direction: Direction,
    private readonly max: number,
    maxBody: number,
  ) {
    this.body = new BodyReader(maxBody)
  }

  get pending(): number {
    return this.line.size + this.body.held
  }

  /** Response side: a request with this method went out (in order). */
  requestSent(method: string): void {
    if (this.methods.length < MAX_METHODS) this.methods.push(method)
  }

  /** Request side: the server switched protocols; what follows the current request is not HTTP. */
  switchProtocols(): void {
    if (this.state === St.Head) this.toTunnel()
    else if (this.state !== St.Dead) this.tunnelNext = true
  }

  push(chunk: Uint8Array): ProtocolEvent[] {
    const events: ProtocolEvent[] = []
    const base = this.offset
    const n = chunk.length
    let i = 0
    while (i < n) {
      const s = this.state
      if (s === St.Dead || s === St.Tunnel) break
      if (s === St.Head || s === St.ChunkLine || s === St.Trailers)
        i = this.lineStep(chunk, i, base, events)
      else if (s === St.Body || s === St.ChunkData) {
        const take = Math.min(this.need, n - i)
        this.body.keep(chunk.subarray(i, i + take))
        this.need -= take
        i += take
        if (this.need > 0) break
        if (s === St.Body) this.done(events, base + i)
        else [this.state, this.crlf] = [St.ChunkEnd, 0]
      } else if (s === St.ChunkEnd) {
        const b = chunk[i++]!
        if (b === CR && this.crlf === 0) this.crlf = 1
        else if (b === LF) {
          this.body.chunkEnded(base + i, this.crlf + 1)
          ;[this.state, this.lineStart] = [St.ChunkLine, base + i]
        } else this.fail(events, NO_CRLF, base + i)
      } else {
        this.body.keep(chunk.subarray(i))
        i = n
      }
    }
    this.offset = base + n
    return events
  }

  flush(): ProtocolEvent[] {
    return []
  }

  end(): ProtocolEvent[] {
    const events: ProtocolEvent[] = []
    if (this.state === St.Close) this.done(events, this.offset)
    else if (
      this.state !== St.Dead &&
      this.state !== St.Tunnel &&
      (this.state !== St.Head || this.line.size > 0)
    )
      this.fail(events, INCOMPLETE, this.offset)
    this.state = St.Dead
    return events
  }

  // Reads the current section's bytes up to and including the next LF; returns where it stopped.
  private lineStep(chunk: Uint8Array, i: number, base: number, events: ProtocolEvent[]): number {
    const nl = chunk.indexOf(LF, i)
    const stop = nl === -1 ? chunk.length : nl + 1
    const chunkLine = this.state === St.ChunkLine
    const limit = chunkLine ? MAX_CHUNK_LINE : this.max
    if (this.line.size + (stop - i) > limit) {
      const at = base + i + (limit - this.line.size) + 1
      const problem = chunkLine ? 'bad-chunk' : 'too-large'
      const what = chunkLine
        ? 'chunk-size line'
        : this.state === St.Head
          ? 'head'
          : 'trailer section'
      this.fail(events, { problem, detail: `${what} longer than ${limit} bytes` }, at)
      return chunk.length
    }
    this.line.add(chunk.subarray(i, stop))
    const end = nl === -1 ? stop : nl
    if (end > i) [this.lineBytes, this.lineLast] = [this.lineBytes + end - i, chunk[end - 1]!]
    if (nl === -1) return stop
    const after = base + stop
    const blank = this.lineBytes === 0 || (this.lineBytes === 1 && this.lineLast === CR)
    const lineStart = this.lineStart
    ;[this.lineBytes, this.lineLast, this.lineStart] = [0, 0, after]
    if (this.state === St.Head) this.headLine(events, blank, after)
    else if (this.state === St.ChunkLine) this.chunkLine(events, lineStart, after)
    else if (blank) this.trailersDone(events, after)
    else this.lines++
    return stop
  }

  private headLine(events: ProtocolEvent[], blank: boolean, after: number): void {
    if (blank && this.lines === 0) {
      // RFC 9112 2.2: blank lines before a request line are ignored.
      this.line.clear()
      this.msgStart = after
      return
    }
    if (this.lines++ === 0) {
      const first = headLines(concatBytes(this.line.parts, this.line.size)).lines[0] ?? ''
      const problem = startLineProblem(first, this.direction)
      if (problem) this.fail(events, problem, after)
      return
    }
    if (blank) this.headDone(events, after)
  }

  private headDone(events: ProtocolEvent[], after: number): void {
    this.warnings = []
    const head = parseHead(this.line.take(), this.direction, this.warnings)
    this.lines = 0
    if ('problem' in head) return this.fail(events, head, after)
    this.head = head
    this.headEnd = after
    let method: string | undefined
    if (head.kind === 'request') this.onRequestHead?.(head.method)
    // A 1xx (but 101) is an interim response: the final one answers the same request.
    else if (head.status >= 200 || head.status === 101) method = this.methods.shift()
    const plan = bodyPlan(head, method, this.warnings)
    if ('problem' in plan) return this.fail(events, plan, after)
    this.body.framing = plan.framing
    if (plan.framing === 'none') {
      if (plan.tunnel) this.tunnelNext = true
      return this.done(events, after)
    }
    if (plan.framing === 'length') {
      if (plan.length === 0) return this.done(events, after)
      ;[this.state, this.need] = [St.Body, plan.length]
    } else this.state = plan.framing === 'chunked' ? St.ChunkLine : St.Close
  }

  private chunkLine(events: ProtocolEvent[], start: number, after: number): void {
    const text = new TextDecoder().decode(this.line.take()).replace(/\r?\n$/, '')
    const parsed = parseChunkLine(text)
    if (!parsed) return this.fail(events, badChunk(text), after)
    this.body.chunkStarted({ start, end: after, ...parsed })
    if (parsed.size > 0) [this.state, this.need] = [St.ChunkData, parsed.size]
    else [this.state, this.lines] = [St.Trailers, 0]
  }

  private trailersDone(events: ProtocolEvent[], after: number): void {
    const { lines } = headLines(this.line.take())
    lines.pop()
    const trailers = parseHeaders(lines, this.warnings)
    if ('problem' in trailers) return this.fail(events, trailers, after)
    this.body.trailersEnded(after)
    this.done(events, after, trailers)
  }

  private done(events: ProtocolEvent[], end: number, trailers: HttpHeader[] = []): void {
    const head = this.head!
    const { body, frame } = this.body.take()
    const common = {
      protocol: 'http' as const,
      version: head.version,
      headers: head.headers,
      trailers,
      head: { start: this.msgStart, end: this.headEnd },
      warnings: this.warnings,
      body,
    }
    const message: HttpMessage =
      head.kind === 'request'
        ? { ...common, kind: 'request', method: head.method, target: head.target }
        : {
            ...common,
            kind: 'response',
            status: head.status,
            reason: head.reason,
            tunnel: this.tunnelNext,
          }
    events.push({ type: 'message', start: this.msgStart, end, frame, message })
    ;[this.msgStart, this.lineStart, this.head, this.lines, this.state] = [
      end,
      end,
      undefined,
      0,
      St.Head,
    ]
    if (this.tunnelNext) {
      if (head.kind === 'response') this.onTunnel?.()
      this.toTunnel()
    }
  }

  private toTunnel(): void {
    this.state = St.Tunnel
    this.line.clear()
    this.body.clear()
  }

  private fail(events: ProtocolEvent[], why: Malformed, end: number): void {
    events.push({ type: 'error', ...why, start: this.msgStart, end, fatal: true })
    this.state = St.Dead
    this.line.clear()
    this.body.clear()
  }
}

function badChunk(line: string): Malformed {
  return {
    problem: 'bad-chunk',
    detail: `bad chunk size line ${JSON.stringify(line.slice(0, 40))}`,
  }
}
