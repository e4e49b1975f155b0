// Runs the suite against one server through an injected transport: cases in order, a probe after trouble, a report.
import { dumpsBytes } from '../codec.ts'
import { DEFAULT_MAX_MESSAGE, encodeFrame, type Framing } from '../framing.ts'
import type { CodeMode } from '../protocol.ts'
import { read } from './build.ts'
import { openLink, type Link, type Unopened } from './link.ts'
import { runCase, type CaseRun } from './run-case.ts'
import { stopSay } from './sentences.ts'
import { caseInfo, selectCases, type LevelChoice } from './suite.ts'
import { tally } from './tally.ts'
import type {
  Case,
  CaseContext,
  CaseResult,
  Clock,
  CodesInfo,
  RunEvent,
  RunReport,
  Stop,
  Text,
  Transport,
} from './types.ts'
import { SYSTEM_CLOCK } from './wire.ts'

/** How to run the suite. Only `transport` is required. */
export interface RunOptions {
  transport: Transport
  /** How the server frames messages (default json, the lesson's port). */
  framing?: Framing
  /** `lesson`: the lesson's level only; `all` (default): every case. */
  level?: LevelChoice
  /** Which codes refusals get; `auto` (default) takes the first refusal that tells them apart. */
  codes?: CodeMode | 'auto'
  /** Run only these case ids (a re-run after a fix). */
  only?: readonly string[]
  /** Longest wait for an answer or a connection, ms (default 2000). */
  timeoutMs?: number
  /** Silence after a partial answer that ends the wait, ms (default 300). */
  quietMs?: number
  /** Pause between the two writes of a split message, ms (default 150). */
  splitDelayMs?: number
  /** The server's message limit; the oversize case sends more (default 64 KiB). */
  maxMessage?: number
  /** The scenario's emails: the lesson's (default) or unique to the run. */
  scenarioEmails?: 'lesson' | 'unique'
  /** Names this run's emails; random by default. */
  runId?: string
  clock?: Clock
  onEvent?: (event: RunEvent) => void
  /** Stops the run between cases. */
  signal?: AbortSignal
}

/** A short random id for this run's emails (base 36). */
export function newRunId(): string {
  return Math.floor(Math.random() * 36 ** 5)
    .toString(36)
    .padStart(5, '0')
}

/** Runs the selected cases in suite order and resolves with the report; never rejects for the server's sake. */
export async function runSuite(options: RunOptions): Promise<RunReport> {
  const { transport, onEvent } = options
  const framing = options.framing ?? 'json'
  const level = options.level ?? 'all'
  const timeoutMs = options.timeoutMs ?? 2000
  const quietMs = options.quietMs ?? 300
  const clock = options.clock ?? SYSTEM_CLOCK
  const runId = options.runId ?? newRunId()
  const maxMessage = options.maxMessage ?? DEFAULT_MAX_MESSAGE
  const cases = selectCases(level, options.only)
  const started = clock.now()
  const emit = (event: RunEvent) => onEvent?.(event)
  const asked = options.codes ?? 'auto'
  let codes: CodesInfo =
    asked === 'auto' ? { mode: 'lesson', source: 'default' } : { mode: asked, source: 'asked' }
  let current = ''
  let main: Link | undefined
  const open = (conn: number) =>
    openLink(transport, framing, clock, timeoutMs, (dir, bytes) =>
      emit({ type: 'io', caseId: current, conn, dir, bytes }),
    )
  const dropMain = () => {
    main?.close()
    main = undefined
  }
  const openMain = async (): Promise<({ ok: true } & Link) | Unopened> => {
    if (main && !main.wire.closed) return { ok: true, ...main }
    dropMain()
    const opened = await open(0)
    if (opened.ok) main = opened
    return opened
  }
  const scenarioEmails: readonly [string, string] =
    options.scenarioEmails === 'unique'
      ? [`eu.${runId}@gmail.com`, `meu.${runId}@gmail.com`]
      : ['eu@gmail.com', 'meu@gmail.com']
  const context = (c: Case): CaseContext => ({
    framing,
    email: (tag) => `${tag}.${c.id}.${runId}@wl.test`,
    scenarioEmails,
    maxMessage,
  })

  emit({ type: 'start', cases: cases.map(caseInfo) })
  const results: CaseResult[] = []
  let stopped: Stop | undefined
  const first = await openMain()
  if (!first.ok) {
    stopped = {
      kind: 'cannot-connect',
      text: stopSay.cannotConnect(transport.target, `${first.why}: ${first.detail}`),
    }
    emit({ type: 'stopped', stop: stopped })
  }
  // The last case whose connection closed, went silent or could not open: the server may be down.
  let trouble: ({ index: number; id: string } & NonNullable<CaseRun['trouble']>) | undefined

  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!
    current = c.id
    if (!stopped && options.signal?.aborted) {
      stopped = { kind: 'aborted', text: stopSay.aborted }
      emit({ type: 'stopped', stop: stopped })
    }
    if (!stopped && c.notFor?.framings.includes(framing)) {
      finish(results, emit, skipped(c, 'not-applicable', c.notFor.why))
      continue
    }
    if (!stopped && trouble) {
      // Closed first: a server that serves one client at a time must be free to answer the probe.
      dropMain()
      const alive = await probe(open, framing, runId, timeoutMs, quietMs)
      if (alive.ok) {
        main = alive.link
        trouble = undefined
      } else {
        stopped = stopFor(trouble, alive.why, framing)
        emit({ type: 'stopped', stop: stopped })
      }
    }
    if (stopped) {
      finish(results, emit, skipped(c, 'not-run', stopSay.notRun))
      continue
    }
    emit({ type: 'case-start', id: c.id, index: i })
    const run = await runCase(c, {
      framing,
      timeoutMs,
      quietMs,
      splitDelayMs: options.splitDelayMs ?? 150,
      clock,
      context: context(c),
      codes: () => ({ mode: codes.mode, undecided: codes.source === 'default' }),
      reveal: (mode) => {
        codes = { mode, source: 'detected', from: c.id }
        emit({ type: 'codes', codes })
      },
      main: openMain,
      dropMain,
      open,
      step: (step) => emit({ type: 'step', caseId: c.id, step }),
    })
    finish(results, emit, run.result)
    if (run.trouble) trouble = { index: i + 1, id: c.id, ...run.trouble }
  }
  dropMain()
  const report: RunReport = {
    target: transport.target,
    framing,
    level,
    codes,
    runId,
    cases: results,
    ...(stopped && { stopped }),
    tallies: tally(results),
    ms: clock.now() - started,
  }
  emit({ type: 'end', report })
  return report
}

function finish(results: CaseResult[], emit: (e: RunEvent) => void, result: CaseResult): void {
  results.push(result)
  emit({ type: 'case-end', result })
}

function skipped(c: Case, status: 'not-run' | 'not-applicable', why: Text): CaseResult {
  const { id, level, group, title, teaches } = c
  return { id, level, group, title, teaches, status, steps: [], planned: 0, why, ms: 0 }
}

/** Is the server still there? A new connection and a harmless CONSULTAR; any bytes back will do. */
async function probe(
  open: (conn: number) => ReturnType<typeof openLink>,
  framing: Framing,
  runId: string,
  timeoutMs: number,
  quietMs: number,
): Promise<{ ok: true; link: Link } | { ok: false; why: 'refused' | 'silent' }> {
  const link = await open(0)
  if (!link.ok) return { ok: false, why: 'refused' }
  link.write(encodeFrame(framing, dumpsBytes(read(`probe.${runId}@wl.test`))))
  link.wire.wrote()
  const got = await link.wire.next(timeoutMs, quietMs)
  if (got.outcome === 'answer' || got.outcome === 'incomplete') return { ok: true, link }
  link.close()
  // Accepted and closed at once is a refusal too (a listener closed with our connection queued).
  return { ok: false, why: got.outcome === 'closed' ? 'refused' : 'silent' }
}

function stopFor(
  trouble: { index: number; id: string } & NonNullable<CaseRun['trouble']>,
  why: 'refused' | 'silent',
  framing: Framing,
): Stop {
  const { index, id, what, outcome } = trouble
  const at = { afterCase: id, afterIndex: index }
  if (outcome === 'closed')
    return { kind: 'crashed', ...at, text: stopSay.crashed(index, id, what) }
  if (why === 'refused') return { kind: 'refusing', ...at, text: stopSay.refusing(index, id) }
  return { kind: 'silent', ...at, text: stopSay.silent(index, id, what, framing) }
}
