// One framing-lab column's run: connect its session, write the planned chunks with their delay, collect answers.
import type { CloseReason } from '../../session/events.ts'
import { responseCode } from '../../log/decode/decode.ts'
import type { ClientSession } from '../../session/client-session.ts'
import { timersOf, type Timers } from '../../lib/timers.ts'
import { decodeAsFor, type Plan } from './framing-lab.ts'
import { SnapshotStore } from '../../lib/snapshot-store.ts'

/** Where a run is: opening, writing chunks, waiting for answers, finished, or failed to connect. */
export type RunPhase = 'connecting' | 'sending' | 'waiting' | 'done' | 'failed'

/** A run as the column shows it; a new object on every change. */
export interface RunState {
  phase: RunPhase
  /** Chunks written so far. */
  written: number
  /** Codes of the answers in order; undefined for bytes that are not a valid response. */
  codes: readonly (string | undefined)[]
  reason?: CloseReason
}

/** Where to connect, what to write, and the timers (injectable for tests). */
export interface RunOptions extends Timers {
  bridgeUrl: string
  target: string
  plan: Plan
  /** Quiet time after the last write or answer before the run counts as finished (default 700 ms). */
  settleMs?: number
  /** A student's own server, whose reading is unknown: only silence ends the wait, as on naive. */
  ownServer?: boolean
}

/** Drives one ClientSession through one experiment; the ClientSession keeps the log of every byte. */
export class FramingRun extends SnapshotStore<RunState> {
  private readonly unsubscribe: (() => void)[] = []
  private timer: unknown
  private readonly settleMs: number
  private readonly timers: Required<Timers>

  constructor(
    readonly session: ClientSession,
    private readonly options: RunOptions,
  ) {
    super({ phase: 'connecting', written: 0, codes: [] })
    this.settleMs = options.settleMs ?? 700
    this.timers = timersOf(options)
  }

  /** The plan this run writes. */
  get plan(): Plan {
    return this.options.plan
  }

  /** Opens the connection; the first chunk goes as soon as the TCP side is up. */
  start(): void {
    const { session } = this
    const { plan } = this.options
    this.unsubscribe.push(
      session.connection.subscribe((e) => {
        if (e.type === 'state' && e.state.status === 'open') this.onOpen()
        else if (e.type === 'chunk' && e.dir === 'received') this.settle()
        else if (e.type === 'local' && e.event.type === 'ended') this.onEnded(e.event.reason)
      }),
      session.log.onMessage((entry) => {
        if (entry.dir !== 'received' || entry.view.type === 'frame-error') return
        if (this.state.phase === 'done' || this.state.phase === 'failed') return
        this.set({ codes: [...this.state.codes, responseCode(entry.view)] })
        // Framings that delimit messages answer each one once, so the last answer ends the wait.
        if (this.answersOnce() && this.state.phase === 'waiting') {
          if (this.state.codes.length >= plan.messages) this.finish()
        }
      }),
    )
    session.connect(
      this.options.bridgeUrl,
      this.options.target,
      plan.framing,
      decodeAsFor(plan.framing),
    )
  }

  /** Stops timers and listeners and closes the connection (a newer run replaces this one). */
  stop(): void {
    this.timers.clearTimer(this.timer)
    for (const off of this.unsubscribe.splice(0)) off()
    this.session.disconnect()
  }

  private onOpen(): void {
    if (this.state.phase !== 'connecting') return
    this.set({ phase: 'sending' })
    this.write()
  }

  private write(): void {
    const { session } = this
    const { plan } = this.options
    const chunk = plan.chunks[this.state.written]
    if (!chunk || !session.connection.send(chunk)) return
    this.set({ written: this.state.written + 1 })
    if (this.state.written < plan.chunks.length) {
      this.timer = this.timers.setTimer(() => this.write(), plan.delayMs)
      return
    }
    this.set({ phase: 'waiting' })
    if (this.answersOnce() && this.state.codes.length >= plan.messages) this.finish()
    else this.settle()
  }

  // True when the server delimits messages as the plan frames them, so it answers each one once.
  private answersOnce(): boolean {
    return this.options.plan.framing !== 'naive' && !this.options.ownServer
  }

  // Restarts the quiet timer: naive answers once per read, so only silence says it has finished.
  private settle(): void {
    if (this.state.phase !== 'waiting') return
    this.timers.clearTimer(this.timer)
    this.timer = this.timers.setTimer(() => this.finish(), this.settleMs)
  }

  private finish(): void {
    if (this.state.phase === 'done') return
    this.timers.clearTimer(this.timer)
    this.set({ phase: 'done' })
    this.session.disconnect()
  }

  private onEnded(reason: CloseReason): void {
    const phase = this.state.phase
    if (phase === 'done' || phase === 'failed') return
    this.timers.clearTimer(this.timer)
    // Closed after every write: what came back is the result. Closed earlier: the run failed.
    if (phase === 'waiting') this.set({ phase: 'done' })
    else this.set({ phase: 'failed', reason })
  }

  private set(change: Partial<RunState>): void {
    this.replace({ ...this.state, ...change })
  }
}
