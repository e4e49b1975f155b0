// HTTP/1.1 messages as the log shows them, and the pure parts of RFC 9112: start line, headers, body length.
import type { Direction, Problem, Range } from './basics.ts'

/** One header line as sent: name and value in their own case and order (the value without its spaces). */
export interface HttpHeader {
  name: string
  value: string
}

/** One chunk of a chunked body: its bytes in the stream (size line to CRLF), size and extensions. */
export interface HttpChunk extends Range {
  size: number
  /** What follows the size on its line, such as `;name=value` (empty when none). */
  extensions: string
}

/** A body: how its end was found, its exact length, and its first bytes for display. */
export interface HttpBody {
  /** none: no body; length: Content-Length; chunked; close: until the connection closed. */
  framing: 'none' | 'length' | 'chunked' | 'close'
  /** Body bytes in total (for chunked: the data, without the chunk framing). */
  length: number
  /** The first bytes of the body (up to the decoder's maxBody). */
  bytes: Uint8Array
  /** True when `bytes` holds less than `length`. */
  truncated: boolean
  /** The chunks (the first 256 of them), for chunked bodies. */
  chunks: HttpChunk[]
  /** How many chunks there were, the last (empty) one included. */
  chunkCount: number
}

interface HttpCommon {
  protocol: 'http'
  /** `HTTP/1.1`, as sent. */
  version: string
  headers: HttpHeader[]
  body: HttpBody
  /** Header lines after a chunked body. */
  trailers: HttpHeader[]
  /** The start line and headers, blank line included. */
  head: Range
  /** Oddities that did not stop decoding: bare LF line ends, folded headers, both CL and TE... */
  warnings: string[]
}

/** An HTTP request: `GET /path HTTP/1.1`. */
export interface HttpRequest extends HttpCommon {
  kind: 'request'
  method: string
  target: string
}

/** An HTTP response: `HTTP/1.1 200 OK`. `tunnel`: the bytes after it are another protocol (101, CONNECT). */
export interface HttpResponse extends HttpCommon {
  kind: 'response'
  status: number
  reason: string
  tunnel: boolean
}

export type HttpMessage = HttpRequest | HttpResponse

/** A parsed head, before its body. */
export type Head =
  | { kind: 'request'; method: string; target: string; version: string; headers: HttpHeader[] }
  | { kind: 'response'; status: number; reason: string; version: string; headers: HttpHeader[] }

/** Why a head or its framing is malformed. */
export interface Malformed {
  problem: Problem
  detail: string
}

const lenient = new TextDecoder('utf-8')
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([^\s]+) (HTTP\/\d\.\d)$/
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: ([^\r\n]*))?$/

/** Checks a start line (without its line end); undefined when it is well-formed. */
export function startLineProblem(text: string, direction: Direction): Malformed | undefined {
  const ok = direction === 'request' ? REQUEST_LINE.test(text) : STATUS_LINE.test(text)
  if (ok) return undefined
  const expected = direction === 'request' ? 'METHOD target HTTP/1.1' : 'HTTP/1.1 status reason'
  return {
    problem: 'bad-start-line',
    detail: `expected "${expected}", got ${JSON.stringify(clip(text))}`,
  }
}

/** Splits head bytes into lines without their line ends; `bareLf` when one ended with LF alone. */
export function headLines(bytes: Uint8Array): { lines: string[]; bareLf: boolean } {
  const lines = lenient.decode(bytes).split('\n')
  lines.pop() // the head ends with a line end: the last piece is empty
  let bareLf = false
  const out = lines.map((line) => {
    if (line.endsWith('\r')) return line.slice(0, -1)
    bareLf = true
    return line
  })
  return { lines: out, bareLf }
}

/** Parses header lines (`Name: value`, folded lines joined with a space); warnings collect oddities. */
export function parseHeaders(
  lines: readonly string[],
  warnings: string[],
): HttpHeader[] | Malformed {
  const headers: HttpHeader[] = []
  for (const line of lines) {
    const last = headers.at(-1)
    if (/^[ \t]/.test(line)) {
      if (!last) return { problem: 'bad-header', detail: 'a folded line with no header before it' }
      last.value = (last.value + ' ' + line.trim()).trim()
      if (!warnings.includes('folded header line')) warnings.push('folded header line')
      continue
    }
    const colon = line.indexOf(':')
    const name = colon < 0 ? '' : line.slice(0, colon)
    if (!TOKEN.test(name))
      return { problem: 'bad-header', detail: `not a header line: ${JSON.stringify(clip(line))}` }
    headers.push({ name, value: line.slice(colon + 1).trim() })
  }
  return headers
}

/** Parses a complete head (start line, headers, blank line). */
export function parseHead(
  bytes: Uint8Array,
  direction: Direction,
  warnings: string[],
): Head | Malformed {
  const { lines, bareLf } = headLines(bytes)
  if (bareLf) warnings.push('line ends with LF alone, not CRLF')
  lines.pop() // the blank line
  const [first = '', ...rest] = lines
  const headers = parseHeaders(rest, warnings)
  if (!Array.isArray(headers)) return headers
  const request = REQUEST_LINE.exec(first)
  if (direction === 'request' && request) {
    const [, method = '', target = '', version = ''] = request
    return { kind: 'request', method, target, version, headers }
  }
  const status = STATUS_LINE.exec(first)
  if (direction === 'response' && status) {
    const [, version = '', code = '', reason = ''] = status
    return { kind: 'response', status: Number(code), reason, version, headers }
  }
  return startLineProblem(first, direction)!
}

/** Values of every header with this name (case-insensitive), comma lists split. */
export function headerValues(headers: readonly HttpHeader[], name: string): string[] {
  const wanted = name.toLowerCase()
  return headers
    .filter((h) => h.name.toLowerCase() === wanted)
    .flatMap((h) => h.value.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

/** How a message's body ends, per RFC 9112 section 6.3; `tunnel`: the bytes after it are not HTTP. */
export type BodyPlan =
  | { framing: 'none'; tunnel: boolean }
  | { framing: 'length'; length: number }
  | { framing: 'chunked' }
  | { framing: 'close' }

/**
 * The body of a message after this head. A response needs the request's method when known: HEAD and
 * CONNECT change it. 1xx, 204 and 304 responses have none; 101 and a 2xx to CONNECT switch the
 * connection to another protocol.
 */
export function bodyPlan(
  head: Head,
  method: string | undefined,
  warnings: string[],
): BodyPlan | Malformed {
  if (head.kind === 'response') {
    const s = head.status
    if (s === 101 || (method === 'CONNECT' && s >= 200 && s < 300))
      return { framing: 'none', tunnel: true }
    if ((s >= 100 && s < 200) || s === 204 || s === 304 || method === 'HEAD')
      return { framing: 'none', tunnel: false }
  }
  const codings = headerValues(head.headers, 'transfer-encoding')
  const lengths = headerValues(head.headers, 'content-length')
  if (codings.length > 0) {
    if (lengths.length > 0)
      warnings.push('both Transfer-Encoding and Content-Length: the length is ignored')
    if (codings.at(-1)!.toLowerCase() === 'chunked') return { framing: 'chunked' }
    if (head.kind === 'response') return { framing: 'close' }
    return { problem: 'bad-header', detail: 'a request Transfer-Encoding must end with chunked' }
  }
  if (lengths.length > 0) {
    const first = lengths[0]!
    if (!/^\d{1,15}$/.test(first) || lengths.some((v) => v !== first))
      return {
        problem: 'bad-length',
        detail: `bad Content-Length ${JSON.stringify(clip(lengths.join(', ')))}`,
      }
    return { framing: 'length', length: Number(first) }
  }
  return head.kind === 'request' ? { framing: 'none', tunnel: false } : { framing: 'close' }
}

/** A chunk-size line's size and extensions, or undefined when it is malformed. */
export function parseChunkLine(line: string): { size: number; extensions: string } | undefined {
  const m = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line)
  if (!m) return undefined
  return { size: parseInt(m[1]!, 16), extensions: m[2] ?? '' }
}

function clip(text: string): string {
  return text.length > 60 ? text.slice(0, 60) + '…' : text
}
