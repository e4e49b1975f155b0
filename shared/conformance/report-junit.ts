// A run's report as JUnit XML, for CI and for a teacher grading many servers: a suite per level, a case per case.
import { failureLines, type TextOptions } from './report-text.ts'
import type { CaseResult, Lang, RunReport } from './types.ts'
import { escapeByte } from '../hex.ts'

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except U+FFFE/U+FFFF and
// lone surrogates; anything else (a control byte a server sent) is written as \xNN instead.
function xmlText(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    const allowed =
      c === 0x09 ||
      c === 0x0a ||
      c === 0x0d ||
      (c >= 0x20 && c < 0xd800) ||
      (c > 0xdfff && c < 0xfffe) ||
      c > 0xffff
    out += !allowed ? escapeByte(c) : (ENTITIES[ch] ?? ch)
  }
  return out
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

function testcase(c: CaseResult, options: TextOptions, suite: string): string {
  const name = `${c.id}: ${c.title[options.lang]}`
  const open = `    <testcase classname="${xmlText(suite)}" name="${xmlText(name)}" time="${seconds(c.ms)}"`
  switch (c.status) {
    case 'pass':
      return `${open}/>`
    case 'not-applicable':
    case 'not-run': {
      const why = `${c.status}: ${c.why?.[options.lang] ?? ''}`
      return `${open}>\n      <skipped message="${xmlText(why)}"/>\n    </testcase>`
    }
    case 'fail': {
      const lines = failureLines(c, { ...options, color: false })
      const message = lines[0] ?? 'failed'
      return `${open}>\n      <failure message="${xmlText(message)}" type="${xmlText(c.failure?.findings[0]?.kind ?? 'fail')}">${xmlText(lines.join('\n'))}</failure>\n    </testcase>`
    }
  }
}

/** The report as a JUnit XML document (testsuites > testsuite per level > testcase per case). */
export function formatJunit(report: RunReport, lang: Lang): string {
  const options: TextOptions = { lang, color: false }
  const label = `wire-lab conformance ${report.target} (${report.framing})`
  const suites: string[] = []
  for (const level of ['lesson', 'beyond'] as const) {
    const cases = report.cases.filter((c) => c.level === level)
    if (cases.length === 0) continue
    const t = report.tallies[level]
    const time = cases.reduce((ms, c) => ms + c.ms, 0)
    const name = `${report.target} ${level}`
    suites.push(
      `  <testsuite name="${xmlText(name)}" tests="${t.total}" failures="${t.failed}" errors="0" skipped="${t.notRun + t.notApplicable}" time="${seconds(time)}">`,
      ...cases.map((c) => testcase(c, options, `wire-lab.${level}`)),
      '  </testsuite>',
    )
  }
  const all = report.cases
  const failures = all.filter((c) => c.status === 'fail').length
  const skipped = all.filter((c) => c.status !== 'fail' && c.status !== 'pass').length
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(label)}" tests="${all.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(report.ms)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}
