// Turns close reasons, bridge events and status codes into sentences in the page's language (no React).
import { CLOSE } from '../../shared/bridge-protocol.ts'
import { endpoint, type CloseReason } from '../session/events.ts'
import type { Messages } from './messages.ts'
import type { LogEvent } from '../log/entries.ts'
import type { TargetsState } from '../targets/targets-store.ts'
import type { AnswerProblem } from '../log/decode/not-lesson.ts'

/** A sentence for a TCP error code (ECONNREFUSED...). */
export function errnoSentence(code: string, t: Messages): string {
  return t.errno[code] ?? t.errnoOther(code)
}

/**
 * A sentence for a WebSocket close code from the bridge, using the TCP error code when one came first. The bridge's own `reason` is English for other clients: the page never shows it
 * as the sentence (the log keeps it as a detail).
 */
export function closeSentence(
  code: number,
  _reason: string,
  errno: string | undefined,
  t: Messages,
) {
  const tcp = code === CLOSE.TARGET_RESET || code === CLOSE.TARGET_UNREACHABLE
  if (errno && (tcp || code === CLOSE.TARGET_ERROR)) return errnoSentence(errno, t)
  return t.close[code] ?? t.closeOther(code)
}

/** Why a connection ended, as one sentence. */
export function reasonSentence(reason: CloseReason, t: Messages): string {
  switch (reason.kind) {
    case 'user':
      return t.reasonUser
    case 'closed':
      return closeSentence(reason.code, reason.reason, reason.errno, t)
    case 'unreachable':
      return t.reasonUnreachable(reason.url)
    case 'lost':
      return t.reasonLost
    case 'timeout':
      return t.reasonTimeout(reason.seconds)
    case 'protocol':
      return t.reasonProtocol
  }
  // Only reachable for a reason restored from an older page version's storage.
  return t.closeOther(0)
}

/** Why a connection ended, for the connection's status: the sentence and the WebSocket close code. */
export function statusSentence(reason: CloseReason, t: Messages): string {
  const sentence = reasonSentence(reason, t)
  if (reason.kind === 'user') return `${sentence} ${t.closedByPage}`
  if (reason.kind === 'closed' && !sentence.includes(String(reason.code))) {
    return `${sentence} ${t.closeCode(reason.code)}`
  }
  return sentence
}

/** The main text of an event row, plus an optional detail line. */
export function eventSentence(event: LogEvent, t: Messages): { text: string; detail?: string } {
  switch (event.type) {
    case 'session':
      return { text: t.ev.session(event.target, event.framing) }
    case 'ws-connecting':
      return { text: t.ev.wsConnecting(event.url) }
    case 'ws-open':
      return { text: t.ev.wsOpen }
    case 'connecting':
      return { text: t.ev.connecting(event.target) }
    case 'connected':
      return { text: t.ev.connected(endpoint(event.local), endpoint(event.remote)) }
    case 'proxy':
      return {
        text: t.ev.proxy(event.source.address, event.group, event.hex.length / 2),
        detail: event.hex.replace(/(..)(?!$)/g, '$1 '),
      }
    case 'fin':
      return { text: t.ev.fin, detail: t.ev.counts(event.bytes.toTarget, event.bytes.fromTarget) }
    case 'error':
      return { text: `${t.ev.error} ${errnoSentence(event.code, t)}`, detail: event.message }
    case 'refused':
      return { text: `${t.ev.refused} ${closeSentence(event.code, event.reason, undefined, t)}` }
    case 'closed':
      return {
        text: t.ev.closed(event.code),
        detail:
          t.ev.counts(event.bytes.toTarget, event.bytes.fromTarget) +
          (event.reason ? ` ${t.bridgeSaid(event.reason)}` : ''),
      }
    case 'ended':
      return { text: `${t.ev.ended} ${reasonSentence(event.reason, t)}` }
    case 'restored':
      return { text: t.ev.restored(event.count) }
  }
  // Only reachable for an event restored from an older page version's storage.
  return { text: String((event as { type: unknown }).type) }
}

/** Tone of an event row: trouble in red, success in green, the rest neutral. */
export function eventTone(event: LogEvent): 'ok' | 'error' | 'info' {
  switch (event.type) {
    case 'connected':
      return 'ok'
    case 'error':
    case 'refused':
      return 'error'
    case 'ended':
      return event.reason.kind === 'user' ? 'info' : 'error'
    default:
      return 'info'
  }
}

/** The meaning of a status code, in words. */
export function codeMeaning(code: string, t: Messages): string {
  return t.codeMeaning[code] ?? t.codeOther
}

/** Which way fetching the allow-list failed, as one sentence. */
export function targetsFailureSentence(
  failure: Extract<TargetsState, { status: 'error' }>,
  t: Messages,
): string {
  switch (failure.code) {
    case 'WL_ERR_TARGETS_UNREACHABLE':
      return t.targetsUnreachable
    case 'WL_ERR_TARGETS_HTTP':
      return t.targetsHttp(failure.httpStatus ?? 0)
    case 'WL_ERR_TARGETS_INVALID':
      return t.targetsInvalid
  }
}

/** Why a received message is not the lesson's answer, as one plain sentence. */
export function notLessonSentence(problem: AnswerProblem, t: Messages): string {
  const why = t.notLessonWhy
  switch (problem.kind) {
    case 'not-utf8':
      return t.notLesson(why.notUtf8(problem.offset))
    case 'not-json':
      return t.notLesson(problem.at === undefined ? why.notJson : why.notJsonAt(problem.at))
    case 'not-object':
      return t.notLesson(why.notObject(t.kindWord[problem.what] ?? problem.what))
    case 'missing':
      return t.notLesson(why.missing(problem.key))
    case 'bad-code':
      return t.notLesson(why.badCode)
    case 'bad-explanation':
      return t.notLesson(why.badExplanation)
  }
}
