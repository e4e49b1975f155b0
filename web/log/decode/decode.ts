// One framed message's bytes -> what the log shows: a typed response or request, or why it is not one.
import { parseMessage } from '../../../shared/codec.ts'
import type { FrameError } from '../../../shared/framing.ts'
import { CODE, Request, Response } from '../../../shared/protocol.ts'
import type { Decoded, LessonMessage, Problem } from '../../../shared/protocols/types.ts'

/** Which way bytes went: page -> server, or server -> page. */
export type Direction = 'sent' | 'received'

/** A decoded message as the log shows it. */
export type MessageView =
  /** A received message that is a valid `Response`. */
  | { type: 'response'; response: Response; text: string }
  /** A sent message that is a valid `Request`. */
  | { type: 'request'; request: Request; text: string }
  /** Valid JSON that fails the direction's schema; the page re-validates it to show why. */
  | { type: 'invalid'; value: unknown; text: string }
  /** Bytes that are not UTF-8 or not JSON. */
  | { type: 'not-json'; text: string; problem: 'utf8' | 'json'; detail: string; offset?: number }
  /** Bytes the framing decoder rejected before any JSON parse. */
  | { type: 'frame-error'; problem: FrameError['problem']; fatal: boolean }
  /** A message of another protocol (HTTP, RESP, a text line); `text` is its bytes as UTF-8. */
  | { type: 'protocol'; message: Exclude<Decoded, LessonMessage>; text: string }
  /** Bytes another protocol's decoder rejected, with its short English detail. */
  | { type: 'protocol-error'; problem: Problem; detail: string; fatal: boolean }

const lenient = new TextDecoder('utf-8')

/** Decodes a message body: strict UTF-8, JSON, then `Response` (received) or `Request` (sent). */
export function decodeMessage(dir: Direction, body: Uint8Array): MessageView {
  const text = lenient.decode(body)
  // Without U+FFFD the bytes were valid UTF-8, so the text is what a strict decode gives: parse it
  // rather than decode the bytes twice (a flood brings thousands a second). Else parseMessage says why.
  const parsed = text.includes('\uFFFD') ? parseMessage(body) : parseText(text, body)
  if (!parsed.ok) {
    return parsed.problem === 'utf8'
      ? { type: 'not-json', text, problem: 'utf8', detail: '', offset: parsed.offset }
      : { type: 'not-json', text, problem: 'json', detail: parsed.detail }
  }
  if (dir === 'received') {
    const result = Response.safeParse(parsed.value)
    return result.success
      ? { type: 'response', response: result.data, text }
      : { type: 'invalid', value: parsed.value, text }
  }
  const result = Request.safeParse(parsed.value)
  return result.success
    ? { type: 'request', request: result.data, text }
    : { type: 'invalid', value: parsed.value, text }
}

// JSON.parse of valid UTF-8 text; on a syntax error, parseMessage's own description of it.
function parseText(text: string, body: Uint8Array): ReturnType<typeof parseMessage> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return parseMessage(body)
  }
}

/** The view of bytes a framing decoder rejected. */
export function frameErrorView(error: FrameError): MessageView {
  return { type: 'frame-error', problem: error.problem, fatal: error.fatal }
}

/** The status code of a view, when it is a valid response. */
export function responseCode(view: MessageView): string | undefined {
  return view.type === 'response' ? view.response[CODE] : undefined
}

/** Colour family of a status code: 2xx success, 4xx refusal, 5xx server trouble. */
export function codeTone(code: string): 'ok' | 'warn' | 'error' | 'info' {
  if (code.startsWith('2')) return 'ok'
  if (code === '404' || code === '409' || code === '408') return 'warn'
  if (code.startsWith('4') || code.startsWith('5')) return 'error'
  return 'info'
}
