// Runs one case: its connections, its writes (split or glued), one judged answer per expectation.
import { dumpsBytes } from '../codec.ts'
import { encodeFrame, type Framing } from '../framing.ts'
import { concatBytes } from '../pieces.ts'
import type { CodeMode } from '../protocol.ts'
import { describeBody, judge, refusedCheck, revealedCodes } from './judge.ts'
import { pause, type Link, type Unopened } from './link.ts'
import { finding, say } from './sentences.ts'
import type {
  AnswerCheck,
  Body,
  Case,
  CaseContext,
  CaseResult,
  Clock,
  Outcome,
  SendStep,
  StepResult,
  Text,
} from './types.ts'

/** What a case needs from its run. */
export interface CaseEnv {
  framing: Framing
  timeoutMs: number
  quietMs: number
  splitDelayMs: number
  clock: Clock
  context: CaseContext
  /** The code mode now; `undecided` until an answer reveals it (codes auto). */
  codes(): { mode: CodeMode; undecided: boolean }
  reveal(mode: CodeMode): void
  /** The run's shared connection, opened if it is not open. */
  main(): Promise<({ ok: true } & Link) | Unopened>
  /** Closes the shared connection (the next main() opens a new one). */
  dropMain(): void
  /** A connection of the case's own. */
  open(conn: number): Promise<({ ok: true } & Link) | Unopened>
  step(result: StepResult): void
}

/** A case's result, and what went wrong with its connections (the run then checks the server is alive). */
export interface CaseRun {
  result: CaseResult
  trouble?: { outcome: Outcome; what: Text }
}

const NOTHING = new Uint8Array(0)

/** Frames each body and joins them into the bytes of one write. */
function framed(framing: Framing, send: Body | readonly Body[]): Uint8Array {
  const bodies: readonly Body[] = Array.isArray(send) ? send : [send as Body]
  return concatBytes(
    bodies.map((b) => encodeFrame(framing, b instanceof Uint8Array ? b : dumpsBytes(b))),
  ).slice()
}

/** Runs one case from a known state; never throws for anything the server does. */
export async function runCase(c: Case, env: CaseEnv): Promise<CaseRun> {
  const started = env.clock.now()
  const steps = c.steps(env.context)
  const own = c.conns === 'own'
  if (own) env.dropMain()
  const links = new Map<number, Link>()
  const dead = new Set<number>()
  const results: StepResult[] = []
  let failure: CaseResult['failure']
  let trouble: CaseRun['trouble']

  const linkFor = async (n: number) => {
    const have = links.get(n)
    if (have) return { ok: true as const, link: have }
    const opened = n === 0 && !own ? await env.main() : await env.open(n)
    if (!opened.ok) return opened
    links.set(n, opened)
    return { ok: true as const, link: opened as Link }
  }
  const record = (result: StepResult) => {
    results.push(result)
    env.step(result)
  }

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!
    const cleanup = step.op === 'send' && step.cleanup !== undefined
    if (cleanup ? step.cleanup === 'if-failed' && !failure : failure) continue
    const n = step.op === 'send' ? (step.conn ?? 0) : step.conn
    if (cleanup && dead.has(n)) continue
    const what = step.op === 'send' ? (step.what ?? describeBody(step.send)) : connWords(step.op, n)
    const base = { index: i, op: step.op, conn: n, what, cleanup, writes: [] as Uint8Array[] }
    if (step.op === 'close') {
      links.get(n)?.close()
      links.delete(n)
      if (n === 0 && !own) env.dropMain()
      record({ ...base, answers: [] })
      continue
    }
    const got = await linkFor(n)
    if (!got.ok) {
      if (cleanup) continue
      const hints = step.hints
      const check = refusedCheck(
        step.op === 'send' ? step.expect[0] : undefined,
        { framing: env.framing, codes: env.codes().mode, what, hints, timeoutMs: env.timeoutMs },
        `${got.why}: ${got.detail}`,
      )
      record({ ...base, answers: [check] })
      failure = { step: i, answer: 0, findings: check.findings }
      trouble = { outcome: 'refused', what }
      dead.add(n)
      continue
    }
    if (step.op === 'open') {
      record({ ...base, answers: [] })
      continue
    }
    const { answers, writes, stray, outcome } = await exchange(got.link, step, what, env)
    record({ ...base, writes, answers, ...(stray && { stray }) })
    if (outcome !== 'answer') dead.add(n)
    if (cleanup) continue
    const bad = answers.findIndex((a) => !a.pass)
    if (bad >= 0) failure = { step: i, answer: bad, findings: answers[bad]!.findings }
    if (outcome === 'closed' || outcome === 'timeout') trouble = { outcome, what }
  }

  for (const [n, link] of links) if (own || n !== 0) link.close()
  // A shared connection that went silent may still deliver a late answer: start the next case afresh.
  if (!own && dead.has(0)) env.dropMain()
  const result: CaseResult = {
    id: c.id,
    level: c.level,
    group: c.group,
    title: c.title,
    teaches: c.teaches,
    status: failure ? 'fail' : 'pass',
    steps: results,
    planned: steps.filter((s) => s.op === 'send' && s.cleanup === undefined).length,
    ...(failure && { failure }),
    ms: env.clock.now() - started,
  }
  return { result, ...(trouble && { trouble }) }
}

const connWords = (op: 'open' | 'close', n: number): Text =>
  op === 'open'
    ? { pt: `abrir a conexão ${n + 1}`, en: `opening connection ${n + 1}` }
    : { pt: `fechar a conexão ${n + 1}`, en: `closing connection ${n + 1}` }

/** Writes a step's bytes and reads its answers; the outcome is the worst reading outcome. */
async function exchange(link: Link, step: SendStep, what: Text, env: CaseEnv) {
  const stray = link.wire.drain()
  const bytes = framed(env.framing, step.send)
  const half = Math.floor(bytes.length / 2)
  const writes = step.split ? [bytes.slice(0, half), bytes.slice(half)] : [bytes]
  for (let w = 0; w < writes.length; w++) {
    if (w > 0) await pause(env.clock, env.splitDelayMs)
    link.write(writes[w]!)
  }
  link.wire.wrote()
  const answers: AnswerCheck[] = []
  let outcome: Outcome = 'answer'
  for (const expect of step.expect) {
    // After a wrong answer the rest may never come (an answer to two glued messages): wait less.
    const failed = answers.some((a) => !a.pass)
    const received = await link.wire.next(failed ? env.quietMs : env.timeoutMs, env.quietMs)
    if (env.codes().undecided) {
      const mode = revealedCodes(expect, env.framing, received)
      if (mode) env.reveal(mode)
    }
    const check = judge({
      expect,
      received,
      framing: env.framing,
      codes: env.codes().mode,
      what,
      hints: step.hints,
      timeoutMs: failed ? env.quietMs : env.timeoutMs,
    })
    answers.push(check)
    if (received.outcome !== 'answer') {
      outcome = received.outcome
      if (received.outcome !== 'incomplete') break
    }
  }
  const more = link.wire.queued
  if (answers.every((a) => a.pass) && more > 0 && step.cleanup === undefined) {
    const extra = link.wire.drain() ?? NOTHING
    answers.push({
      expected: NOTHING,
      shapeOnly: false,
      received: extra,
      outcome: 'answer',
      early: false,
      pass: false,
      firstDiff: 0,
      findings: [finding('extra-answer', say.extraAnswer(more))],
    })
  }
  return { answers, writes, stray, outcome }
}
