// The suite against Python servers: a lesson-style student's, and a complete one with one deliberate mistake each.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { Framing } from '../shared/framing.ts'
import { runSuite, type RunOptions } from '../shared/conformance/runner.ts'
import type { CaseResult, FindingKind, RunReport } from '../shared/conformance/types.ts'
import { startPython, type PythonServer } from './python-server.ts'
import { LESSON_ALL_PASSED, failures } from './test-report.ts'
import { tcpTransport } from './tcp.ts'

/**
 * Runs the suite against 127.0.0.1:port. The timeout is short because some cases must time out; the
 * split pause is long so that a Python thread on a busy machine reads the first part on its own.
 */
const check = (port: number, framing: Framing, more: Partial<RunOptions> = {}) =>
  runSuite({
    transport: tcpTransport('127.0.0.1', port),
    framing,
    timeoutMs: 1000,
    splitDelayMs: 300,
    ...more,
  })
const ids = (report: RunReport, status: CaseResult['status']) =>
  report.cases.filter((c) => c.status === status).map((c) => c.id)
const kindsOf = (report: RunReport, id: string) =>
  report.cases.find((c) => c.id === id)?.failure?.findings.map((f) => f.kind)

// What the lesson's own server gets wrong beyond its level, each one a deviation of PROTOCOL.md.
const LESSON_BUGS = [
  'rename-onto-registered',
  'rename-same',
  'email-not-string',
  'campo-not-string',
  'valor-not-string',
  'bad-invalid-json',
  'bad-invalid-utf8',
  'bad-not-object',
]

describe("student.py, written as the lesson's students would", () => {
  let student: PythonServer | undefined
  afterEach(async () => {
    await student?.stop()
    student = undefined
  })
  const start = async (...args: string[]) => {
    student = await startPython('student.py', ['0', ...args], ['student'])
    return student.ports.student!
  }

  test('naive: the lesson level passes; beyond it, exactly the lesson server’s bugs fail, each named', async () => {
    const report = await check(await start(), 'naive')
    expect(report.tallies.lesson).toEqual(LESSON_ALL_PASSED)
    expect(ids(report, 'fail')).toEqual(LESSON_BUGS)
    expect(ids(report, 'not-applicable')).toEqual([
      'framing-split',
      'framing-glued',
      'bad-oversize',
    ])
    expect(report.stopped).toBeUndefined()
    expect(kindsOf(report, 'rename-onto-registered')).toEqual(['wrong-code', 'wrong-text'])
    expect(kindsOf(report, 'campo-not-string')).toEqual(['wrong-text'])
    expect(kindsOf(report, 'bad-invalid-json')).toEqual(['crash-bad-input'])
    expect(kindsOf(report, 'bad-not-object')).toEqual(['wrong-code'])
  })

  test('json: without framing, a split or glued message and an oversize one break it too', async () => {
    const report = await check(await start(), 'json')
    expect(report.tallies.lesson.passed).toBe(23)
    expect(ids(report, 'fail')).toEqual([
      ...LESSON_BUGS.slice(0, 5),
      'framing-split',
      'framing-glued',
      ...LESSON_BUGS.slice(5),
      'bad-oversize',
    ])
    expect(kindsOf(report, 'framing-split')).toEqual(['split-read', 'closed'])
    expect(kindsOf(report, 'framing-glued')).toEqual(['glued-read', 'closed'])
  })

  test('--um-cliente, one client as in the lesson: its level passes on one connection, then the run stops', async () => {
    const report = await check(await start('--um-cliente'), 'naive')
    expect(report.tallies.lesson.passed).toBe(23)
    expect(kindsOf(report, 'clients-at-once')).toEqual(['one-client', 'no-answer'])
    expect(report.stopped).toMatchObject({ kind: 'refusing', afterCase: 'clients-at-once' })
    expect(ids(report, 'not-run')).toContain('bad-invalid-json')
  })

  test('--um-cliente: invalid JSON kills the process, and the report asks so', async () => {
    const report = await check(await start('--um-cliente'), 'naive', {
      only: ['bad-invalid-json', 'bad-not-object'],
    })
    expect(report.stopped?.text.en).toBe(
      'the server stopped answering after case 1 (bad-invalid-json): did it crash on invalid JSON ({not json})?',
    )
    expect(ids(report, 'not-run')).toEqual(['bad-not-object'])
  })
})

describe('framed.py: a complete server over ndjson, then one deliberate mistake at a time', () => {
  // One process serves every variant on its own port: Python's start-up, not the runs, is what
  // costs time here (over a second on a busy machine, against a few hundred ms per run).
  let framed: PythonServer
  beforeAll(async () => {
    framed = await startPython('framed.py', ['--each'], ['correct', 'no-framing'])
  })
  afterAll(() => framed.stop())
  const port = (name: string) => framed.ports[name]!

  test('without a mistake, every case passes', async () => {
    const report = await check(port('correct'), 'ndjson')
    expect(failures(report)).toEqual([])
    expect(report.tallies.beyond.passed).toBe(13)
  })

  // Each mistake, the cases it must fail (all: every case), and the finding that names it there.
  const MISTAKES: [string, 'all' | string[], FindingKind][] = [
    ['compact', 'all', 'compact-separators'],
    ['raw-utf8', 'all', 'raw-utf8'],
    ['uppercase-hex', 'all', 'uppercase-hex'],
    ['key-order', 'all', 'key-order'],
    ['crash-on-invalid-json', ['bad-invalid-json'], 'crash-bad-input'],
    ['one-client', ['clients-at-once'], 'one-client'],
  ]
  test.each(MISTAKES)(
    '--mistake %s is named in every case it breaks',
    async (mistake, cases, kind) => {
      const report = await check(port(mistake), 'ndjson')
      const failed = ids(report, 'fail')
      expect(failed).toEqual(cases === 'all' ? report.cases.map((c) => c.id) : cases)
      for (const id of failed) expect(kindsOf(report, id), id).toContain(kind)
      expect(report.stopped).toBeUndefined()
    },
  )

  test('--mistake wrong-code: 201 for a created user, where the lesson says 200', async () => {
    const report = await check(port('wrong-code'), 'ndjson')
    const check6a = report.cases.find((c) => c.id === 'check-6a')!
    expect(check6a.failure?.findings.map((f) => f.text.en)).toEqual(['expected code 200, got 201'])
    for (const id of ids(report, 'fail')) expect(kindsOf(report, id), id).toContain('wrong-code')
    // Cases that never create a user are right.
    expect(ids(report, 'pass')).toContain('check-1')
  })

  test('--mistake exit-on-invalid-json: the whole server dies, and the run stops saying so', async () => {
    const exiting = await startPython(
      'framed.py',
      ['--mistake', 'exit-on-invalid-json'],
      ['framed'],
    )
    try {
      const report = await check(exiting.ports.framed!, 'ndjson', {
        only: ['check-1', 'bad-invalid-json', 'bad-not-object'],
      })
      expect(ids(report, 'pass')).toEqual(['check-1'])
      expect(kindsOf(report, 'bad-invalid-json')).toEqual(['crash-bad-input'])
      expect(report.stopped?.text.en).toBe(
        'the server stopped answering after case 2 (bad-invalid-json): did it crash on invalid JSON ({not json})?',
      )
      expect(ids(report, 'not-run')).toEqual(['bad-not-object'])
    } finally {
      await exiting.stop()
    }
  })

  test('--mistake no-framing: a split and a glued message are named for what they are', async () => {
    const report = await check(port('no-framing'), 'ndjson')
    expect(ids(report, 'fail')).toEqual(['framing-split', 'framing-glued', 'bad-oversize'])
    expect(kindsOf(report, 'framing-split')).toContain('split-read')
    expect(kindsOf(report, 'framing-split')).toContain('early-answer')
    expect(kindsOf(report, 'framing-glued')![0]).toBe('glued-read')
    expect(report.tallies.lesson.passed).toBe(23)
  })
})
