// Names what is wrong with one answer, in the lesson's terms: framing, encoding, keys, code, text, record.
import { isJsonObject } from '../codec.ts'
import type { Framing } from '../framing.ts'
import {
  CODE,
  EXPLANATION,
  FIELDS,
  TEXT,
  refusalCode,
  type CodeMode,
  type UserRecord,
} from '../protocol.ts'
import { encodingFindings } from './encoding.ts'
import { finding, say } from './sentences.ts'
import type { Expect, Finding, FindingKind, Hints, Text } from './types.ts'
import { unwrap, type FramingProblem } from './unwrap.ts'
import type { Received } from './wire.ts'
import { wlError } from '../errors.ts'

/** The answer a step expected, resolved: its code and EXPLICAÇÃO. */
export interface ExpectedAnswer {
  code: string
  explanation: string | UserRecord
}

/** Everything needed to judge one answer (judge.ts takes it; the diagnosis, more besides). */
export interface JudgeInput {
  expect: Expect
  received: Received
  framing: Framing
  codes: CodeMode
  /** What the step sent, for sentences. */
  what: Text
  hints?: Hints | undefined
  timeoutMs: number
}

/** Everything the diagnosis looks at for one answer: the judge's input and what judging found. */
export interface DiagnoseInput extends JudgeInput {
  expected: ExpectedAnswer
  firstDiff: number
}

/** The findings for an answer that did not match, most telling first. */
export function diagnose(input: DiagnoseInput): Finding[] {
  const { received, hints, what } = input
  const out: Finding[] = []
  const hint = (kind: FindingKind | undefined) => {
    if (kind !== undefined) out.push(hintFinding(kind, what))
  }
  if (received.outcome === 'timeout') {
    hint(hints?.timeout)
    out.push(finding('no-answer', say.noAnswer(input.timeoutMs, what)))
    return out
  }
  if (received.outcome === 'closed') {
    hint(hints?.closed)
    // The crash hint already says the connection closed, and why.
    if (hints?.closed !== 'crash-bad-input') {
      out.push(finding('closed', say.closed(what, received.end.how !== 'fin')))
    }
    return out
  }
  const answer = unwrap(input.framing, received.bytes)
  const early = received.outcome === 'answer' && received.early
  const framing = answer.problems.map((p) => framingFinding(p, input.framing))
  if (!answer.parsed.ok) {
    hint(hints?.mismatch)
    if (early) out.push(finding('early-answer', say.earlyAnswer))
    out.push(...framing)
    if (received.outcome === 'incomplete' && answer.problems.length === 0) {
      out.push(finding('incomplete', say.incomplete(received.bytes.length)))
    }
    out.push(finding('not-json', say.notJson(answer.text)))
    if (/^\{'|: None\b|: '/.test(answer.text)) out.push(finding('python-repr', say.pythonRepr))
    return out
  }
  const encoding = encodingFindings(answer.text, answer.parsed.value, input.firstDiff)
  const content = contentFindings(answer.parsed.value, input)
  // The case's own explanation (split, glued, size) only when the answer says something else, not
  // merely in other bytes: a server that encodes every answer wrongly is told that once per case.
  // A 400 to an oversize message is a refusal already (of a part, by a server that reads in pieces).
  const refusedAnyway =
    hints?.mismatch === 'no-size-limit' &&
    isJsonObject(answer.parsed.value) &&
    answer.parsed.value[CODE] === '400'
  if ((early || content.some((f) => f.kind !== 'key-order')) && !refusedAnyway) {
    hint(hints?.mismatch)
  }
  if (early) out.push(finding('early-answer', say.earlyAnswer))
  out.push(...framing, ...encoding, ...content)
  if (out.length === 0) out.push(finding('other-encoding', say.otherEncoding(input.firstDiff)))
  return out
}

/** The findings for a connection that could not be opened. */
export function refusedFindings(detail: string, what: Text, hints?: Hints): Finding[] {
  const out = hints?.refused === undefined ? [] : [hintFinding(hints.refused, what)]
  out.push(finding('refused', say.refused(detail)))
  return out
}

function hintFinding(kind: FindingKind, what: Text): Finding {
  switch (kind) {
    case 'one-client':
      return finding(kind, say.oneClient)
    case 'listener-closed':
      return finding(kind, say.listenerClosed)
    case 'split-read':
      return finding(kind, say.splitRead)
    case 'glued-read':
      return finding(kind, say.gluedRead)
    case 'no-size-limit':
      return finding(kind, say.noSizeLimit)
    case 'crash-bad-input':
      return finding(kind, say.crashBadInput(what))
    default:
      throw wlError('WL_ERR_HINT', `no hint sentence for ${kind}`)
  }
}

function framingFinding(problem: FramingProblem, framing: Framing): Finding {
  switch (problem.kind) {
    case 'ndjson-newline':
      return finding(problem.kind, say.ndjsonNewline)
    case 'length-prefix':
      return finding(problem.kind, say.lengthPrefix(problem.declared, problem.actual))
    case 'missing-prefix':
      return finding(problem.kind, say.missingPrefix)
    case 'extra-newline':
      return finding(problem.kind, say.extraNewline(framing))
    case 'extra-bytes':
      return finding(problem.kind, say.extraBytes(problem.text))
  }
}

/** What differs between a parsed answer and the expected one: keys, code, EXPLICAÇÃO. */
function contentFindings(got: unknown, input: DiagnoseInput): Finding[] {
  const out: Finding[] = []
  if (!isJsonObject(got)) return [finding('wrong-keys', say.wrongKeys([]))]
  const keys = Object.keys(got)
  const hasBoth = keys.includes(CODE) && keys.includes(EXPLANATION)
  if (hasBoth && keys.length === 2) {
    if (keys[0] !== CODE) out.push(finding('key-order', say.keyOrder(keys)))
  } else out.push(finding('wrong-keys', say.wrongKeys(keys)))
  const code = got[CODE]
  const want = input.expected
  if (code !== undefined) {
    const text = typeof code === 'string' ? code : JSON.stringify(code)
    if (typeof code !== 'string') out.push(finding('code-not-string', say.codeNotString(text)))
    if (text !== want.code) {
      out.push(finding('wrong-code', say.wrongCode(want.code, text)))
      const kind = input.expect.code
      if (kind !== '200') {
        const other: CodeMode = input.codes === 'lesson' ? 'http' : 'lesson'
        if (refusalCode(kind, other) === text && refusalCode(kind, input.codes) !== text) {
          out.push(finding('codes-mode', say.codesMode(other)))
        }
      }
    }
  }
  if (EXPLANATION in got) out.push(...explanationFindings(got[EXPLANATION], want.explanation))
  return out
}

const NOT_REGISTERED = TEXT.notRegistered('')
const CREATED = TEXT.created('')

function explanationFindings(got: unknown, want: string | UserRecord): Finding[] {
  if (typeof want === 'string') {
    // The scenario's fixed emails may be on the server already: say so rather than "wrong text".
    if (want.startsWith(CREATED) && got === TEXT.alreadyRegistered(want.slice(CREATED.length))) {
      return [finding('already-there', say.alreadyThere(want.slice(CREATED.length)))]
    }
    if (
      want.startsWith(NOT_REGISTERED) &&
      isJsonObject(got) &&
      got.Email === want.slice(NOT_REGISTERED.length)
    ) {
      return [finding('already-there', say.alreadyThere(want.slice(NOT_REGISTERED.length)))]
    }
    if (got === want) return []
    const text = typeof got === 'string' ? got : JSON.stringify(got)
    return [finding('wrong-text', say.wrongText(want, text))]
  }
  if (typeof got === 'string') {
    return /^\s*\{/.test(got)
      ? [finding('record-as-string', say.recordAsString)]
      : [finding('wrong-text', say.wantedRecord(got))]
  }
  if (!isJsonObject(got)) return [finding('wrong-text', say.wantedRecord(JSON.stringify(got)))]
  const out: Finding[] = []
  const keys = Object.keys(got)
  const sameSet = keys.length === FIELDS.length && FIELDS.every((f) => keys.includes(f))
  if (sameSet && keys.some((k, i) => k !== FIELDS[i])) {
    out.push(finding('record-key-order', say.recordKeyOrder(keys)))
  }
  for (const field of FIELDS) {
    if (got[field] !== want[field]) {
      out.push(finding('wrong-record', say.wrongRecord(field, want[field], got[field])))
    }
  }
  for (const key of keys) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      out.push(finding('wrong-record', say.wrongRecord(key, undefined, got[key])))
    }
  }
  return out
}
