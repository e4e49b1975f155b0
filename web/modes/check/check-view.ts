// What the checker draws, as plain values: a row per case, the groups by level, progress, and the failure's parts.
import { SUITE, selectCases, type LevelChoice } from '../../../shared/conformance/suite.ts'
import { tally } from '../../../shared/conformance/tally.ts'
import type {
  CaseResult,
  CaseStatus,
  Level,
  StepResult,
  Tally,
  Text,
} from '../../../shared/conformance/types.ts'
import type { CheckState } from './check-store.ts'
import { wlError } from '../../../shared/errors.ts'

/** A row's state: a verdict, or where the case is in a run (or `idle`: not run yet). */
export type RowStatus = CaseStatus | 'running' | 'queued' | 'idle'

/** One case as the list shows it. */
export interface Row {
  id: string
  level: Level
  title: Text
  teaches: Text
  status: RowStatus
  /** The verdict shown, once there is one. */
  result?: CaseResult
}

/** The rows of one level, and its counts so far. */
export interface RowGroup {
  level: Level
  rows: Row[]
  tally: Tally
}

const teachesOf = new Map(SUITE.map((c) => [c.id, c.teaches]))

function rowOf(id: string, status: RowStatus, result?: CaseResult): Row {
  const c = SUITE.find((s) => s.id === id)
  if (!c) throw wlError('WL_ERR_NO_SUCH_CASE', `no conformance case named ${id}`)
  return {
    id,
    level: c.level,
    title: c.title,
    teaches: c.teaches,
    status,
    ...(result && { result }),
  }
}

function resultRow(result: CaseResult): Row {
  const teaches = teachesOf.get(result.id) ?? result.teaches
  const { id, level, title, status } = result
  return { id, level, title, teaches, status, result }
}

/**
 * Every row to show: the run in progress (its finished cases, the running one, the queued rest), else
 * the last report, else the cases the level would run.
 */
export function rowsOf(state: CheckState): Row[] {
  const { live, report } = state
  if (live) {
    const done = new Map(live.done.map((r) => [r.id, r]))
    const liveRow = (id: string): Row => {
      const result = done.get(id)
      if (result) return resultRow(result)
      return rowOf(id, id === live.current ? 'running' : 'queued')
    }
    if (live.kind === 'all' || !report) return live.ids.map(liveRow)
    return report.cases.map((c) => (live.ids.includes(c.id) ? liveRow(c.id) : resultRow(c)))
  }
  if (report) return report.cases.map(resultRow)
  return idleRows(state.settings.level)
}

/** The cases a run at this level would cover, none run yet. */
export function idleRows(level: LevelChoice): Row[] {
  return selectCases(level).map((c) => rowOf(c.id, 'idle'))
}

/** Rows by level, the lesson's first, each with the tally of its verdicts (unfinished rows count in total). */
export function groupsOf(rows: readonly Row[]): RowGroup[] {
  const groups: RowGroup[] = []
  for (const level of ['lesson', 'beyond'] as const) {
    const mine = rows.filter((r) => r.level === level)
    if (mine.length === 0) continue
    const counted = tally(mine.flatMap((r) => (r.result ? [r.result] : [])))[level]
    groups.push({ level, rows: mine, tally: { ...counted, total: mine.length } })
  }
  return groups
}

/** How far the live run is: cases finished, cases in all, and the one running. */
export function progressOf(state: CheckState): { done: number; total: number; current?: Row } {
  const live = state.live
  if (!live) return { done: 0, total: 0 }
  const current = live.current ? rowOf(live.current, 'running') : undefined
  return { done: live.done.length, total: live.ids.length, ...(current && { current }) }
}

/** A sentence cut at its backticks: odd pieces are code (`json.dumps`), even ones plain words. */
export function sentencePieces(text: string): { code: boolean; text: string }[] {
  return text
    .split('`')
    .map((piece, i) => ({ code: i % 2 === 1, text: piece }))
    .filter((p) => p.text !== '')
}

/** The failed step of a result, and where it stands among the case's judged sends ("step 3 of 10"). */
export function failedStep(
  result: CaseResult,
): { step: StepResult; position: number; planned: number } | undefined {
  const failure = result.failure
  if (!failure) return undefined
  const step = result.steps.find((s) => s.index === failure.step)
  if (!step) return undefined
  const sends = result.steps.filter((s) => !s.cleanup && s.op === 'send')
  return { step, position: sends.indexOf(step) + 1, planned: result.planned }
}
