// Per-level counts of a run's verdicts ("the lesson's level: 12/12"), and merging a re-run into a report.
import type { CaseResult, Level, RunReport, Tally } from './types.ts'

/** Counts each level's verdicts. */
export function tally(results: readonly CaseResult[]): Record<Level, Tally> {
  const empty = (): Tally => ({ passed: 0, failed: 0, notRun: 0, notApplicable: 0, total: 0 })
  const out: Record<Level, Tally> = { lesson: empty(), beyond: empty() }
  for (const r of results) {
    const t = out[r.level]
    t.total++
    if (r.status === 'pass') t.passed++
    else if (r.status === 'fail') t.failed++
    else if (r.status === 'not-run') t.notRun++
    else t.notApplicable++
  }
  return out
}

/** True when no selected case failed or was left unrun (not applicable is fine). */
export function allPassed(report: RunReport): boolean {
  return (
    report.stopped === undefined &&
    report.cases.every((c) => c.status !== 'fail' && c.status !== 'not-run')
  )
}

/**
 * A report with some cases re-run (the page's "run this case again"): each re-run case replaces its
 * earlier result; the stop stays only while cases it left unrun remain.
 */
export function mergeRerun(previous: RunReport, rerun: RunReport): RunReport {
  const fresh = new Map(rerun.cases.map((c) => [c.id, c]))
  const cases = previous.cases.map((c) => fresh.get(c.id) ?? c)
  const stopped =
    rerun.stopped ?? (cases.some((c) => c.status === 'not-run') ? previous.stopped : undefined)
  const merged: RunReport = { ...previous, codes: rerun.codes, cases, tallies: tally(cases) }
  if (stopped) merged.stopped = stopped
  else delete merged.stopped
  return merged
}
