// Pure request handling: one message's bytes (or a framing error) -> one reply, per PROTOCOL.md.
import { describeKind, dumpsString, isJsonObject, parseMessage } from '../shared/codec.ts'
import type { FrameError } from '../shared/framing.ts'
import {
  ACTION,
  CODE,
  EMAIL,
  EXPLANATION,
  Envelope,
  FIELD,
  FIELDS,
  Modification,
  TEXT,
  VALUE,
  refusalCode,
  type ActionName,
  type CodeMode,
  type FieldName,
  type RefusalKind,
  type UserRecord,
} from '../shared/protocol.ts'
import { readPlainRequest, type PlainRequest } from './plain-request.ts'
import type { Registry } from './registry.ts'

/** One answer: its code, its text, and what the log line names. */
export interface Reply {
  code: string
  /** The whole answer as Python's json.dumps writes it: pure ASCII, so its characters are its bytes. */
  text: string
  /** The request's AÇÃO when it had a valid one, for the log. */
  action: string | undefined
}

/** A refusal with this EXPLICAÇÃO. Every reply has the same three keys, so reads of them stay monomorphic. */
export const refuse = (
  kind: RefusalKind,
  mode: CodeMode,
  explanation: string,
  action?: string,
): Reply => {
  const code = refusalCode(kind, mode)
  return { code, text: head(code) + dumpsString(explanation) + '}', action }
}

/** Answers one decoded JSON value against the registry: the checks of PROTOCOL.md, in order. */
export function handleRequest(request: unknown, registry: Registry, mode: CodeMode): Reply {
  if (!isJsonObject(request))
    return refuse('malformed', mode, TEXT.notObject(describeKind(request)))
  // Checks 1-5: zod reports issues in the schema's key order, which is the check order.
  const envelope = Envelope.safeParse(request)
  if (!envelope.success) {
    return refuse('entry', mode, envelope.error.issues[0]?.message ?? TEXT.missing(ACTION))
  }
  const { [ACTION]: action, [EMAIL]: email } = envelope.data
  // Checks 10-12 are only reported after the registry's (act() keeps the order); reading them first is pure.
  if (action !== 'MODIFICAR USUARIO') return act(registry, mode, action, email)
  const change = Modification.safeParse(request)
  if (change.success) {
    return act(registry, mode, action, email, change.data[FIELD], change.data[VALUE])
  }
  const refusal = change.error.issues[0]?.message ?? TEXT.missing(FIELD)
  return act(registry, mode, action, email, undefined, undefined, refusal)
}

/**
 * Checks 6-13 for a request that passed checks 1-5. For MODIFICAR, `field` and `value` are CAMPO and
 * VALOR when checks 10-12 pass, and `refusal` their refusal text when they fail.
 */
function act(
  registry: Registry,
  mode: CodeMode,
  action: ActionName,
  email: string,
  field?: FieldName,
  value?: string,
  refusal?: string,
): Reply {
  const say = WORDINGS[mode]
  const record = registry.get(email)
  if (record === undefined) {
    if (action !== 'CRIAR USUARIO') return say.notRegistered.reply(action, email) // 6b
    // PROTOCOL.md "Workspaces": past a limit, CRIAR is refused and nothing else changes.
    const full = registry.full()
    if (full !== undefined) {
      const text = full.limit === 'users' ? TEXT.fullUsers : TEXT.fullWorkspaces
      return refuse('full', mode, text(full.max), action)
    }
    registry.create(email) // 6a
    return say.created.reply(action, email)
  }
  switch (action) {
    case 'CRIAR USUARIO': // 7
      return say.alreadyRegistered.reply(action, email)
    case 'CONSULTAR USUARIO': // 8
      // Written out now: later changes to the record never reach this answer.
      return { code: '200', text: recordReplyText(record), action }
    case 'REMOVER USUARIO': // 9
      registry.remove(email)
      return say.removed.reply(action, email)
    case 'MODIFICAR USUARIO': {
      // Checks 10-12.
      if (field === undefined || value === undefined) {
        return refuse('entry', mode, refusal ?? TEXT.missing(FIELD), action)
      }
      // Deviation: renaming onto another registered email is refused instead of overwriting it.
      if (field === 'Email' && value !== email && registry.has(value)) {
        return say.alreadyRegistered.reply(action, value)
      }
      registry.update(email, field, value)
      return say.modified.reply(action, email, field, value) // 13
    }
  }
}

/** Answers a request read by the fast path (it passed checks 1-5). */
export function answerPlain(plain: PlainRequest, registry: Registry, mode: CodeMode): Reply {
  return act(registry, mode, plain.action, plain.email, plain.field, plain.value)
}

/** Answers one framed message's bytes: strict UTF-8, then JSON, then the protocol checks. */
export function answerMessage(body: Uint8Array, registry: Registry, mode: CodeMode): Reply {
  // Most messages are plain requests: read them without decoding, JSON.parse or zod (same answers).
  const plain = readPlainRequest(body)
  if (plain !== undefined)
    return act(registry, mode, plain.action, plain.email, plain.field, plain.value)
  const parsed = parseMessage(body)
  if (parsed.ok) return handleRequest(parsed.value, registry, mode)
  return refuse(
    'malformed',
    mode,
    parsed.problem === 'utf8' ? TEXT.notUtf8(parsed.offset) : TEXT.notJson(parsed.detail),
  )
}

/** Answers bytes the framing could not turn into a message. */
export function answerFrameError(error: FrameError, maxMessage: number, mode: CodeMode): Reply {
  switch (error.problem) {
    case 'garbage':
      return refuse('malformed', mode, TEXT.garbage(error.end - error.start))
    case 'too-large':
      return refuse('too-large', mode, TEXT.tooLarge(maxMessage, error.fatal))
    case 'incomplete':
      return refuse('malformed', mode, TEXT.incomplete(error.end - error.start))
  }
}

// The response's two keys as json.dumps writes them, computed once: every answer starts with them.
const CODE_KEY = '{' + dumpsString(CODE) + ': '
const EXPLANATION_KEY = ', ' + dumpsString(EXPLANATION) + ': '
/** Everything of an answer's text before its EXPLICAÇÃO's value. */
const head = (code: string) => CODE_KEY + dumpsString(code) + EXPLANATION_KEY
const HEAD_200 = head('200')

// Most answers' EXPLICAÇÃO is a TEXT function of one to three strings, under one code. Their text is
// built from the function's fixed parts, escaped once, and each argument, escaped on its own:
// json.dumps escapes one UTF-16 unit at a time, so escaping the parts apart gives the same bytes as
// escaping the whole.
type TextOf = (a: string, b: string, c: string) => string

class Wording {
  /** Escaped text around the arguments, one more than `args`; the first holds the answer's head. */
  private readonly parts: string[]
  /** Which argument (0-2) goes after each part. */
  private readonly args: number[]

  constructor(
    private readonly code: string,
    text: TextOf,
  ) {
    // Control characters never occur in TEXT, so U+0000-U+0002 mark where each argument goes.
    const split = dumpsString(text('\u0000', '\u0001', '\u0002'))
      .slice(1, -1)
      .split(/\\u000([0-2])/)
    this.parts = split.filter((_, i) => i % 2 === 0)
    // Joined, not concatenated: one flat string, so writing the answer copies it in one go.
    this.parts[0] = [head(code), '"', this.parts[0]].join('')
    this.parts.push(this.parts.pop() + '"}')
    this.args = split.filter((_, i) => i % 2 === 1).map(Number)
  }

  /** The reply whose EXPLICAÇÃO is text(a, b, c). */
  reply(action: string, a: string, b = '', c = ''): Reply {
    const { parts, args } = this
    let out = parts[0]!
    for (let i = 0; i < args.length; i++) {
      out += escapeInner(args[i] === 0 ? a : args[i] === 1 ? b : c) + parts[i + 1]!
    }
    return { code: this.code, text: out, action }
  }
}

/** The wordings of one code mode: their codes are fixed once the mode is. */
function wordings(mode: CodeMode) {
  return {
    notRegistered: new Wording(refusalCode('unknown-user', mode), TEXT.notRegistered),
    created: new Wording('200', TEXT.created),
    alreadyRegistered: new Wording(refusalCode('conflict', mode), TEXT.alreadyRegistered),
    removed: new Wording('200', TEXT.removed),
    modified: new Wording('200', TEXT.modified),
  }
}
const WORDINGS: Readonly<Record<CodeMode, ReturnType<typeof wordings>>> = {
  lesson: wordings('lesson'),
  http: wordings('http'),
}

/** dumpsString without the quotes; the string itself when nothing needs escaping. */
function escapeInner(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) return dumpsString(s).slice(1, -1)
  }
  return s
}

const [NAME_KEY, ADDRESS_KEY, PHONE_KEY, EMAIL_KEY] = FIELDS.map(
  (f, i) => (i === 0 ? '{' : ', ') + dumpsString(f) + ': ',
) as [string, string, string, string]
const RECORD_HEAD = [HEAD_200, NAME_KEY].join('')
const nullable = (v: string | null) => (v === null ? 'null' : dumpsString(v))

/** CONSULTAR's answer text: the record's four fields in FIELDS order, as dumps(record) writes them. */
function recordReplyText(record: UserRecord): string {
  // Named reads, not record[FIELDS[i]]: a keyed read with changing keys is megamorphic in V8.
  return (
    RECORD_HEAD +
    nullable(record.Nome) +
    ADDRESS_KEY +
    nullable(record.Endereço) +
    PHONE_KEY +
    nullable(record.Telefone) +
    EMAIL_KEY +
    dumpsString(record.Email) +
    '}}'
  )
}
