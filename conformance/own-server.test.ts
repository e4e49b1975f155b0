// The suite against the project's own server, over real TCP: every case passes, every framing, both code modes.
import { describe, expect, test } from 'vitest'
import { FRAMINGS } from '../shared/framing.ts'
import { CODE_MODES } from '../shared/protocol.ts'
import { runSuite } from '../shared/conformance/runner.ts'
import { useTestServer } from '../server/test-server.ts'
import { LESSON_ALL_PASSED, failures } from './test-report.ts'
import { tcpTransport } from './tcp.ts'

describe.each(CODE_MODES)('the project server with --codes %s', (codes) => {
  const harness = useTestServer()

  test.each(FRAMINGS)(
    '%s: every case passes (naive: those that need framing do not apply)',
    async (framing) => {
      const server = await harness.start({ codes })
      const report = await runSuite({
        transport: tcpTransport('127.0.0.1', server.ports[framing]),
        framing,
        codes,
      })
      expect(failures(report)).toEqual([])
      expect(report.stopped).toBeUndefined()
      expect(report.codes).toEqual({ mode: codes, source: 'asked' })
      expect(report.tallies.lesson).toEqual(LESSON_ALL_PASSED)
      const na = report.cases.filter((c) => c.status === 'not-applicable').map((c) => c.id)
      expect(na).toEqual(
        framing === 'naive' ? ['framing-split', 'framing-glued', 'bad-oversize'] : [],
      )
      expect(report.tallies.beyond.passed).toBe(13 - na.length)
    },
  )

  test('codes auto: detected from the first refusal that tells the modes apart', async () => {
    const server = await harness.start({ codes })
    const report = await runSuite({
      transport: tcpTransport('127.0.0.1', server.ports.json),
      level: 'lesson',
    })
    expect(report.codes).toEqual({ mode: codes, source: 'detected', from: 'check-1' })
    expect(failures(report)).toEqual([])
  })
})

describe('re-runs', () => {
  const harness = useTestServer()

  test("the scenario runs again on the same server (it removes its users), and with the run's own emails", async () => {
    const server = await harness.start()
    const transport = tcpTransport('127.0.0.1', server.ports.ndjson)
    for (const scenarioEmails of ['lesson', 'lesson', 'unique'] as const) {
      const report = await runSuite({
        transport,
        framing: 'ndjson',
        only: ['scenario'],
        scenarioEmails,
      })
      expect(failures(report)).toEqual([])
    }
    expect(server.registry.size).toBe(0)
  })
})
