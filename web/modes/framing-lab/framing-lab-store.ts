// The framing lab's store for the page's lifetime: its settings, the servers chosen, and each column's run.
import { SnapshotStore } from '../../lib/snapshot-store.ts'
import type { Timers } from '../../lib/timers.ts'
import { ClientSession } from '../../session/client-session.ts'
import type { ConnectionOptions, SocketFactory } from '../../session/connection.ts'
import {
  DEFAULT_SETTINGS,
  planFor,
  type LabTarget,
  type OwnPick,
  type Settings,
} from './framing-lab.ts'
import { FramingRun } from './framing-run.ts'

/** What the lab shows; leaving the tab and coming back finds it as it was. */
export interface FramingLabState {
  settings: Settings
  /** The servers ticked, or undefined while the first of each framing is (the default). */
  picked: readonly string[] | undefined
  /** Students' own servers, by port range id. */
  picks: ReadonlyMap<string, OwnPick>
  /** The last run of each column, by column id. */
  runs: Readonly<Record<string, FramingRun>>
}

/** How the lab connects: the socket factory (the browser's WebSocket, or a fake in tests) and the bridge. */
export interface FramingLabOptions extends Timers {
  socket: SocketFactory
  /** The page's group and id, added to each connection's URL. */
  params?: ConnectionOptions['params']
  bridgeUrl: string
  /** Quiet time that ends a run (FramingRun's default when absent). */
  settleMs?: number
}

/** The lab's state, and Run: one new connection per column, each closing itself when its run is done. */
export class FramingLabStore extends SnapshotStore<FramingLabState> {
  constructor(private readonly options: FramingLabOptions) {
    super({ settings: DEFAULT_SETTINGS, picked: undefined, picks: new Map(), runs: {} })
  }

  /** New settings for the next run (the columns show their bytes at once). */
  setSettings(settings: Settings): void {
    this.set({ settings })
  }

  /** The servers ticked. */
  setPicked(picked: readonly string[]): void {
    this.set({ picked })
  }

  /** The students' own servers. */
  setPicks(picks: ReadonlyMap<string, OwnPick>): void {
    this.set({ picks })
  }

  /** Stops the previous runs and starts one per column with the current settings. */
  run(columns: readonly LabTarget[]): void {
    for (const old of Object.values(this.state.runs)) old.stop()
    const { socket, params, bridgeUrl, settleMs, setTimer, clearTimer } = this.options
    const runs: Record<string, FramingRun> = {}
    for (const target of columns) {
      runs[target.id] = new FramingRun(new ClientSession({ socket, params }), {
        bridgeUrl,
        target: target.target,
        plan: planFor(target.framing, this.state.settings),
        ownServer: target.own === true,
        settleMs,
        setTimer,
        clearTimer,
      })
    }
    this.set({ runs })
    for (const run of Object.values(runs)) run.start()
  }

  private set(change: Partial<FramingLabState>): void {
    this.replace({ ...this.state, ...change })
  }
}
