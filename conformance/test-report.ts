// Assertion helpers over a run's report (tests only).
import type { RunReport } from '../shared/conformance/types.ts'

/** The failures of a report, readable in an assertion diff. */
export const failures = (report: RunReport) =>
  report.cases
    .filter((c) => c.status === 'fail')
    .map((c) => ({ id: c.id, findings: c.failure?.findings.map((f) => f.text.en) }))

/** The lesson level's tally when all of its 23 cases ran and passed. */
export const LESSON_ALL_PASSED = { passed: 23, failed: 0, notRun: 0, notApplicable: 0, total: 23 }
