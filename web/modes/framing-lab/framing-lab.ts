// The framing lab's plain model: what an experiment writes per framing, where messages lie, and the verdict.
import { dumps } from '../../../shared/codec.ts'
import { createDecoder, encodeFrame, type Framing } from '../../../shared/framing.ts'
import { ACTION, EMAIL, SERVICE } from '../../../shared/protocol.ts'
import { isRange, resolveTarget, speaksLesson, type TargetOption } from '../../targets/targets.ts'

/** Split: one message cut into pieces, one write each. Glue: several messages in one write. */
export type Experiment = 'split' | 'glue'

/** Inclusive bounds of the lab's numeric settings. */
export const LIMITS = {
  pieces: { min: 1, max: 20 },
  delayMs: { min: 0, max: 2000 },
  copies: { min: 2, max: 5 },
} as const

/** What the teacher chose: the experiment, the message text and its numbers. */
export interface Settings {
  experiment: Experiment
  text: string
  pieces: number
  delayMs: number
  copies: number
}

/** The default message: the lesson's first request, as json.dumps writes it. */
export const DEFAULT_TEXT = dumps({
  [SERVICE]: 'Dados Pessoais',
  [ACTION]: 'CONSULTAR USUARIO',
  [EMAIL]: 'eu@gmail.com',
})

/** Three pieces 200 ms apart: on loopback each piece then arrives as its own read. */
export const DEFAULT_SETTINGS: Settings = {
  experiment: 'split',
  text: DEFAULT_TEXT,
  pieces: 3,
  delayMs: 200,
  copies: 2,
}

/** A whole number within [min, max]; anything unreadable becomes `min`. */
export function clampInt(value: number, limits: { min: number; max: number }): number {
  if (!Number.isFinite(value)) return limits.min
  return Math.min(limits.max, Math.max(limits.min, Math.round(value)))
}

/** Bytes [start, end) of the sent stream. */
export interface ByteSpan {
  start: number
  end: number
}

/** A message as the decoder delimits it; `rejected` when its bytes are not a message at all. */
export interface MessageSpan extends ByteSpan {
  kind: 'message' | 'rejected'
}

/** Everything one column writes: the framed stream, cut into the writes, and where messages lie. */
export interface Plan {
  framing: Framing
  experiment: Experiment
  /** Messages the teacher sent (1 for split, the copies for glue). */
  messages: number
  /** Each write, in order; together they are the framed stream. */
  chunks: Uint8Array[]
  chunkSpans: ByteSpan[]
  messageSpans: MessageSpan[]
  total: number
  delayMs: number
}

/** Cuts bytes into `n` pieces whose sizes differ by at most one (fewer when there are fewer bytes). */
export function splitEven(bytes: Uint8Array, n: number): Uint8Array[] {
  const count = Math.max(1, Math.min(Math.floor(n), bytes.length))
  const pieces: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * bytes.length) / count)
    const to = Math.floor(((i + 1) * bytes.length) / count)
    pieces.push(bytes.slice(from, to))
  }
  return pieces
}

/**
 * How the bytes of the messages split up: naive writes bare JSON like json does, so its messages are
 * found with the json decoder (naive itself would call every read a message, which is the bug shown).
 */
export function decodeAsFor(framing: Framing): Framing {
  return framing === 'naive' ? 'json' : framing
}

/** Where the decoder finds messages in a whole stream, including a message the stream leaves unfinished. */
export function messageSpans(framing: Framing, stream: Uint8Array): MessageSpan[] {
  const decoder = createDecoder(decodeAsFor(framing))
  return [...decoder.push(stream), ...decoder.end()].map((ev) => ({
    start: ev.start,
    end: ev.end,
    kind: ev.type === 'message' ? 'message' : 'rejected',
  }))
}

const utf8 = new TextEncoder()

/** The writes a column makes for `settings` in its `framing`: each message framed, then split or glued. */
export function planFor(framing: Framing, settings: Settings): Plan {
  const body = utf8.encode(settings.text)
  const split = settings.experiment === 'split'
  const messages = split ? 1 : clampInt(settings.copies, LIMITS.copies)
  const one = encodeFrame(framing, body)
  const stream = new Uint8Array(one.length * messages)
  for (let i = 0; i < messages; i++) stream.set(one, i * one.length)
  const chunks = split ? splitEven(stream, clampInt(settings.pieces, LIMITS.pieces)) : [stream]
  const chunkSpans: ByteSpan[] = []
  let at = 0
  for (const chunk of chunks) {
    chunkSpans.push({ start: at, end: at + chunk.length })
    at += chunk.length
  }
  return {
    framing,
    experiment: settings.experiment,
    messages,
    chunks,
    chunkSpans,
    messageSpans: messageSpans(framing, stream),
    total: stream.length,
    delayMs: split ? clampInt(settings.delayMs, LIMITS.delayMs) : 0,
  }
}

/** The bytes each framing adds around its messages: the 4-byte prefix, or the newline. */
export function framingBytes(plan: Plan): ByteSpan[] {
  return plan.messageSpans.flatMap((m) => {
    if (m.kind !== 'message') return []
    if (plan.framing === 'length') return [{ start: m.start, end: Math.min(m.end, m.start + 4) }]
    if (plan.framing === 'ndjson') return [{ start: m.end - 1, end: m.end }]
    return []
  })
}

/** How a column's answers compare with the messages sent. */
export interface Verdict {
  tone: 'ok' | 'bad'
  sent: number
  answers: number
  /** Answers that say the bytes were not a message (400, 413) or that are not a response at all. */
  errors: number
}

/** Codes that refuse the bytes themselves rather than the request in them. */
const BROKEN = new Set(['400', '413'])

/** Judges a finished column: good when every message got exactly one answer and none was a 400. */
export function judge(sent: number, codes: readonly (string | undefined)[]): Verdict {
  const errors = codes.filter((c) => c === undefined || BROKEN.has(c)).length
  const ok = errors === 0 && codes.length === sent
  return { tone: ok ? 'ok' : 'bad', sent, answers: codes.length, errors }
}

/** Why a column ended as it did; each has a sentence in the dictionaries. */
export type Why =
  | 'framed'
  | 'naive-split'
  | 'naive-glue'
  | 'naive-joined'
  | 'naive-whole'
  | 'silent'
  | 'broken'
  | 'partial'
  | 'own-framed'
  | 'own-broken'

/** Picks the explanation for a finished column; `own` for a student's server, whose reading is unknown. */
export function explain(plan: Plan, verdict: Verdict, own = false): Why {
  if (own && verdict.tone === 'ok') return 'own-framed'
  if (own && verdict.errors > 0) return 'own-broken'
  if (plan.framing === 'naive') {
    if (verdict.tone === 'ok') return plan.chunks.length > 1 ? 'naive-joined' : 'naive-whole'
    if (verdict.errors > 0) return plan.experiment === 'split' ? 'naive-split' : 'naive-glue'
  }
  if (verdict.tone === 'ok') return 'framed'
  if (verdict.answers === 0) return 'silent'
  return verdict.errors > 0 ? 'broken' : 'partial'
}

/** One column of the lab: an allow-list entry with a single port and a known framing. */
export interface LabTarget {
  id: string
  target: string
  framing: Framing
  /** A student's own server, on a port typed inside an allowed range. */
  own?: boolean
  /** The name `--allow` gave the server, or its range. */
  label?: string
}

/** The allow-list entries the lab can run against: single ports whose framing the bridge names. */
export function labTargets(options: readonly TargetOption[]): LabTarget[] {
  return options.flatMap((o) =>
    o.from === o.to && o.framing
      ? [
          {
            id: o.id,
            target: o.id,
            framing: o.framing,
            // The bundled server's ports are named after their framing: no need to say it twice.
            ...(o.label && o.label !== o.framing ? { label: o.label } : {}),
          } satisfies LabTarget,
        ]
      : [],
  )
}

/** The columns shown at first: the first target of each framing, in allow-list order. */
export function defaultColumns(targets: readonly LabTarget[]): string[] {
  const seen = new Set<Framing>()
  return targets.flatMap((t) => {
    if (seen.has(t.framing)) return []
    seen.add(t.framing)
    return [t.id]
  })
}

/** A student's own server in an allowed port range: whether it gets a column, its port and framing. */
export interface OwnPick {
  on: boolean
  port: string
  framing: Framing
}

/** The allow-list's port ranges, each a place where a student's own server may run. */
export function ownRanges(options: readonly TargetOption[]): TargetOption[] {
  return options.filter((o) => isRange(o) && speaksLesson(o))
}

/** A range's pick until the user changes it: off, its first port, json (bare JSON, as the lesson's client writes). */
export function initialPick(range: TargetOption): OwnPick {
  return { on: false, port: String(range.from), framing: range.framing ?? 'json' }
}

/** The column for a range's pick: none while it is off or its port is outside the range. */
export function ownColumn(range: TargetOption, pick: OwnPick): LabTarget | undefined {
  const target = pick.on ? resolveTarget(range, pick.port) : undefined
  if (target === undefined) return undefined
  return {
    id: `own ${pick.framing} ${target}`,
    target,
    framing: pick.framing,
    own: true,
    ...(range.label ? { label: range.label } : {}),
  }
}

/** The lab's columns: the servers ticked (by default one per framing), then own servers switched on. */
export function labColumns(
  options: readonly TargetOption[],
  picked: readonly string[] | undefined,
  picks: ReadonlyMap<string, OwnPick>,
): LabTarget[] {
  const targets = labTargets(options)
  const selected = picked ?? defaultColumns(targets)
  const own = ownRanges(options).flatMap((range) => {
    const pick = picks.get(range.id)
    const column = pick && ownColumn(range, pick)
    return column ? [column] : []
  })
  return [...targets.filter((target) => selected.includes(target.id)), ...own]
}
