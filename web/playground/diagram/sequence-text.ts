// The words of each sequence-diagram step in the page's language: label lines and a screen-reader sentence.
import type { Messages } from '../../i18n/messages.ts'
import type { Step, StepLabel } from './sequence.ts'

/** What a step shows (one or two lines) and what a screen reader says for it. */
export interface StepText {
  lines: string[]
  aria: string
}

function labelLines(label: StepLabel, t: Messages): string[] {
  switch (label.k) {
    case 'ws-connect':
      return [t.seq.wsConnect]
    case 'ws-open':
      return [t.seq.wsOpen]
    case 'tcp-connect':
      return [t.seq.tcpConnect(label.target)]
    case 'tcp-accept':
      return [t.seq.tcpAccept, `${label.local} → ${label.remote}`]
    case 'request': {
      const lines =
        label.action && label.email
          ? [label.action, label.email]
          : [label.action ?? label.email ?? t.seq.request(label.n)]
      if (label.problem) lines[0] = `${lines[0]} — ${t.seq.problem[label.problem]}`
      return lines
    }
    case 'response':
      if (!label.code && label.summary) return [label.summary]
      if (!label.code) {
        return [`${t.response(label.n)} — ${t.seq.problem[label.problem ?? 'invalid']}`]
      }
      return label.summary ? [label.code, label.summary] : [label.code]
    case 'proxy':
      return [
        t.seq.proxy(label.bytes),
        label.group ? `${label.source} · ${label.group}` : label.source,
      ]
    case 'fin':
      return [t.seq.fin]
    case 'ws-close':
      return [t.seq.wsClose(label.code)]
    case 'page-close':
      return [t.seq.pageClose]
    case 'tcp-error':
      return [t.seq.tcpError(label.code)]
    case 'refused':
      return [t.seq.refused(label.code)]
    case 'ended':
      switch (label.reason.kind) {
        case 'unreachable':
          return [t.seq.unreachable]
        case 'lost':
          return [t.seq.lost]
        case 'timeout':
          return [t.seq.timeout(label.reason.seconds)]
        default:
          return [t.seq.protocol]
      }
  }
}

/** The text of a step in language `t`. */
export function stepText(step: Step, t: Messages): StepText {
  if (step.type === 'divider') {
    const text =
      step.restored !== undefined
        ? t.seq.restored(step.restored)
        : t.seq.session(step.target ?? '', step.framing ?? '')
    return { lines: [text], aria: text }
  }
  const lines = labelLines(step.label, t)
  if (step.type === 'note') {
    return { lines, aria: t.seq.note(t.lifeline[step.over], lines.join(' ')) }
  }
  const l = step.label
  const prefix =
    l.k === 'request' ? `${t.request(l.n)}, ` : l.k === 'response' ? `${t.response(l.n)}, ` : ''
  const arrow = t.seq.arrow(t.lifeline[step.from], t.lifeline[step.to], lines.join(' '))
  return { lines, aria: prefix + arrow }
}
