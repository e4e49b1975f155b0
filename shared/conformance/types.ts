// The conformance suite's vocabulary: cases as data, the transport a run is given, results and run events.
import type { Framing } from '../framing.ts'
import type { CodeMode, RefusalKind, UserRecord } from '../protocol.ts'

/** A sentence in the page's two languages (Portuguese first, as the lesson). */
export interface Text {
  pt: string
  en: string
}
export type Lang = keyof Text

/** `lesson`: what the lesson's own server already does right; `beyond`: the rest of PROTOCOL.md. */
export type Level = 'lesson' | 'beyond'
export const LEVELS = ['lesson', 'beyond'] as const

/** Which part of PROTOCOL.md a case checks. */
export type Group =
  'scenario' | 'checks' | 'encoding' | 'deviations' | 'clients' | 'framing' | 'bad-input'

/** The code an answer must carry: 200, or a refusal kind that the run's code mode turns into a code. */
export type ExpectedCode = '200' | RefusalKind

/**
 * What one answer must be. `text` and `record` are exact; `anyText` checks the shape only (two keys,
 * the code, a string EXPLICAÇÃO, json.dumps bytes), for refusals whose texts are the implementer's;
 * `sample` is our server's text, shown when the answer has no text of its own.
 */
export type Expect =
  | { code: ExpectedCode; text: string }
  | { code: ExpectedCode; record: UserRecord }
  | { code: ExpectedCode; anyText: true; sample: string }

/**
 * A message body: a request object (sent as json.dumps bytes, like the lesson's client) or raw bytes
 * (anything else, `[1]` included, goes as bytes, so that a list of bodies is never ambiguous).
 */
export type Body = Record<string, unknown> | Uint8Array

/** Finding kinds a step names when its usual diagnosis needs the case's context. */
export interface Hints {
  /** No answer at all within the timeout. */
  timeout?: FindingKind
  /** The connection closed before the answer. */
  closed?: FindingKind
  /** The connection could not be opened. */
  refused?: FindingKind
  /** An answer came, but not the expected one. */
  mismatch?: FindingKind
}

/** Write one or more messages, then read one answer per `expect`. */
export interface SendStep {
  op: 'send'
  /** Which of the case's connections (0, the default, is the run's shared one unless the case has its own). */
  conn?: number
  /** One message, or several framed and written together in one write (glued). */
  send: Body | readonly Body[]
  /** Write the framed bytes in two parts, `splitDelayMs` apart. */
  split?: boolean
  expect: readonly Expect[]
  /** Housekeeping (removing the case's users): answers are read, never judged. */
  cleanup?: 'always' | 'if-failed'
  /** What this step sends, for sentences ("invalid JSON"); by default the request's AÇÃO and email. */
  what?: Text
  hints?: Hints
}
/** Open a connection now (so that several are open at once before anyone sends). */
export interface OpenStep {
  op: 'open'
  conn: number
  hints?: Pick<Hints, 'refused'>
}
/** Close a connection (a client leaving). */
export interface CloseStep {
  op: 'close'
  conn: number
}
export type Step = SendStep | OpenStep | CloseStep

/** What a case's steps may depend on. */
export interface CaseContext {
  framing: Framing
  /** A fresh email for this run and case: `tag.caseid.runid@wl.test`. */
  email(tag: string): string
  /** The lesson scenario's two emails: the lesson's own, or made unique for this run. */
  scenarioEmails: readonly [string, string]
  /** The largest message the server should accept; the oversize case sends more. */
  maxMessage: number
}

/** One conformance case: data, with its steps built per run (emails are unique per run). */
export interface Case {
  /** Stable id, used by `--only`, JUnit and the page. */
  id: string
  level: Level
  group: Group
  title: Text
  /** What the case teaches, in the lesson's terms; shown with a failure. */
  teaches: Text
  /** `main` (default): connection 0 is the run's shared connection; `own`: the shared one is closed first. */
  conns?: 'main' | 'own'
  /** Framings on which the case cannot pass by design, and why. */
  notFor?: { framings: readonly Framing[]; why: Text }
  steps(ctx: CaseContext): Step[]
}

/** How a connection ended. */
export interface ConnEnd {
  how: 'fin' | 'reset' | 'error'
  detail?: string
}
/** What a transport reports about one connection. */
export interface ConnEvents {
  data(chunk: Uint8Array): void
  /** Called once, after the last `data`. */
  closed(end: ConnEnd): void
}
/** One open connection to the server under test. */
export interface Conn {
  write(bytes: Uint8Array): void
  /** Half-close: no more bytes from us. */
  end(): void
  /** Close at once; `closed` may still be reported. */
  close(): void
}
/** The outcome of a connect: a connection, or why there is none. */
export type Connected =
  { ok: true; conn: Conn } | { ok: false; why: 'refused' | 'timeout' | 'error'; detail: string }
/** How the runner reaches the server: Node backs it with net.Socket, the page with the bridge's WebSocket. */
export interface Transport {
  /** `HOST:PORT`, for reports. */
  readonly target: string
  connect(events: ConnEvents, timeoutMs: number): Promise<Connected>
}

/** Timers, injectable for tests; setTimeout by default. */
export interface Clock {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
  now(): number
}

/** Every finding kind; each has a pt and en sentence in sentences.ts. */
export const FINDING_KINDS = [
  'no-answer',
  'closed',
  'refused',
  'incomplete',
  'not-json',
  'python-repr',
  'compact-separators',
  'raw-utf8',
  'uppercase-hex',
  'other-encoding',
  'ndjson-newline',
  'length-prefix',
  'missing-prefix',
  'extra-newline',
  'extra-bytes',
  'key-order',
  'wrong-keys',
  'code-not-string',
  'wrong-code',
  'codes-mode',
  'wrong-text',
  'wrong-record',
  'record-key-order',
  'record-as-string',
  'already-there',
  'early-answer',
  'extra-answer',
  'split-read',
  'glued-read',
  'one-client',
  'listener-closed',
  'no-size-limit',
  'crash-bad-input',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

/** One thing wrong with an answer, named in the lesson's terms. */
export interface Finding {
  kind: FindingKind
  text: Text
}

/** How reading an answer ended. */
export type Outcome = 'answer' | 'timeout' | 'incomplete' | 'closed' | 'refused'

/** One expected answer against what came back. */
export interface AnswerCheck {
  /** The expected bytes on the wire, framing included. */
  expected: Uint8Array
  /** True when only the shape was checked (the text is the implementer's). */
  shapeOnly: boolean
  /** The bytes received for this answer, framing included (a partial answer when it never completed). */
  received: Uint8Array
  outcome: Outcome
  /** The answer arrived before its message was completely written (an answer to a part). */
  early: boolean
  pass: boolean
  /** Offset of the first differing byte, -1 when equal. */
  firstDiff: number
  /** Most telling first; empty when it passed. */
  findings: Finding[]
}

/** One step as it ran. */
export interface StepResult {
  /** Index in the case's steps. */
  index: number
  op: Step['op']
  conn: number
  /** The writes, in order (two for a split message). */
  writes: Uint8Array[]
  what: Text
  cleanup: boolean
  answers: AnswerCheck[]
  /** Bytes left over from earlier steps, discarded before this one was written. */
  stray?: Uint8Array
}

export type CaseStatus = 'pass' | 'fail' | 'not-run' | 'not-applicable'

/** A case's verdict, with everything the page shows for it. */
export interface CaseResult {
  id: string
  level: Level
  group: Group
  title: Text
  teaches: Text
  status: CaseStatus
  /** The steps that ran (a failed case skips the rest, except its cleanups). */
  steps: StepResult[]
  /** How many judged send steps the case has, run or not. */
  planned: number
  /** Where it failed: the step and answer indexes, and that answer's findings. */
  failure?: { step: number; answer: number; findings: Finding[] }
  /** Why it was not run or not applicable. */
  why?: Text
  ms: number
}

/** Why the run stopped early. */
export interface Stop {
  kind: 'cannot-connect' | 'crashed' | 'refusing' | 'silent' | 'aborted'
  /** The case after which the server stopped answering (none for cannot-connect). */
  afterCase?: string
  /** 1-based position of that case in the run. */
  afterIndex?: number
  text: Text
}

/** The code mode the run judged refusals by, and where it came from. */
export interface CodesInfo {
  mode: CodeMode
  source: 'asked' | 'detected' | 'default'
  /** The case whose answer decided it, when detected. */
  from?: string
}

export interface Tally {
  passed: number
  failed: number
  notRun: number
  notApplicable: number
  total: number
}

/** A whole run. */
export interface RunReport {
  target: string
  framing: Framing
  level: 'lesson' | 'all'
  codes: CodesInfo
  runId: string
  cases: CaseResult[]
  stopped?: Stop
  tallies: Record<Level, Tally>
  ms: number
}

/** The summary of a case before it runs. */
export interface CaseInfo {
  id: string
  level: Level
  group: Group
  title: Text
}

/** What the runner reports as it goes, for a live page. */
export type RunEvent =
  | { type: 'start'; cases: CaseInfo[] }
  | { type: 'case-start'; id: string; index: number }
  | { type: 'io'; caseId: string; conn: number; dir: 'out' | 'in'; bytes: Uint8Array }
  | { type: 'step'; caseId: string; step: StepResult }
  | { type: 'case-end'; result: CaseResult }
  | { type: 'codes'; codes: CodesInfo }
  | { type: 'stopped'; stop: Stop }
  | { type: 'end'; report: RunReport }
