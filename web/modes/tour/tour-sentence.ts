// The one sentence that interprets a finished try-it, or says why it failed, in the page's language (no React).
import { reasonSentence } from '../../i18n/describe.ts'
import { endpoint } from '../../session/events.ts'
import type { Messages } from '../../i18n/messages.ts'
import type { Trouble } from './tour-client.ts'
import {
  codeList,
  readCodes,
  readConcurrency,
  readFraming,
  readMessages,
  readSockets,
  type TourData,
  type TourStep,
  type TraceItem,
} from './tour.ts'

/** A sentence and its tone: green when the lesson's point showed, red when it did not, neutral otherwise. */
export interface Sentence {
  tone: 'ok' | 'bad' | 'info'
  text: string
}

/** What a finished try-it collected: its trace, its data, and for the framing step both columns' codes. */
export interface Finished {
  step: TourStep
  trace: readonly TraceItem[]
  data: TourData
  framing?: { naive: readonly (string | undefined)[]; json: readonly (string | undefined)[] }
}

/** The result's sentence; every code in it is read from the server's answers. */
export function resultSentence(done: Finished, t: Messages): Sentence {
  const tt = t.tour
  switch (done.step) {
    case 'sockets': {
      const ends = readSockets(done.trace)
      return ends
        ? { tone: 'ok', text: tt.sockets.ok(endpoint(ends.local), endpoint(ends.remote)) }
        : { tone: 'bad', text: tt.trouble.unreadable }
    }
    case 'messages': {
      const read = readMessages(done.trace, done.data)
      const created = read.created ?? '—'
      const consulted = read.consulted ?? '—'
      return read.ok
        ? { tone: 'ok', text: tt.messages.ok(done.data.email, created, consulted) }
        : { tone: 'bad', text: tt.messages.unexpected(created, consulted) }
    }
    case 'codes': {
      const scheme = readCodes(done.trace)
      if (scheme.kind === 'one-code') {
        return { tone: 'ok', text: tt.codes.oneCode(scheme.code, scheme.broken) }
      }
      if (scheme.kind === 'precise') return { tone: 'ok', text: tt.codes.precise(scheme.codes) }
      return { tone: 'bad', text: tt.trouble.unreadable }
    }
    case 'framing':
      return framingSentence(done.framing?.naive ?? [], done.framing?.json ?? [], t)
    case 'concurrency': {
      const read = readConcurrency(done.trace, done.data)
      if (read.ok && read.phone !== undefined && read.ports.A && read.ports.B) {
        return { tone: 'ok', text: tt.concurrency.ok(read.phone, read.ports.A, read.ports.B) }
      }
      return { tone: 'bad', text: tt.concurrency.missed(read.code ?? '—') }
    }
  }
}

// Step 4: naive refusing the halves is the point; both answering means the halves met in one read.
function framingSentence(
  naive: readonly (string | undefined)[],
  json: readonly (string | undefined)[],
  t: Messages,
): Sentence {
  switch (readFraming(naive, json)) {
    case 'as-expected':
      return { tone: 'ok', text: t.tour.framing.asExpected(codeList(naive), codeList(json)) }
    case 'naive-lucky':
      return { tone: 'info', text: t.tour.framing.lucky }
    case 'other':
      return { tone: 'bad', text: t.tour.framing.other(codeList(naive), codeList(json)) }
  }
}

/** Why a try-it stopped, as one sentence: the connection's own reason when it ended. */
export function troubleSentence(trouble: Trouble, step: TourStep, t: Messages): string {
  switch (trouble.kind) {
    case 'closed':
      return t.tour.trouble.closed(reasonSentence(trouble.reason, t))
    case 'timeout':
      return t.tour.trouble.timeout
    case 'unreadable':
      return t.tour.trouble.unreadable
    case 'no-target':
      return step === 'framing' ? t.tour.framing.noTargets : t.tour.trouble.noTarget
  }
}
