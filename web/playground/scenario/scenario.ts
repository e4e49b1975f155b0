// Runs a list of requests all at once (send, wait for the answer, send the next) or step by step (no React).
import { timersOf, type Timers } from '../../lib/timers.ts'
import { SnapshotStore } from '../../lib/snapshot-store.ts'

/** What became of one step: the answer's code, a message that was not a valid response, or no answer. */
export type StepResult =
  | { kind: 'answered'; code: string }
  | { kind: 'unreadable' }
  | { kind: 'timeout' }
  | { kind: 'waiting' }

/** The runner's state for the page. */
export interface ScenarioState {
  /** Index of the next step to send (0..total). */
  next: number
  total: number
  running: boolean
  results: readonly (StepResult | undefined)[]
  /** Set when a send failed because the connection was not open. */
  blocked: boolean
}

/** How the runner sends, and its timeout and timers (injectable for tests). */
export interface ScenarioOptions extends Timers {
  /** Sends one request's text; false when nothing could be sent. */
  send: (text: string) => boolean
  /** How long "run all" waits for an answer before sending the next anyway (default 3 s). */
  timeoutMs?: number
}

function freshState(total: number): ScenarioState {
  return { next: 0, total, running: false, results: [], blocked: false }
}

/** Sends a scenario's steps in order, pairing each answer with the oldest step still waiting. */
export class ScenarioRunner extends SnapshotStore<ScenarioState> {
  private waiting: number[] = []
  private timer: unknown
  private readonly timeoutMs: number
  private readonly timers: Required<Timers>

  constructor(
    private readonly steps: readonly string[],
    private readonly options: ScenarioOptions,
  ) {
    super(freshState(steps.length))
    this.timeoutMs = options.timeoutMs ?? 3000
    this.timers = timersOf(options)
  }

  /** Sends every remaining step, each after the previous one's answer (or its timeout). */
  runAll(): void {
    if (this.state.next >= this.state.total) this.reset()
    this.update({ running: true, blocked: false })
    if (this.waiting.length === 0) this.sendNext()
  }

  /** Sends the next step without waiting for answers. */
  step(): void {
    if (this.state.running) return
    this.sendNext()
  }

  /** Stops "run all" after the step in flight; answers still arrive and are recorded. */
  pause(): void {
    this.timers.clearTimer(this.timer)
    this.update({ running: false })
  }

  /** Back to step 1 with no results. */
  reset(): void {
    this.timers.clearTimer(this.timer)
    this.waiting = []
    this.replace(freshState(this.steps.length))
  }

  /** An answer arrived: `code` of a valid response, or undefined for anything else. */
  answered(code: string | undefined): void {
    const index = this.waiting.shift()
    if (index === undefined) return
    this.timers.clearTimer(this.timer)
    this.record(index, code === undefined ? { kind: 'unreadable' } : { kind: 'answered', code })
    if (this.state.running && this.waiting.length === 0) this.sendNext()
  }

  /** The connection ended: stop running; steps still waiting get no answer. */
  disconnected(): void {
    this.timers.clearTimer(this.timer)
    const waiting = this.waiting
    this.waiting = []
    for (const index of waiting) this.record(index, { kind: 'timeout' })
    this.update({ running: false })
  }

  private sendNext(): void {
    const index = this.state.next
    const text = this.steps[index]
    if (text === undefined) return this.update({ running: false })
    if (!this.options.send(text)) return this.update({ running: false, blocked: true })
    this.waiting.push(index)
    this.record(index, { kind: 'waiting' })
    this.update({ next: index + 1, blocked: false })
    if (!this.state.running) return
    this.timer = this.timers.setTimer(() => {
      // No answer in time (the naive framing may glue two answers into one): move on anyway.
      const late = this.waiting.shift()
      if (late !== undefined) this.record(late, { kind: 'timeout' })
      if (this.state.running) this.sendNext()
    }, this.timeoutMs)
  }

  private record(index: number, result: StepResult): void {
    const results = [...this.state.results]
    results[index] = result
    this.update({ results })
  }

  private update(change: Partial<ScenarioState>): void {
    const next = { ...this.state, ...change }
    if (next.running && next.next >= next.total && this.waiting.length === 0) next.running = false
    this.replace(next)
  }
}
