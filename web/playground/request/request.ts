// The request builder's state: form fields and raw wire text kept in step, and the schema's hints (no React).
import { z } from 'zod'
import { describeKind, dumps, isJsonObject, parseMessage } from '../../../shared/codec.ts'
import {
  DEFAULT_MAX_MESSAGE,
  NAIVE_READ,
  createDecoder,
  type Framing,
} from '../../../shared/framing.ts'
import {
  ACTION,
  ACTIONS,
  EMAIL,
  FIELD,
  Modification,
  Request,
  SERVICE,
  SERVICES,
  TEXT,
  VALUE,
} from '../../../shared/protocol.ts'

/** The form's five inputs; an empty string means "leave the key out", so a missing field can be sent. */
export interface FormValues {
  [SERVICE]: string
  [ACTION]: string
  [EMAIL]: string
  [FIELD]: string
  [VALUE]: string
}

/** Request keys in the order the form writes them (PROTOCOL.md's table order). */
export const FORM_KEYS = [SERVICE, ACTION, EMAIL, FIELD, VALUE] as const
/** One of the five request keys the form edits. */
export type FormKey = (typeof FORM_KEYS)[number]

/** The action that shows CAMPO and VALOR. */
export const MODIFY = ACTIONS[2]

/** Which editor is showing: the form, the raw text, or exact bytes (sent without framing). */
export type BuilderTab = 'form' | 'raw' | 'bytes'

/** Builder state: `raw` is what will be sent; `inStep` is false while raw cannot be shown as a form. */
export interface BuilderState {
  form: FormValues
  raw: string
  inStep: boolean
  tab: BuilderTab
}

/** The form's starting values: a CONSULTAR of the lesson's user. */
export const INITIAL_FORM: FormValues = {
  [SERVICE]: SERVICES[0],
  [ACTION]: ACTIONS[1],
  [EMAIL]: 'eu@gmail.com',
  [FIELD]: '',
  [VALUE]: '',
}

/** The request object a form describes: filled fields only, CAMPO and VALOR only for MODIFICAR. */
export function formToRequest(form: FormValues): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of FORM_KEYS) {
    if ((key === FIELD || key === VALUE) && form[ACTION] !== MODIFY) continue
    if (form[key] !== '') out[key] = form[key]
  }
  return out
}

/** Wire text for a form: exactly what Python's json.dumps would send. */
export function formToRaw(form: FormValues): string {
  return dumps(formToRequest(form))
}

/**
 * The form for a raw text, when the form can show it: a JSON object of string values under the five
 * keys only, with CAMPO/VALOR only for MODIFICAR. Otherwise undefined (the form stays as it was).
 */
export function rawToForm(raw: string): FormValues | undefined {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return undefined
  }
  if (!isJsonObject(value)) return undefined
  const form: FormValues = { [SERVICE]: '', [ACTION]: '', [EMAIL]: '', [FIELD]: '', [VALUE]: '' }
  for (const [key, v] of Object.entries(value)) {
    if (!(FORM_KEYS as readonly string[]).includes(key) || typeof v !== 'string') return undefined
    form[key as FormKey] = v
  }
  if (form[ACTION] !== MODIFY && (FIELD in value || VALUE in value)) return undefined
  return form
}

/**
 * The text Send puts on the wire: the raw text, except on the form tab while the raw text is one the
 * form cannot show; there the form is what the student sees, so the form is what goes out.
 */
export function textToSend(state: BuilderState): string {
  return state.tab === 'form' && !state.inStep ? formToRaw(state.form) : state.raw
}

/** Actions of the builder's reducer. */
export type BuilderAction =
  | { type: 'field'; key: FormKey; value: string }
  | { type: 'raw'; raw: string }
  | { type: 'load'; raw: string }
  | { type: 'tab'; tab: BuilderTab }

/** A fresh builder state from a form. */
export function builderFromForm(form: FormValues, tab: BuilderTab = 'form'): BuilderState {
  return { form, raw: formToRaw(form), inStep: true, tab }
}

/**
 * Form edits rewrite the raw text; raw edits update the form when the form can show them. A loaded
 * text the form cannot show opens the raw editor, where it can be read.
 */
export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case 'field':
      return builderFromForm({ ...state.form, [action.key]: action.value }, state.tab)
    case 'raw':
    case 'load': {
      const form = rawToForm(action.raw)
      const tab = action.type === 'load' && !form ? 'raw' : state.tab
      return form
        ? { form, raw: action.raw, inStep: true, tab }
        : { form: state.form, raw: action.raw, inStep: false, tab }
    }
    case 'tab':
      return { ...state, tab: action.tab }
  }
}

/** Advice while typing, in the server's own words; none of it blocks sending. */
export interface Hints {
  /** Per request key: what the server would answer about it. */
  fields: Partial<Record<string, string[]>>
  /** About the whole message: not JSON, or not an object; on the json port, discarded bytes too. */
  form: string[]
  /** json port: a value is still open at the end, so the server answers nothing yet and waits. */
  waits?: boolean
  /** naive port: the text is longer than one read, so the server takes it as this many messages. */
  reads?: number
  /** Past the server's size limit: it answers 413, then closes (json, naive) or skips the rest. */
  tooLarge?: { limit: number; closes: boolean }
}

/**
 * Hints for the raw text as the server on a `framing` port would take it. The json port frames before
 * it parses: text around a value is a run of garbage with an answer of its own, and a value left open
 * is waited for, not refused. naive takes each 512 bytes as a message; ndjson and length take the text
 * as one. On every port a text past the server's default limit is answered 413 (and json and naive
 * then close the connection), which the hints say rather than judge its JSON.
 */
export function hintsFor(raw: string, framing: Framing = 'length'): Hints {
  const bytes = new TextEncoder().encode(raw)
  const max = DEFAULT_MAX_MESSAGE
  // PROTOCOL.md: a message past the limit is answered 413 at once; ndjson and length skip it and go
  // on, json and naive cannot find the next message and close. (naive reads 512 bytes at a time.)
  if (framing === 'ndjson' || framing === 'length') {
    if (bytes.length > max) return tooLarge(max, false)
    return messageHints(bytes)
  }
  if (framing === 'naive') return naiveHints(bytes)
  const scanner = createDecoder('json', { maxMessage: max })
  const events = [...scanner.push(bytes), ...scanner.flush()]
  if (events.length === 0 && scanner.pending === 0) return messageHints(bytes) // blank
  const hints: Hints = { fields: {}, form: [] }
  let first = true
  for (const e of events) {
    if (e.type === 'error') {
      if (e.problem === 'too-large') {
        hints.form.push(TEXT.tooLarge(max, e.fatal))
        hints.tooLarge = { limit: max, closes: e.fatal }
      } else hints.form.push(TEXT.garbage(e.end - e.start))
      continue
    }
    const message = messageHints(e.body)
    hints.form.push(...message.form)
    if (first) hints.fields = message.fields
    first = false
  }
  if (scanner.pending > 0) hints.waits = true
  return hints
}

function tooLarge(limit: number, closes: boolean): Hints {
  return { fields: {}, form: [TEXT.tooLarge(limit, closes)], tooLarge: { limit, closes } }
}

// naive: each read of at most 512 bytes is a message, so a longer text is answered piece by piece.
function naiveHints(bytes: Uint8Array): Hints {
  if (bytes.length <= NAIVE_READ) return messageHints(bytes)
  const hints: Hints = { fields: {}, form: [], reads: Math.ceil(bytes.length / NAIVE_READ) }
  for (let at = 0; at < bytes.length; at += NAIVE_READ) {
    for (const text of messageHints(bytes.subarray(at, at + NAIVE_READ)).form) {
      if (!hints.form.includes(text)) hints.form.push(text)
    }
  }
  return hints
}

/**
 * Hints for one message's bytes: why it is not JSON or not an object, else the issues of `Request`
 * (and of `Modification` for MODIFICAR) by field, via `z.flattenError(...).fieldErrors`.
 */
function messageHints(bytes: Uint8Array): Hints {
  const parsed = parseMessage(bytes)
  if (!parsed.ok) {
    const text =
      parsed.problem === 'json' ? TEXT.notJson(parsed.detail) : TEXT.notUtf8(parsed.offset)
    return { fields: {}, form: [text] }
  }
  const value = parsed.value
  if (!isJsonObject(value)) return { fields: {}, form: [TEXT.notObject(describeKind(value))] }
  const fields: Partial<Record<string, string[]>> = {}
  const add = (error: z.ZodError) => {
    for (const [key, messages] of Object.entries(z.flattenError(error).fieldErrors)) {
      if (!Array.isArray(messages)) continue
      fields[key] = [...new Set([...(fields[key] ?? []), ...(messages as string[])])]
    }
  }
  const request = Request.safeParse(value)
  if (!request.success) add(request.error)
  if (value[ACTION] === MODIFY) {
    const modification = Modification.safeParse(value)
    if (!modification.success) add(modification.error)
  }
  return { fields, form: [] }
}
