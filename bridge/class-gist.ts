// The teacher's words for what crossed a relay: kept as bytes while the class works, read only when shown.
import type { FeedItem, LastError, Said, Answered } from '../shared/class-protocol.ts'

/** A request or answer as kept: when, and its bytes (a copy, never a view of a read buffer). */
export interface RawSaid {
  at: number
  body: Uint8Array
}

/** An answer as kept, with its code (read at once: the tallies need it). */
export interface RawAnswer extends RawSaid {
  code: string
}

/** The last trouble on a connection, as kept. */
export type RawError =
  | ({ kind: 'answer' } & RawAnswer)
  | { kind: 'close'; at: number; code: number; reason: string }
  | { kind: 'undecodable'; at: number; text: string }

/** A feed line as kept. */
export interface RawFeed {
  at: number
  connection: number
  address: string
  group?: string | undefined
  kind: FeedItem['kind']
  code?: string | undefined
  body?: Uint8Array | undefined
  text?: string | undefined
}

const TEXT_LIMIT = 160
const utf8 = new TextDecoder()
// Every answer of the lesson's server starts with these bytes, then the code and a quote.
const CODE_HEAD = new TextEncoder().encode('{"CODIGO DE ERRO": "')

const clip = (text: string) =>
  text.length > TEXT_LIMIT ? text.slice(0, TEXT_LIMIT - 1) + '…' : text

/**
 * An answer's code, read straight from json.dumps's bytes when they start the usual way (no decoding,
 * no JSON.parse: this runs for every answer of the class), else from the parsed JSON; "?" when the
 * answer is not the lesson's protocol.
 */
export function answerCode(body: Uint8Array): string {
  let i = 0
  while (i < CODE_HEAD.length && body[i] === CODE_HEAD[i]) i++
  if (i === CODE_HEAD.length) {
    let end = i
    while (end < body.length && end < i + 8 && body[end] !== 0x22) end++
    if (body[end] === 0x22) return String.fromCharCode(...body.subarray(i, end))
  }
  const code = parsed(body)?.['CODIGO DE ERRO']
  return typeof code === 'string' ? code : '?'
}

/** A request's gist: `AÇÃO EMAIL` (and `CAMPO="VALOR"`) when it reads as one, else its text. */
export function requestText(body: Uint8Array): string {
  const r = parsed(body)
  if (r) {
    const parts = [r['AÇÃO'], r.EMAIL_USUARIO].filter((v) => typeof v === 'string')
    if (typeof r.CAMPO === 'string') parts.push(`${r.CAMPO}=${JSON.stringify(r.VALOR)}`)
    if (parts.length > 0) return clip(parts.join(' '))
  }
  return clip(utf8.decode(body))
}

/** An answer's EXPLICAÇÃO as text (a record as JSON), or the answer's own text if it is not one. */
export function answerText(body: Uint8Array): string {
  const said = parsed(body)?.['EXPLICAÇÃO']
  if (said === undefined) return clip(utf8.decode(body))
  return clip(typeof said === 'string' ? said : JSON.stringify(said))
}

function parsed(body: Uint8Array): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(utf8.decode(body))
    return json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

export const said = (raw: RawSaid | undefined): Said | undefined =>
  raw && { at: raw.at, text: requestText(raw.body) }

export const answered = (raw: RawAnswer | undefined): Answered | undefined =>
  raw && { at: raw.at, code: raw.code, text: answerText(raw.body) }

export function lastError(raw: RawError | undefined): LastError | undefined {
  if (raw?.kind !== 'answer') return raw
  return { kind: 'answer', at: raw.at, code: raw.code, text: answerText(raw.body) }
}

export function feedItem(raw: RawFeed): FeedItem {
  const { at, connection, address, group, kind, code } = raw
  const text =
    raw.text ??
    (raw.body === undefined ? '' : kind === 'answer' ? answerText(raw.body) : requestText(raw.body))
  return {
    at,
    connection,
    address,
    ...(group !== undefined && { group }),
    kind,
    ...(code !== undefined && { code }),
    text: clip(text),
  }
}
