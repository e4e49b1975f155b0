// Small constructors that keep the cases readable as data: requests, expected answers and steps.
import {
  ACTION,
  EMAIL,
  FIELD,
  SERVICE,
  SERVICES,
  TEXT,
  VALUE,
  newRecord,
  type ActionName,
  type RefusalKind,
  type UserRecord,
} from '../protocol.ts'
import type { Body, Expect, Hints, SendStep, Text } from './types.ts'

const SERVICE_NAME = SERVICES[0]

/** A request with the three envelope fields in the lesson's order, then `extra`. */
export function req(action: ActionName, email: unknown, extra: Record<string, unknown> = {}) {
  return { [SERVICE]: SERVICE_NAME, [ACTION]: action, [EMAIL]: email, ...extra }
}
export const create = (email: unknown) => req('CRIAR USUARIO', email)
export const read = (email: unknown) => req('CONSULTAR USUARIO', email)
export const remove = (email: unknown) => req('REMOVER USUARIO', email)
export const modify = (email: unknown, field: unknown, value: unknown) =>
  req('MODIFICAR USUARIO', email, { [FIELD]: field, [VALUE]: value })

/** A 200 whose EXPLICAÇÃO is this text. */
export const ok = (text: string): Expect => ({ code: '200', text })
/** A 200 whose EXPLICAÇÃO is this record (CONSULTAR). */
export const okRecord = (record: UserRecord): Expect => ({ code: '200', record })
/** A record: a new one for `email`, with some fields set. */
export const record = (email: string, set: Partial<UserRecord> = {}): UserRecord => ({
  ...newRecord(email),
  ...set,
})
/** A refusal of this kind (its code follows the run's code mode) with this exact text. */
export const refusal = (kind: RefusalKind, text: string): Expect => ({ code: kind, text })
/** A refusal checked for shape only: PROTOCOL.md leaves these texts to the implementer. */
export const shaped = (kind: RefusalKind, sample: string): Expect => ({
  code: kind,
  anyText: true,
  sample,
})

/** The answers of the common requests. */
export const created = (email: string) => ok(TEXT.created(email))
export const removed = (email: string) => ok(TEXT.removed(email))
export const modified = (email: string, field: string, value: string) =>
  ok(TEXT.modified(email, field, value))
export const unknown = (email: string) => refusal('unknown-user', TEXT.notRegistered(email))
export const taken = (email: string) => refusal('conflict', TEXT.alreadyRegistered(email))
export const missing = (name: string) => refusal('entry', TEXT.missing(name))
export const invalid = (name: string, value: unknown) => refusal('entry', TEXT.invalid(name, value))

/** One message, one answer. */
export function send(body: Body, expect: Expect, more: Partial<SendStep> = {}): SendStep {
  return { op: 'send', send: body, expect: [expect], ...more }
}
/** Removes a case's user afterwards; the answer is read, never judged. */
export function tidy(email: string, conn = 0): SendStep {
  return { op: 'send', conn, send: remove(email), expect: [removed(email)], cleanup: 'always' }
}
/** Same as `send` on another connection. */
export const on = (conn: number, body: Body, expect: Expect, hints?: Hints): SendStep => ({
  op: 'send',
  conn,
  send: body,
  expect: [expect],
  ...(hints && { hints }),
})

const utf8 = new TextEncoder()
/** Raw bytes from a text with `\xNN` escapes for bytes that are not UTF-8 text. */
export function bytes(text: string): Uint8Array {
  const parts: number[] = []
  for (const piece of text.split(/(\\x[0-9a-f]{2})/i)) {
    if (/^\\x[0-9a-f]{2}$/i.test(piece)) parts.push(parseInt(piece.slice(2), 16))
    else parts.push(...utf8.encode(piece))
  }
  return Uint8Array.from(parts)
}

/** A sentence the same in both languages. */
export const same = (s: string): Text => ({ pt: s, en: s })
