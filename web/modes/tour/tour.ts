// The guided tour's plain model: its five steps, moving between them, each try-it's fresh data and requests,
// and what the answers it collected say (no React, no sockets).
import type { Endpoint } from '../../../shared/bridge-protocol.ts'
import { dumps } from '../../../shared/codec.ts'
import {
  ACTION,
  CODE,
  EMAIL,
  EXPLANATION,
  FIELD,
  UserRecord,
  VALUE,
  type ActionName,
  type FieldName,
  type Response,
} from '../../../shared/protocol.ts'
import { PRESETS } from '../../playground/request/presets.ts'
import { INITIAL_FORM, formToRequest } from '../../playground/request/request.ts'
import { judge } from '../framing-lab/framing-lab.ts'

/** The tour's steps, in the lesson's order. */
export const TOUR_STEPS = ['sockets', 'messages', 'codes', 'framing', 'concurrency'] as const
/** One step of the tour. */
export type TourStep = (typeof TOUR_STEPS)[number]

/** How a person moves through the tour. */
export type Move = 'next' | 'previous' | 'first' | 'last'

/** The step index after `move`, kept within the tour (no wrapping: the tour has a start and an end). */
export function moveStep(index: number, move: Move): number {
  const last = TOUR_STEPS.length - 1
  const at = Math.min(last, Math.max(0, Math.round(index) || 0))
  switch (move) {
    case 'next':
      return Math.min(last, at + 1)
    case 'previous':
      return Math.max(0, at - 1)
    case 'first':
      return 0
    case 'last':
      return last
  }
}

/** Fresh values for one try-it: two unused emails and a phone number. */
export interface TourData {
  email: string
  other: string
  phone: string
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

// `n` random letters and digits: 36^6 choices, so repeated runs and a whole class do not collide.
function tag(rand: () => number, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(rand() * ALPHABET.length)] ?? 'x'
  return out
}

/** New emails and a phone number for a run; `rand` is injectable for tests. */
export function freshData(rand: () => number = Math.random): TourData {
  // Different prefixes keep the two emails apart whatever `rand` gives.
  const email = `aluno-${tag(rand, 6)}@escola.br`
  const other = `colega-${tag(rand, 6)}@escola.br`
  const phone = String(90_000_000 + Math.floor(rand() * 10_000_000))
  return { email, other, phone }
}

/** A request as the playground's form writes it; an empty email leaves EMAIL_USUARIO out. */
export function tourRequest(
  action: ActionName,
  email: string,
  change?: { field: FieldName; value: string },
): Record<string, string> {
  return formToRequest({
    ...INITIAL_FORM,
    [ACTION]: action,
    [EMAIL]: email,
    [FIELD]: change?.field ?? '',
    [VALUE]: change?.value ?? '',
  })
}

/** The wire text of a request, as Python's json.dumps writes it. */
export function tourText(
  action: ActionName,
  email: string,
  change?: { field: FieldName; value: string },
): string {
  return dumps(tourRequest(action, email, change))
}

/** The refusals step 3 earns, in the order it sends them. */
export const PROBES = ['unknown', 'conflict', 'missing', 'broken'] as const
/** One refusal the codes step asks for. */
export type Probe = (typeof PROBES)[number]

/**
 * The wire text of a probe. `conflict` is a second CRIAR of `data.email` (the step creates it first);
 * `broken` has its closing brace, so every framing delimits it and the server answers it.
 */
export function probeText(probe: Probe, data: TourData): string {
  switch (probe) {
    case 'unknown':
      return tourText('CONSULTAR USUARIO', data.other)
    case 'conflict':
      return tourText('CRIAR USUARIO', data.email)
    case 'missing':
      return tourText('CONSULTAR USUARIO', '')
    case 'broken':
      return PRESETS.trailingComma
  }
}

/** Which of the tour's connections: A, and B beside it in the concurrency step. */
export type Who = 'A' | 'B'

/** What a try-it did, in order, as the step's result view and its sentence read it. */
export type TraceItem =
  | { type: 'open'; who: Who; local?: Endpoint; remote?: Endpoint }
  | { type: 'exchange'; who: Who; sent: string; response: Response; probe?: Probe }

/** The exchanges of a trace. */
export function exchanges(trace: readonly TraceItem[]) {
  return trace.filter((item) => item.type === 'exchange')
}

/** A sent request in protocol words, `MODIFICAR USUARIO Telefone=9…`; raw text when it is not JSON. */
export function requestSummary(sent: string): string {
  let value: unknown
  try {
    value = JSON.parse(sent)
  } catch {
    return sent
  }
  if (typeof value !== 'object' || value === null) return sent
  const request = value as Record<string, unknown>
  const action = typeof request[ACTION] === 'string' ? request[ACTION] : sent
  const field = request[FIELD]
  return typeof field === 'string' ? `${action} ${field}=${String(request[VALUE])}` : action
}

/** Both ends of the first connection, once it opened. */
export function readSockets(
  trace: readonly TraceItem[],
): { local: Endpoint; remote: Endpoint } | undefined {
  const open = trace.find((item) => item.type === 'open')
  return open?.local && open.remote ? { local: open.local, remote: open.remote } : undefined
}

/** A record answer as a record, or undefined when the answer is a text. */
export function recordOf(response: Response | undefined): UserRecord | undefined {
  const parsed = UserRecord.safeParse(response?.[EXPLANATION])
  return parsed.success ? parsed.data : undefined
}

/** Step 2: the codes of CRIAR and CONSULTAR, and whether the record came back for the new email. */
export function readMessages(
  trace: readonly TraceItem[],
  data: TourData,
): { ok: boolean; created?: string; consulted?: string } {
  const [created, consulted] = exchanges(trace).map((x) => x.response)
  const record = recordOf(consulted)
  const ok =
    created?.[CODE].startsWith('2') === true &&
    consulted?.[CODE].startsWith('2') === true &&
    record?.Email === data.email
  return { ok, created: created?.[CODE], consulted: consulted?.[CODE] }
}

/** Step 3's rows: each probe with the code and EXPLICAÇÃO the server gave it. */
export interface ProbeRow {
  probe: Probe
  sent: string
  code: string
  text: string
}

/** The probes' answers, in the order sent. */
export function probeRows(trace: readonly TraceItem[]): ProbeRow[] {
  return exchanges(trace).flatMap((x) => {
    if (!x.probe) return []
    const explanation = x.response[EXPLANATION]
    const text = typeof explanation === 'string' ? explanation : dumps(explanation)
    return [{ probe: x.probe, sent: x.sent, code: x.response[CODE], text }]
  })
}

/** How the server codes its refusals, read from the answers (never assumed). */
export type CodeScheme =
  /** Every refusal of a request got one code, as in the lesson; only EXPLICAÇÃO tells them apart. */
  | { kind: 'one-code'; code: string; broken: string }
  /** A different code per kind of problem. */
  | { kind: 'precise'; codes: Readonly<Record<Probe, string>> }
  | { kind: 'incomplete' }

/** Step 3: one code for every refused request, or precise codes; incomplete until every probe answered. */
export function readCodes(trace: readonly TraceItem[]): CodeScheme {
  const codes = Object.create(null) as Record<Probe, string>
  for (const row of probeRows(trace)) codes[row.probe] = row.code
  if (!PROBES.every((p) => codes[p] !== undefined)) return { kind: 'incomplete' }
  const requestCodes = new Set([codes.unknown, codes.conflict, codes.missing])
  return requestCodes.size === 1
    ? { kind: 'one-code', code: codes.unknown, broken: codes.broken }
    : { kind: 'precise', codes }
}

/** Step 4's outcome: naive refused the halves while json answered once, naive got lucky, or something else. */
export type FramingReading = 'as-expected' | 'naive-lucky' | 'other'

/** Step 4: judges both columns as the framing lab does, for one message sent. */
export function readFraming(
  naive: readonly (string | undefined)[],
  json: readonly (string | undefined)[],
): FramingReading {
  const jsonOk = judge(1, json).tone === 'ok'
  const naiveOk = judge(1, naive).tone === 'ok'
  if (jsonOk && !naiveOk && naive.length > 0) return 'as-expected'
  if (jsonOk && naiveOk) return 'naive-lucky'
  return 'other'
}

/** Codes for a sentence: `400, 400`, or a dash when there were none. */
export function codeList(codes: readonly (string | undefined)[]): string {
  return codes.length === 0 ? '—' : codes.map((c) => c ?? '?').join(', ')
}

/** Step 5: whether B read the Telefone A wrote, and both local ports. */
export function readConcurrency(
  trace: readonly TraceItem[],
  data: TourData,
): { ok: boolean; phone?: string; ports: Partial<Record<Who, number>>; code?: string } {
  const ports: Partial<Record<Who, number>> = {}
  for (const item of trace) {
    if (item.type === 'open' && item.local) ports[item.who] = item.local.port
  }
  const read = exchanges(trace).find((x) => x.who === 'B')?.response
  const phone = recordOf(read)?.Telefone ?? undefined
  return {
    ok: phone === data.phone && ports.A !== undefined && ports.B !== undefined,
    ports,
    ...(phone !== undefined ? { phone } : {}),
    ...(read ? { code: read[CODE] } : {}),
  }
}
