// A pane's exchange as sequence-diagram steps (page, bridge, TCP server), derived from its log entries.
import { ACTION, CODE, EMAIL, EXPLANATION } from '../../../shared/protocol.ts'
import { endpoint, type CloseReason } from '../../session/events.ts'
import type { Entry, MessageEntry } from '../../log/entries.ts'
import { protocolSummary } from '../../log/decode/protocol-view.ts'

/** The diagram's three participants, left to right. */
export const LIFELINES = ['page', 'bridge', 'server'] as const
/** One participant. */
export type Lifeline = (typeof LIFELINES)[number]

/** Why a message is not a plain request or response. */
export type MessageProblem = 'invalid' | 'not-json' | 'rejected'

/** What an arrow or note says, as data; the page words it in its language. */
export type StepLabel =
  | { k: 'ws-connect' }
  | { k: 'ws-open' }
  | { k: 'tcp-connect'; target: string }
  | { k: 'tcp-accept'; local: string; remote: string }
  | { k: 'request'; n: number; action?: string; email?: string; problem?: MessageProblem }
  | { k: 'response'; n: number; code?: string; summary?: string; problem?: MessageProblem }
  | { k: 'proxy'; source: string; group?: string | undefined; bytes: number }
  | { k: 'fin' }
  | { k: 'ws-close'; code: number }
  | { k: 'page-close' }
  | { k: 'tcp-error'; code: string }
  | { k: 'refused'; code: number }
  | { k: 'ended'; reason: CloseReason }

/** Colour family of a step. */
export type StepTone = 'sent' | 'received' | 'control' | 'ok' | 'warn' | 'error'

/** An arrow from one lifeline to the next, or a note over one, or a divider across all. */
export type Step =
  | {
      type: 'arrow'
      key: string
      from: Lifeline
      to: Lifeline
      kind: 'request' | 'response' | 'control'
      label: StepLabel
      tone: StepTone
      t: number
    }
  | { type: 'note'; key: string; over: Lifeline; label: StepLabel; tone: StepTone; t: number }
  | {
      type: 'divider'
      key: string
      target?: string
      framing?: string
      restored?: number
      t: number
    }

/** At most this many steps are drawn: the newest ones. */
export const MAX_STEPS = 400

// A response's text up to its first colon ("Usuário não registrado:x" -> "Usuário não registrado").
function shorten(text: string, max = 34): string {
  const head = text.split(':')[0]!.trim()
  return head.length > max ? `${head.slice(0, max - 1)}…` : head
}

const str = (v: unknown) => (typeof v === 'string' ? shorten(v, 28) : undefined)

// The words on a message's two arrows.
function messageLabel(m: MessageEntry): { label: StepLabel; tone: StepTone } {
  const view = m.view
  const problem: MessageProblem | undefined =
    view.type === 'invalid'
      ? 'invalid'
      : view.type === 'not-json'
        ? 'not-json'
        : view.type === 'frame-error' || view.type === 'protocol-error'
          ? 'rejected'
          : undefined
  if (view.type === 'protocol') {
    // Another protocol: its own words (GET /, 200 OK, PONG), in the direction's colour.
    const summary = protocolSummary(view.message)
    return m.dir === 'sent'
      ? { label: { k: 'request', n: m.n, action: summary }, tone: 'sent' }
      : { label: { k: 'response', n: m.n, summary }, tone: 'received' }
  }
  if (m.dir === 'sent') {
    const fields =
      view.type === 'request' ? view.request : view.type === 'invalid' ? view.value : {}
    const obj = (typeof fields === 'object' && fields !== null ? fields : {}) as Record<
      string,
      unknown
    >
    const action = str(obj[ACTION])
    const email = str(obj[EMAIL])
    return {
      label: {
        k: 'request',
        n: m.n,
        ...(action ? { action } : {}),
        ...(email ? { email } : {}),
        ...(problem ? { problem } : {}),
      },
      tone: problem ? 'error' : 'sent',
    }
  }
  if (view.type !== 'response')
    return { label: { k: 'response', n: m.n, problem: problem! }, tone: 'error' }
  const code = view.response[CODE]
  const explanation = view.response[EXPLANATION]
  const summary =
    !code.startsWith('2') && typeof explanation === 'string' ? shorten(explanation) : undefined
  return {
    label: { k: 'response', n: m.n, code, ...(summary ? { summary } : {}) },
    tone: code.startsWith('2') ? 'ok' : code === '404' || code === '409' ? 'warn' : 'error',
  }
}

function arrow(
  key: string,
  from: Lifeline,
  to: Lifeline,
  kind: 'request' | 'response' | 'control',
  label: StepLabel,
  tone: StepTone,
  t: number,
): Step {
  return { type: 'arrow', key, from, to, kind, label, tone, t }
}

// Failures are notes over one lifeline rather than arrows between two.
function errorNote(key: string, over: Lifeline, label: StepLabel, t: number): Step {
  return { type: 'note', key, over, label, tone: 'error', t }
}

/** The steps one entry adds: a request or response crosses two hops, so it gives two arrows. */
export function entrySteps(entry: Entry): Step[] {
  const { t } = entry
  const k = String(entry.id)
  if (entry.kind === 'chunk') return []
  if (entry.kind === 'message') {
    const { label, tone } = messageLabel(entry)
    return entry.dir === 'sent'
      ? [
          arrow(`${k}a`, 'page', 'bridge', 'request', label, tone, t),
          arrow(`${k}b`, 'bridge', 'server', 'request', label, tone, t),
        ]
      : [
          arrow(`${k}a`, 'server', 'bridge', 'response', label, tone, t),
          arrow(`${k}b`, 'bridge', 'page', 'response', label, tone, t),
        ]
  }
  const e = entry.event
  switch (e.type) {
    case 'session':
      return [{ type: 'divider', key: k, target: e.target, framing: e.framing, t }]
    case 'restored':
      return [{ type: 'divider', key: k, restored: e.count, t }]
    case 'ws-connecting':
      return [arrow(k, 'page', 'bridge', 'control', { k: 'ws-connect' }, 'control', t)]
    case 'ws-open':
      return [arrow(k, 'bridge', 'page', 'control', { k: 'ws-open' }, 'control', t)]
    case 'connecting':
      return [
        arrow(
          k,
          'bridge',
          'server',
          'control',
          { k: 'tcp-connect', target: e.target },
          'control',
          t,
        ),
      ]
    case 'connected': {
      const label: StepLabel = {
        k: 'tcp-accept',
        local: endpoint(e.local),
        remote: endpoint(e.remote),
      }
      return [arrow(k, 'server', 'bridge', 'control', label, 'ok', t)]
    }
    case 'proxy': {
      const label: StepLabel = {
        k: 'proxy',
        source: e.source.address,
        group: e.group,
        bytes: e.hex.length / 2,
      }
      return [arrow(k, 'bridge', 'server', 'control', label, 'control', t)]
    }
    case 'fin':
      return [arrow(k, 'server', 'bridge', 'control', { k: 'fin' }, 'control', t)]
    case 'error':
      return [errorNote(k, 'bridge', { k: 'tcp-error', code: e.code }, t)]
    case 'refused':
      return [errorNote(k, 'bridge', { k: 'refused', code: e.code }, t)]
    case 'closed': {
      const tone: StepTone = e.code === 1000 || e.code === 4000 ? 'control' : 'error'
      return [arrow(k, 'bridge', 'page', 'control', { k: 'ws-close', code: e.code }, tone, t)]
    }
    case 'ended':
      // A close the bridge announced was drawn from its `closed` event already.
      if (e.reason.kind === 'closed') return []
      if (e.reason.kind === 'user') {
        return [arrow(k, 'page', 'bridge', 'control', { k: 'page-close' }, 'control', t)]
      }
      return [errorNote(k, 'page', { k: 'ended', reason: e.reason }, t)]
  }
}

/** The newest steps of a log (at most `max`, never half a message), and how many were left out. */
export function sequenceSteps(
  entries: readonly Entry[],
  max = MAX_STEPS,
): { steps: Step[]; omitted: number } {
  const steps: Step[] = []
  let omitted = 0
  // Walk back from the newest entry; past the limit, only count (chunks draw nothing, messages two).
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!
    if (entry.kind === 'chunk') continue
    if (omitted > 0 || steps.length >= max) {
      omitted += entry.kind === 'message' ? 2 : entrySteps(entry).length
      continue
    }
    const more = entrySteps(entry)
    if (steps.length + more.length > max) omitted += more.length
    else for (let j = more.length - 1; j >= 0; j--) steps.push(more[j]!)
  }
  return { steps: steps.reverse(), omitted }
}
