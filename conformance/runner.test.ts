// The runner against an in-memory server: verdicts, the stop after a crash, codes, re-runs, events.
import { describe, expect, test } from 'vitest'
import { parseMessage } from '../shared/codec.ts'
import { runSuite, type RunOptions } from '../shared/conformance/runner.ts'
import { SUITE } from '../shared/conformance/suite.ts'
import { allPassed, mergeRerun } from '../shared/conformance/tally.ts'
import type { RunEvent } from '../shared/conformance/types.ts'
import { memoryTransport, type MemoryServerOptions } from './memory-transport.ts'

const run = (server: MemoryServerOptions, more: Partial<RunOptions> = {}) =>
  runSuite({
    transport: memoryTransport(server),
    framing: server.framing,
    splitDelayMs: 0,
    runId: 'test1',
    ...more,
  })
const ids = (cases: { id: string }[]) => cases.map((c) => c.id)

describe('runSuite', () => {
  test('a correct server passes every case, with codes detected from the first telling refusal', async () => {
    const report = await run({ framing: 'ndjson' })
    expect(report.cases.filter((c) => c.status !== 'pass')).toEqual([])
    expect(report.codes).toEqual({ mode: 'lesson', source: 'detected', from: 'check-1' })
    expect(report.tallies.lesson).toMatchObject({ passed: 23, total: 23 })
    expect(report.tallies.beyond).toMatchObject({ passed: 13, total: 13 })
    expect(ids(report.cases)).toEqual(ids([...SUITE]))
    expect(allPassed(report)).toBe(true)
  })

  test('precise HTTP codes are detected, and judged by', async () => {
    const report = await run({ framing: 'json', codes: 'http' })
    expect(report.codes).toEqual({ mode: 'http', source: 'detected', from: 'check-1' })
    expect(allPassed(report)).toBe(true)
  })

  test('codes asked for are kept, and a server using the other ones is told so', async () => {
    const report = await run(
      { framing: 'json', codes: 'http' },
      { codes: 'lesson', level: 'lesson' },
    )
    expect(report.codes).toEqual({ mode: 'lesson', source: 'asked' })
    const check1 = report.cases.find((c) => c.id === 'check-1')!
    expect(check1.status).toBe('fail')
    expect(check1.failure!.findings.map((f) => f.kind)).toEqual(['wrong-code', 'codes-mode'])
    // Rows that answer 200 or 404 in both modes still pass.
    expect(report.cases.find((c) => c.id === 'scenario')!.status).toBe('pass')
  })

  test('the lesson level alone', async () => {
    const report = await run({ framing: 'json' }, { level: 'lesson' })
    expect(report.cases.every((c) => c.level === 'lesson')).toBe(true)
    expect(report.tallies.beyond.total).toBe(0)
  })

  test('a server that dies on invalid JSON stops the run with that explanation, the rest not run', async () => {
    const notJson = (body: Uint8Array) => !parseMessage(body).ok
    const report = await run({ framing: 'json', crashOn: notJson })
    const at = report.cases.findIndex((c) => c.id === 'bad-invalid-json')
    expect(report.cases.slice(0, at).every((c) => c.status === 'pass')).toBe(true)
    const crashed = report.cases[at]!
    expect(crashed.status).toBe('fail')
    expect(crashed.failure!.findings.map((f) => f.kind)).toEqual(['crash-bad-input'])
    expect(report.cases.slice(at + 1).map((c) => c.status)).toEqual([
      'not-run',
      'not-run',
      'not-run',
    ])
    expect(report.stopped).toEqual({
      kind: 'crashed',
      afterCase: 'bad-invalid-json',
      afterIndex: at + 1,
      text: {
        pt: `o servidor parou de responder depois do caso ${at + 1} (bad-invalid-json): ele caiu com JSON inválido ({not json})?`,
        en: `the server stopped answering after case ${at + 1} (bad-invalid-json): did it crash on invalid JSON ({not json})?`,
      },
    })
    expect(report.tallies.beyond).toMatchObject({ failed: 1, notRun: 3 })
    expect(allPassed(report)).toBe(false)
  })

  test('no server: cannot connect, nothing run', async () => {
    const report = await run({ framing: 'json', refuse: true })
    expect(report.stopped?.kind).toBe('cannot-connect')
    expect(report.stopped?.text.en).toBe(
      'cannot connect to memory:0 (refused: ECONNREFUSED): is the server running, on this port?',
    )
    expect(report.cases.every((c) => c.status === 'not-run')).toBe(true)
  })

  test('naive framing: the cases that need framing are not applicable, with why', async () => {
    const report = await run({ framing: 'naive' })
    const na = report.cases.filter((c) => c.status === 'not-applicable')
    expect(ids(na)).toEqual(['framing-split', 'framing-glued', 'bad-oversize'])
    expect(na[0]!.why?.en).toMatch(/^On naive each read/)
    expect(report.tallies.beyond).toMatchObject({ passed: 10, notApplicable: 3, total: 13 })
  })

  test('a re-run of one case replaces its result', async () => {
    const transport = memoryTransport({ framing: 'json', codes: 'http' })
    const first = await runSuite({ transport, codes: 'lesson', level: 'lesson', runId: 'r1' })
    expect(first.tallies.lesson.failed).toBeGreaterThan(0)
    const again = await runSuite({ transport, codes: 'http', only: ['check-1'], runId: 'r2' })
    expect(ids(again.cases)).toEqual(['check-1'])
    const merged = mergeRerun(first, again)
    expect(merged.cases.find((c) => c.id === 'check-1')!.status).toBe('pass')
    expect(merged.tallies.lesson.passed).toBe(first.tallies.lesson.passed + 1)
  })

  test('events: start, then each case with its steps and io, then end; abort stops between cases', async () => {
    const events: RunEvent[] = []
    const controller = new AbortController()
    const report = await run(
      { framing: 'length' },
      {
        signal: controller.signal,
        onEvent: (e) => {
          events.push(e)
          if (e.type === 'case-end' && e.result.id === 'check-1') controller.abort()
        },
      },
    )
    expect(events[0]).toMatchObject({ type: 'start' })
    expect(events.at(-1)).toMatchObject({ type: 'end', report })
    const first = events.findIndex((e) => e.type === 'case-start')
    expect(events[first]).toEqual({ type: 'case-start', id: 'scenario', index: 0 })
    const steps = events.filter((e) => e.type === 'step' && e.caseId === 'scenario')
    expect(steps).toHaveLength(10)
    expect(events.some((e) => e.type === 'io' && e.caseId === 'scenario' && e.dir === 'in')).toBe(
      true,
    )
    expect(events.some((e) => e.type === 'codes')).toBe(true)
    expect(report.stopped?.kind).toBe('aborted')
    expect(ids(report.cases.filter((c) => c.status !== 'not-run'))).toEqual(['scenario', 'check-1'])
  })
})
