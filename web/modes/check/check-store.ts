// The checker's store for the page's lifetime: its settings, the run in progress (live) and the last report.
import type { Framing } from '../../../shared/framing.ts'
import type { CodeMode } from '../../../shared/protocol.ts'
import { runSuite } from '../../../shared/conformance/runner.ts'
import { selectCases, type LevelChoice } from '../../../shared/conformance/suite.ts'
import { mergeRerun } from '../../../shared/conformance/tally.ts'
import type {
  CaseResult,
  Clock,
  CodesInfo,
  RunEvent,
  RunReport,
  Stop,
} from '../../../shared/conformance/types.ts'
import { SnapshotStore } from '../../lib/snapshot-store.ts'
import type { SocketFactory } from '../../session/connection.ts'
import type { Selection } from '../../targets/targets.ts'
import { bridgeTransport } from './bridge-transport.ts'

/** What the next run checks; `framing` undefined means the target's own (from its allow-list entry). */
export interface CheckSettings {
  /** The target picked; undefined until the student picks one (the page preselects a default). */
  selection?: Selection
  framing?: Framing | undefined
  level: LevelChoice
  codes: CodeMode | 'auto'
}

/** A run in progress: a full run, or a re-run of some cases of the last report. */
export interface LiveRun {
  kind: 'all' | 'rerun'
  target: string
  framing: Framing
  /** The case ids this run covers, in run order. */
  ids: readonly string[]
  /** Results so far, in the order they came. */
  done: readonly CaseResult[]
  /** The case running now. */
  current?: string | undefined
  stopped?: Stop
  /** Stop was pressed: the run ends after the current case. */
  stopping: boolean
}

/** What the checker shows; leaving the tab and coming back finds it as it was. */
export interface CheckState {
  settings: CheckSettings
  live?: LiveRun
  /** The last finished run, with later re-runs merged in. */
  report?: RunReport
  /** How many cases the last re-run covered, when the report's last change was a re-run. */
  rerun?: number
  /** A programmer error that ended a run (never the server's doing: the runner answers those). */
  crash?: string
}

/** How the checker connects (the browser's WebSocket, or fakes in tests) and how long it waits. */
export interface CheckStoreOptions {
  socket: SocketFactory
  bridgeUrl: string
  /** More URL parameters (the page's group and client id), read at each connect. */
  params?: () => Readonly<Record<string, string | undefined>>
  clock?: Clock
  /** Longest wait for an answer or a connection (the runner's default when absent). */
  timeoutMs?: number
  /** Pause between the two halves of a split message (the runner's default when absent). */
  splitDelayMs?: number
  /** Names a run's emails (random when absent). */
  runId?: () => string
}

/** The lesson's level, codes detected from the first telling refusal. */
export const DEFAULT_CHECK_SETTINGS: CheckSettings = { level: 'lesson', codes: 'auto' }

/** The checker: Run, Stop, re-run one case or the failed ones, each run over the bridge. */
export class CheckStore extends SnapshotStore<CheckState> {
  private controller: AbortController | undefined

  constructor(private readonly options: CheckStoreOptions) {
    super({ settings: DEFAULT_CHECK_SETTINGS })
  }

  /** True while a run is going (Run and the re-runs wait for it to end). */
  get running(): boolean {
    return this.state.live !== undefined
  }

  /** Changes the settings (`framing: undefined` goes back to the target's own). */
  setSettings(change: Partial<CheckSettings>): void {
    this.replace({ ...this.state, settings: { ...this.state.settings, ...change } })
  }

  /** Runs the cases the settings select against `target`; false when a run is already going. */
  run(target: string, framing: Framing): boolean {
    if (this.running) return false
    const { level, codes } = this.state.settings
    const ids = selectCases(level).map((c) => c.id)
    this.start({ kind: 'all', target, framing, ids }, { level, codes })
    return true
  }

  /** Runs these cases of the last report again, against its target and framing; merged into it. */
  rerun(ids: readonly string[]): boolean {
    const report = this.state.report
    if (this.running || !report || ids.length === 0) return false
    const known = report.cases.filter((c) => ids.includes(c.id)).map((c) => c.id)
    if (known.length === 0) return false
    // The codes the report settled on, so a lone case is judged as the whole run was.
    const codes = report.codes.source === 'default' ? this.state.settings.codes : report.codes.mode
    const { target, framing } = report
    this.start({ kind: 'rerun', target, framing, ids: known }, { only: known, codes })
    return true
  }

  /** Runs the failed and not-run cases of the last report again. */
  rerunFailed(): boolean {
    const ids = (this.state.report?.cases ?? [])
      .filter((c) => c.status === 'fail' || c.status === 'not-run')
      .map((c) => c.id)
    return this.rerun(ids)
  }

  /** Stops the run after the case in progress (the runner checks between cases). */
  stop(): void {
    const live = this.state.live
    if (!live || live.stopping) return
    this.controller?.abort()
    this.setLive({ ...live, stopping: true })
  }

  private start(
    live: Omit<LiveRun, 'done' | 'stopping'>,
    choice: { level?: LevelChoice; only?: readonly string[]; codes: CodeMode | 'auto' },
  ): void {
    const controller = new AbortController()
    this.controller = controller
    const { socket, bridgeUrl, clock, timeoutMs, splitDelayMs, runId } = this.options
    const previous = live.kind === 'rerun' ? this.state.report : undefined
    this.replace({
      settings: this.state.settings,
      ...(this.state.report && { report: this.state.report }),
      live: { ...live, done: [], stopping: false },
    })
    runSuite({
      transport: bridgeTransport({
        socket,
        bridgeUrl,
        target: live.target,
        ...(this.options.params && { params: this.options.params }),
        ...(clock && { clock }),
      }),
      framing: live.framing,
      ...choice,
      // The page's server may share its users with the playground: fresh emails every run.
      scenarioEmails: 'unique',
      signal: controller.signal,
      onEvent: (event) => this.onEvent(controller, event),
      ...(clock && { clock }),
      ...(timeoutMs !== undefined && { timeoutMs }),
      ...(splitDelayMs !== undefined && { splitDelayMs }),
      ...(runId && { runId: runId() }),
    }).then(
      (ran) => {
        if (controller !== this.controller) return
        this.controller = undefined
        const report = previous ? keepCodes(previous, mergeRerun(previous, ran)) : ran
        const rerun = previous ? { rerun: live.ids.length } : {}
        this.replace({ settings: this.state.settings, report, ...rerun })
      },
      (err: unknown) => {
        if (controller !== this.controller) return
        this.controller = undefined
        const crash = err instanceof Error ? err.message : String(err)
        const report = this.state.report
        this.replace({ settings: this.state.settings, ...(report && { report }), crash })
      },
    )
  }

  private onEvent(controller: AbortController, event: RunEvent): void {
    const live = this.state.live
    if (controller !== this.controller || !live) return
    switch (event.type) {
      case 'case-start':
        return this.setLive({ ...live, current: event.id })
      case 'case-end':
        return this.setLive({ ...live, current: undefined, done: [...live.done, event.result] })
      case 'stopped':
        return this.setLive({ ...live, stopped: event.stop })
    }
  }

  private setLive(live: LiveRun): void {
    this.replace({ ...this.state, live })
  }
}

// A re-run asks for the codes the first run detected; the report should still say they were detected.
function keepCodes(previous: RunReport, merged: RunReport): RunReport {
  const codes: CodesInfo = previous.codes
  if (codes.source === 'detected' && merged.codes.mode === codes.mode) return { ...merged, codes }
  return merged
}
