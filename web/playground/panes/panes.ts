// The playground's client panes: each a letter and its own session, added and removed at run time (no React).
import type { ClientSession } from '../../session/client-session.ts'
import { lessonScenario } from '../scenario/lesson-scenario.ts'
import type { ScenarioRunner } from '../scenario/scenario.ts'
import { SnapshotStore } from '../../lib/snapshot-store.ts'

/** Pane letters, in the order panes are added. */
export const PANE_NAMES = ['A', 'B'] as const
/** A pane's letter: "Cliente A", "Cliente B". */
export type PaneName = (typeof PANE_NAMES)[number]

/** One client: its letter, its ClientSession (connection and log) and its run of the lesson scenario. */
export interface Pane {
  name: PaneName
  session: ClientSession
  scenario: ScenarioRunner
}

/** How a PaneSet makes and lets go of ClientSessions (the page restores and persists each pane's log). */
export interface PaneHooks {
  create(name: PaneName): ClientSession
  /** Called after a removed pane's connection was closed. */
  release?(pane: Pane): void
  /** Called with the pane letters after every change, e.g. to remember them across reloads. */
  changed?(names: readonly PaneName[]): void
}

/** Whether `value` is a pane letter. */
export function isPaneName(value: unknown): value is PaneName {
  return (PANE_NAMES as readonly unknown[]).includes(value)
}

function paneOf(name: PaneName, session: ClientSession): Pane {
  return { name, session, scenario: lessonScenario(session) }
}

/** The list of panes, in letter order (a new array after each change), for useSyncExternalStore. */
export class PaneSet extends SnapshotStore<readonly Pane[]> {
  constructor(
    private readonly hooks: PaneHooks,
    initial: readonly PaneName[] = ['A'],
  ) {
    const names = PANE_NAMES.filter((n) => initial.includes(n))
    super(
      (names.length > 0 ? names : (['A'] as const)).map((name) => paneOf(name, hooks.create(name))),
    )
  }

  /** Whether another pane fits. */
  get canAdd(): boolean {
    return this.state.length < PANE_NAMES.length
  }

  /** Adds a pane with the first free letter; undefined when every letter is taken. */
  add(): Pane | undefined {
    const name = PANE_NAMES.find((n) => !this.state.some((p) => p.name === n))
    if (!name) return undefined
    const pane = paneOf(name, this.hooks.create(name))
    this.set([...this.state, pane].sort((a, b) => a.name.localeCompare(b.name)))
    return pane
  }

  /** Closes a pane's connection and removes it; the last pane always stays. */
  remove(name: PaneName): boolean {
    const pane = this.state.find((p) => p.name === name)
    if (!pane || this.state.length === 1) return false
    pane.session.disconnect()
    this.set(this.state.filter((p) => p !== pane))
    this.hooks.release?.(pane)
    return true
  }

  private set(panes: readonly Pane[]): void {
    this.hooks.changed?.(panes.map((p) => p.name))
    this.replace(panes)
  }
}
