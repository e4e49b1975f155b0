// One expected answer against one received: the expected bytes, the verdict, the first differing byte.
import { dumpsBytes, isJsonObject } from '../codec.ts'
import { encodeFrame, type Framing } from '../framing.ts'
import {
  ACTION,
  CODE,
  EMAIL,
  EXPLANATION,
  asText,
  refusalCode,
  type CodeMode,
} from '../protocol.ts'
import { diagnose, refusedFindings, type ExpectedAnswer, type JudgeInput } from './diagnose.ts'
import { quote } from './sentences.ts'
import type { AnswerCheck, Body, Expect, Text } from './types.ts'
import { unwrap } from './unwrap.ts'
import type { Received } from './wire.ts'

// The judge's input is declared beside the diagnosis, which extends it; callers find it here.
export type { JudgeInput } from './diagnose.ts'

/** Offset of the first byte where `a` and `b` differ (the shorter length if one is a prefix), or -1. */
export function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : n
}

/** The received answer's JSON value, when it has one. */
function receivedValue(framing: Framing, received: Received): unknown {
  if (received.outcome !== 'answer' && received.outcome !== 'incomplete') return undefined
  const answer = unwrap(framing, received.bytes)
  return answer.parsed.ok ? answer.parsed.value : undefined
}

/**
 * The expected answer under a code mode. A shape-only refusal takes the received text when there is
 * one (so only real differences show), else our server's sample text.
 */
export function expectedAnswer(expect: Expect, codes: CodeMode, got?: unknown): ExpectedAnswer {
  const code = expect.code === '200' ? '200' : refusalCode(expect.code, codes)
  if ('text' in expect) return { code, explanation: expect.text }
  if ('record' in expect) return { code, explanation: expect.record }
  const text = isJsonObject(got) ? got[EXPLANATION] : undefined
  return { code, explanation: typeof text === 'string' ? text : expect.sample }
}

/** The code mode a received answer reveals, when its expected refusal's code differs between modes. */
export function revealedCodes(
  expect: Expect,
  framing: Framing,
  received: Received,
): CodeMode | undefined {
  if (
    expect.code === '200' ||
    refusalCode(expect.code, 'lesson') === refusalCode(expect.code, 'http')
  )
    return undefined
  const got = receivedValue(framing, received)
  if (!isJsonObject(got) || typeof got[CODE] !== 'string') return undefined
  return got[CODE] === refusalCode(expect.code, 'http') ? 'http' : 'lesson'
}

/** Judges one received answer against its expectation. */
export function judge(input: JudgeInput): AnswerCheck {
  const { expect, received, framing } = input
  const expected = expectedAnswer(expect, input.codes, receivedValue(framing, received))
  const wire = encodeFrame(
    framing,
    dumpsBytes({ [CODE]: expected.code, [EXPLANATION]: expected.explanation }),
  )
  const diff = firstDiff(wire, received.bytes)
  const early = received.outcome === 'answer' && received.early
  const pass = received.outcome === 'answer' && !early && diff === -1
  return {
    expected: wire,
    shapeOnly: 'anyText' in expect,
    received: received.bytes,
    outcome: received.outcome,
    early,
    pass,
    firstDiff: diff,
    findings: pass ? [] : diagnose({ ...input, expected, firstDiff: diff }),
  }
}

/** The check of an answer that never came because the connection could not be opened. */
export function refusedCheck(
  expect: Expect | undefined,
  input: Omit<JudgeInput, 'expect' | 'received'>,
  detail: string,
): AnswerCheck {
  let wire: Uint8Array = new Uint8Array(0)
  if (expect) {
    const expected = expectedAnswer(expect, input.codes)
    wire = encodeFrame(
      input.framing,
      dumpsBytes({ [CODE]: expected.code, [EXPLANATION]: expected.explanation }),
    )
  }
  return {
    expected: wire,
    shapeOnly: expect !== undefined && 'anyText' in expect,
    received: new Uint8Array(0),
    outcome: 'refused',
    early: false,
    pass: false,
    firstDiff: 0,
    findings: refusedFindings(detail, input.what, input.hints),
  }
}

const lossy = new TextDecoder()

/** What a step sends, in words: the request's AÇÃO and email, or a quote of the bytes. */
export function describeBody(body: Body | readonly Body[]): Text {
  if (Array.isArray(body)) {
    const parts = (body as readonly Body[]).map(describeBody)
    return { pt: parts.map((p) => p.pt).join(' + '), en: parts.map((p) => p.en).join(' + ') }
  }
  if (body instanceof Uint8Array) {
    const q = quote(lossy.decode(body), 40)
    return { pt: `os bytes ${q}`, en: `the bytes ${q}` }
  }
  if (isJsonObject(body) && typeof body[ACTION] === 'string') {
    const email = body[EMAIL] === undefined ? '' : ` ${asText(body[EMAIL])}`
    return { pt: `${body[ACTION]}${email}`, en: `${body[ACTION]}${email}` }
  }
  const q = quote(JSON.stringify(body), 40)
  return { pt: `o pedido ${q}`, en: `the request ${q}` }
}
