// An answer's bytes as the framing carries them: the JSON body inside, what is wrong around it, and its value.
import { parseMessage } from '../codec.ts'
import type { Framing } from '../framing.ts'
import { isSpace } from '../json-scanner.ts'

/** What is wrong with the framing around an answer's JSON. */
export type FramingProblem =
  | { kind: 'ndjson-newline' }
  | { kind: 'length-prefix'; declared: number; actual: number }
  | { kind: 'missing-prefix' }
  | { kind: 'extra-newline' }
  | { kind: 'extra-bytes'; text: string }

/** An answer taken apart: its body, any framing problem, and the body's text and JSON value. */
export interface Unwrapped {
  body: Uint8Array
  problems: FramingProblem[]
  /** The body as text (invalid UTF-8 shown as U+FFFD). */
  text: string
  /** The JSON value, when the body is valid UTF-8 JSON. */
  parsed: { ok: true; value: unknown } | { ok: false }
}

const lossy = new TextDecoder('utf-8')
const OPEN_BRACE = 0x7b

/** Takes an answer's wire bytes apart according to the framing. */
export function unwrap(framing: Framing, wire: Uint8Array): Unwrapped {
  const problems: FramingProblem[] = []
  let body = wire
  switch (framing) {
    case 'ndjson':
      if (wire[wire.length - 1] === 0x0a) body = wire.subarray(0, wire.length - 1)
      else problems.push({ kind: 'ndjson-newline' })
      break
    case 'length':
      if (wire[0] === OPEN_BRACE) problems.push({ kind: 'missing-prefix' })
      else if (wire.length >= 4) {
        const declared = new DataView(wire.buffer, wire.byteOffset, 4).getUint32(0)
        body = wire.subarray(4)
        if (declared !== body.length) {
          problems.push({ kind: 'length-prefix', declared, actual: body.length })
        }
      } else problems.push({ kind: 'length-prefix', declared: NaN, actual: 0 })
      break
    case 'json':
    case 'naive':
      break
  }
  // Whatever surrounds the JSON itself: a newline (an ndjson habit), or other bytes.
  let from = 0
  let to = body.length
  while (from < to && body[from] !== OPEN_BRACE && body[from] !== 0x5b) from++
  while (to > from && isSpace(body[to - 1]!)) to--
  if (from > 0 || to < body.length) {
    const around = lossy.decode(body.subarray(0, from)) + lossy.decode(body.subarray(to))
    if (around.trim() === '') problems.push({ kind: 'extra-newline' })
    else problems.push({ kind: 'extra-bytes', text: around })
    if (from < to) body = body.subarray(from, to)
  }
  const parsed = parseMessage(body)
  return {
    body,
    problems,
    text: lossy.decode(body),
    parsed: parsed.ok ? { ok: true, value: parsed.value } : { ok: false },
  }
}
