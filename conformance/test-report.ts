// Assertion helpers over a run's report (tests only).
import type { RunReport } from '../shared/conformance/types.ts'

/** The failures of a report, readable in an assertion diff. */
export const failures = (report: RunReport) =>
  report.cases
    .filter((c) => c.status === 'fail')
    .map((c) => ({ id: c.id, findings: c.failure?.findings.map((f) => f.text.en) }))
