// The guided tour's store for the page's lifetime: the current step, and what each step's try-it last showed.
import { SnapshotStore } from '../../lib/snapshot-store.ts'
import type { Timers } from '../../lib/timers.ts'
import { ClientSession } from '../../session/client-session.ts'
import type { ConnectionOptions, SocketFactory } from '../../session/connection.ts'
import { TourRun, type TourTargets } from './tour-run.ts'
import { TOUR_STEPS, freshData, type TourData, type TourStep } from './tour.ts'

/** Where the tour is; leaving the tab and coming back finds the same step and results. */
export interface TourState {
  /** The current step's index in TOUR_STEPS. */
  index: number
  /** Each step's last try-it; runs finish on their own and close their connections. */
  runs: Readonly<Partial<Record<TourStep, TourRun>>>
}

/** How the tour's try-its connect (the browser's WebSocket, or a fake in tests) and what they send. */
export interface TourStoreOptions extends Timers {
  socket: SocketFactory
  /** The page's group and id, added to each connection's URL. */
  params?: ConnectionOptions['params']
  bridgeUrl: string
  /** Each connection's connect timeout (default 5 s, so a dead server is said quickly). */
  connectTimeoutMs?: number
  /** Fresh emails and phone for each try-it (default `freshData()`). */
  data?: () => TourData
}

/** The tour's step and runs; a try-it replaces its step's previous run. */
export class TourStore extends SnapshotStore<TourState> {
  constructor(private readonly options: TourStoreOptions) {
    super({ index: 0, runs: {} })
  }

  /** The current step. */
  get step(): TourStep {
    return TOUR_STEPS[this.state.index] ?? TOUR_STEPS[0]
  }

  /** Goes to step `index` (0-based). */
  go(index: number): void {
    if (TOUR_STEPS[index] === undefined || index === this.state.index) return
    this.replace({ ...this.state, index })
  }

  /** Runs the current step's experiment against `targets`, stopping its previous run. */
  tryIt(targets: TourTargets): TourRun {
    const { socket, params, bridgeUrl, connectTimeoutMs = 5000, data = freshData } = this.options
    const step = this.step
    this.state.runs[step]?.stop()
    const run = new TourRun(step, {
      bridgeUrl,
      targets,
      data: data(),
      makeSession: () => new ClientSession({ socket, params, connectTimeoutMs }),
      setTimer: this.options.setTimer,
      clearTimer: this.options.clearTimer,
    })
    this.replace({ ...this.state, runs: { ...this.state.runs, [step]: run } })
    run.start()
    return run
  }
}
