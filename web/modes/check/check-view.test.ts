import { describe, expect, it } from 'vitest'
import { selectCases } from '../../../shared/conformance/suite.ts'
import { tally } from '../../../shared/conformance/tally.ts'
import type { CaseResult, RunReport } from '../../../shared/conformance/types.ts'
import { diffParts } from './byte-diff.ts'
import { DEFAULT_CHECK_SETTINGS, type CheckState } from './check-store.ts'
import { failedStep, groupsOf, progressOf, rowsOf, sentencePieces } from './check-view.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

function result(id: string, status: CaseResult['status']): CaseResult {
  const c = selectCases('all').find((x) => x.id === id)!
  const { level, group, title, teaches } = c
  return { id, level, group, title, teaches, status, steps: [], planned: 1, ms: 1 }
}

function report(cases: CaseResult[]): RunReport {
  return {
    target: '127.0.0.1:1',
    framing: 'json',
    level: 'all',
    codes: { mode: 'lesson', source: 'default' },
    runId: 'r',
    cases,
    tallies: tally(cases),
    ms: 1,
  }
}

describe('rowsOf', () => {
  it('lists the level`s cases before any run', () => {
    const state: CheckState = { settings: DEFAULT_CHECK_SETTINGS }
    const rows = rowsOf(state)
    expect(rows.map((r) => r.id)).toEqual(selectCases('lesson').map((c) => c.id))
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['idle']))
    expect(rows[0]!.teaches.en).toMatch(/lesson's client/)
  })

  it('shows a re-run over the report: finished, running and queued cases, the others as they were', () => {
    const state: CheckState = {
      settings: DEFAULT_CHECK_SETTINGS,
      report: report([
        result('scenario', 'fail'),
        result('check-1', 'pass'),
        result('check-2', 'fail'),
      ]),
      live: {
        kind: 'rerun',
        target: '127.0.0.1:1',
        framing: 'json',
        ids: ['scenario', 'check-2'],
        done: [result('scenario', 'pass')],
        current: 'check-2',
        stopping: false,
      },
    }
    expect(rowsOf(state).map((r) => [r.id, r.status])).toEqual([
      ['scenario', 'pass'],
      ['check-1', 'pass'],
      ['check-2', 'running'],
    ])
    expect(progressOf(state)).toMatchObject({ done: 1, total: 2, current: { id: 'check-2' } })
  })

  it('groups by level with tallies that count unfinished rows in the total', () => {
    const rows = rowsOf({
      settings: DEFAULT_CHECK_SETTINGS,
      live: {
        kind: 'all',
        target: '127.0.0.1:1',
        framing: 'json',
        ids: ['scenario', 'check-1', 'rename-same'],
        done: [result('scenario', 'pass')],
        stopping: false,
      },
    })
    const groups = groupsOf(rows)
    expect(groups.map((g) => [g.level, g.rows.length, g.tally.passed, g.tally.total])).toEqual([
      ['lesson', 2, 1, 2],
      ['beyond', 1, 0, 1],
    ])
  })
})

describe('sentencePieces', () => {
  it('turns backticked parts into code, spaces kept', () => {
    expect(sentencePieces('your answer uses `,` and `:`; json.dumps writes `, `')).toEqual([
      { code: false, text: 'your answer uses ' },
      { code: true, text: ',' },
      { code: false, text: ' and ' },
      { code: true, text: ':' },
      { code: false, text: '; json.dumps writes ' },
      { code: true, text: ', ' },
    ])
  })
})

describe('failedStep', () => {
  it('counts the failed step among the judged sends, cleanups left out', () => {
    const step = (index: number, cleanup = false) => ({
      index,
      op: 'send' as const,
      conn: 0,
      writes: [],
      what: { pt: '', en: '' },
      cleanup,
      answers: [],
    })
    const r: CaseResult = {
      ...result('scenario', 'fail'),
      steps: [step(0), step(1), step(2, true), step(3)],
      planned: 10,
      failure: { step: 3, answer: 0, findings: [] },
    }
    expect(failedStep(r)).toMatchObject({ position: 3, planned: 10, step: { index: 3 } })
  })
})

describe('diffParts', () => {
  it('marks the first differing byte in text and hex (compact separators)', () => {
    const want = utf8('{"CODIGO DE ERRO": "404"}')
    const got = utf8('{"CODIGO DE ERRO":"404"}')
    const parts = diffParts(want, got, 18)
    expect(parts.text.expected).toEqual({
      before: '{"CODIGO DE ERRO":',
      mark: ' ',
      after: '"404"}',
      atEnd: false,
    })
    expect(parts.text.received).toMatchObject({ before: '{"CODIGO DE ERRO":', mark: '"' })
    expect(parts.hex.expected).toMatchObject({ before: '… 52 4f 22 3a ', mark: '20', atEnd: false })
    expect(parts.hex.received).toMatchObject({ before: '… 52 4f 22 3a ', mark: '22' })
  })

  it('marks an escape whole, and the end of the shorter side', () => {
    const parts = diffParts(utf8('{}\n'), utf8('{}'), 2)
    expect(parts.text.expected).toMatchObject({ before: '{}', mark: '\\n', after: '' })
    expect(parts.text.received).toMatchObject({ before: '{}', mark: '', atEnd: true })
    expect(parts.hex.received).toMatchObject({ before: '7b 7d ', mark: '', atEnd: true })
  })

  it('marks a raw UTF-8 character as one, against its escape', () => {
    const parts = diffParts(utf8('"EXPLICA\\u00c7'), utf8('"EXPLICAÇ'), 8)
    expect(parts.text.expected.mark).toBe('\\')
    expect(parts.text.received).toMatchObject({ before: '"EXPLICA', mark: 'Ç', after: '' })
    expect(parts.hex.received.mark).toBe('c3')
  })
})
