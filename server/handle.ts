// Pure request handling: one message's bytes (or a framing error) -> one reply, per PROTOCOL.md.
import { describeKind, dumps, dumpsString, isJsonObject, parseMessage } from '../shared/codec.ts'
import type { FrameError } from '../shared/framing.ts'
import {
  ACTION,
  CODE,
  EMAIL,
  EXPLANATION,
  Envelope,
  FIELD,
  Modification,
  TEXT,
  VALUE,
  refusalCode,
  type CodeMode,
  type RefusalKind,
  type UserRecord,
} from '../shared/protocol.ts'
import type { Registry } from './registry.ts'

/** One answer: the code, the EXPLICAÇÃO, and what the log line should name. */
export interface Reply {
  code: string
  explanation: string | UserRecord
  /** The request's AÇÃO when it had a valid one, for the log. */
  action?: string
}

const ok = (explanation: string | UserRecord, action: string): Reply => ({
  code: '200',
  explanation,
  action,
})

const refuse = (kind: RefusalKind, mode: CodeMode, text: string, action?: string): Reply =>
  action === undefined
    ? { code: refusalCode(kind, mode), explanation: text }
    : { code: refusalCode(kind, mode), explanation: text, action }

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
  const record = registry.get(email)
  if (record === undefined) {
    if (action !== 'CRIAR USUARIO')
      return refuse('unknown-user', mode, TEXT.notRegistered(email), action) // 6b
    registry.create(email) // 6a
    return ok(TEXT.created(email), action)
  }
  switch (action) {
    case 'CRIAR USUARIO': // 7
      return refuse('conflict', mode, TEXT.alreadyRegistered(email), action)
    case 'CONSULTAR USUARIO': // 8
      return ok(record, action)
    case 'REMOVER USUARIO': // 9
      registry.remove(email)
      return ok(TEXT.removed(email), action)
    case 'MODIFICAR USUARIO': {
      // Checks 10-12.
      const change = Modification.safeParse(request)
      if (!change.success) {
        return refuse('entry', mode, change.error.issues[0]?.message ?? TEXT.missing(FIELD), action)
      }
      const { [FIELD]: field, [VALUE]: value } = change.data
      // Deviation: renaming onto another registered email is refused instead of overwriting it.
      if (field === 'Email' && value !== email && registry.has(value)) {
        return refuse('conflict', mode, TEXT.alreadyRegistered(value), action)
      }
      registry.update(email, field, value)
      return ok(TEXT.modified(email, field, value), action) // 13
    }
  }
}

/** Answers one framed message's bytes: strict UTF-8, then JSON, then the protocol checks. */
export function answerMessage(body: Uint8Array, registry: Registry, mode: CodeMode): Reply {
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

/** The reply as the text json.dumps would produce: pure ASCII, so its characters are its bytes. */
export function replyText(reply: Reply): string {
  return CODE_KEY + dumpsString(reply.code) + EXPLANATION_KEY + dumps(reply.explanation) + '}'
}

/** The reply's bytes, before framing. */
export function replyBytes(reply: Reply): Uint8Array {
  return new TextEncoder().encode(replyText(reply))
}
