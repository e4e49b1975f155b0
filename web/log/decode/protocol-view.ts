// A decoder's event -> what the log keeps of it (body bytes, framing ranges, view), for every protocol.
import type { Framing } from '../../../shared/framing.ts'
import { createProtocolDecoder } from '../../../shared/protocols/decoders.ts'
import type {
  Direction as WireDirection,
  Problem,
  Protocol,
  ProtocolEvent,
  Range,
} from '../../../shared/protocols/types.ts'
import type { Placed } from '../marks.ts'
import type { Decoded, LessonMessage } from '../../../shared/protocols/types.ts'
import type { RespValue } from '../../../shared/protocols/resp-values.ts'
import { decodeMessage, type Direction, type MessageView } from './decode.ts'

/** Bytes of another protocol's message kept with its log entry (HTTP bodies past it are counted, not kept). */
export const MAX_KEPT = 128 * 1024

const lenient = new TextDecoder('utf-8')
const LESSON_PROBLEMS = ['garbage', 'too-large', 'incomplete'] as const

/** The decoders' direction for the log's. */
export function wireDirection(dir: Direction): WireDirection {
  return dir === 'sent' ? 'request' : 'response'
}

/** What the log makes of one decoder event. */
export interface Described {
  placed: Placed
  body: Uint8Array
  view: MessageView
}

/**
 * One event as a log entry's parts. A lesson message keeps its body (without framing) and is read as
 * JSON; another protocol's message keeps its whole bytes (`bytes(start, end)`, up to MAX_KEPT), which
 * read back alone give the same message (how an exported log is decoded again).
 */
export function describeEvent(
  protocol: Protocol,
  framing: Framing,
  dir: Direction,
  ev: ProtocolEvent,
  n: number,
  bytes: (start: number, end: number) => Uint8Array,
): Described {
  const { start, end } = ev
  if (ev.type === 'error') {
    const placed: Placed = { kind: 'error', start, end }
    const body = new Uint8Array(0)
    const lesson = LESSON_PROBLEMS.find((p) => p === ev.problem)
    if (protocol === 'lesson' && lesson)
      return { placed, body, view: { type: 'frame-error', problem: lesson, fatal: ev.fatal } }
    const { problem, detail, fatal } = ev
    return { placed, body, view: { type: 'protocol-error', problem, detail, fatal } }
  }
  const message = ev.message
  if (message.protocol === 'lesson') {
    // The framing's bytes: the length prefix before the body, or the newline after it.
    const extra = end - start - message.body.length
    const frame: Range[] =
      extra <= 0
        ? []
        : framing === 'length'
          ? [{ start, end: start + extra }]
          : [{ start: end - extra, end }]
    return {
      placed: { kind: 'message', start, end, n, frame },
      body: message.body,
      view: decodeMessage(dir, message.body),
    }
  }
  const body = bytes(start, Math.min(end, start + MAX_KEPT))
  return {
    placed: { kind: 'message', start, end, n, frame: ev.frame },
    body,
    view: { type: 'protocol', message, text: lenient.decode(body) },
  }
}

/** A stored message's view again from its bytes: the lesson's JSON, or another protocol's decoder. */
export function viewOfBytes(protocol: Protocol, dir: Direction, body: Uint8Array): MessageView {
  if (protocol === 'lesson') return decodeMessage(dir, body)
  const decoder = createProtocolDecoder(protocol, wireDirection(dir), { maxBody: MAX_KEPT })
  const events = [...decoder.push(body), ...decoder.end()]
  const first = events[0]
  if (first?.type === 'message' && first.message.protocol !== 'lesson')
    return { type: 'protocol', message: first.message, text: lenient.decode(body) }
  if (first?.type === 'error')
    return { type: 'protocol-error', problem: first.problem, detail: first.detail, fatal: false }
  const problem: Problem = 'incomplete'
  return { type: 'protocol-error', problem, detail: '', fatal: false }
}

const cut = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

// A RESP value in a few words: a command's words, a scalar's text, an aggregate's size.
function respWords(value: RespValue): string {
  switch (value.type) {
    case 'array':
    case 'set':
    case 'push':
      return value.items.every((i) => i.type === 'bulk')
        ? value.items.map((i) => (i.type === 'bulk' ? i.text : '')).join(' ')
        : `${value.type}[${value.items.length}]`
    case 'map':
    case 'attribute':
      return `${value.type}[${value.entries.length}]`
    case 'inline':
      return value.args.join(' ')
    case 'boolean':
      return String(value.value)
    case 'null':
      return 'nil'
    case 'bulk':
    case 'verbatim':
      return JSON.stringify(value.text)
    default:
      return value.text
  }
}

/** Another protocol's message in a few words, for the diagram: `GET /`, `200 OK`, `PONG`, a line. */
export function protocolSummary(message: Exclude<Decoded, LessonMessage>): string {
  switch (message.protocol) {
    case 'http':
      return cut(
        message.kind === 'request'
          ? `${message.method} ${message.target}`
          : `${message.status} ${message.reason}`,
      )
    case 'resp':
      return cut(respWords(message.value))
    case 'lines':
      return cut(message.text)
  }
}
