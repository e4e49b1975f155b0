// The soak's core for two seconds, so CI runs every kind of client; and a crash fails the run.
import { expect, test } from 'vitest'
import { formatSummary, runSoak, soakPassed } from './soak.ts'

test('two seconds of mixed load: answers exact, bad inputs refused, no crash, nothing left open', async () => {
  const summary = await runSoak({ seconds: 2 })
  expect(summary.wrongExamples).toEqual([])
  expect(summary.wrong).toBe(0)
  expect(summary.crashes).toEqual([])
  expect(summary.requests.tcp).toBeGreaterThan(100)
  expect(summary.requests.ws).toBeGreaterThan(100)
  expect(summary.bad.answered).toBeGreaterThan(5)
  expect(summary.opened.flood).toBeGreaterThan(50)
  expect(summary.leftOpen).toEqual({ server: 0, bridge: 0 })
  expect(summary.rss.server.peak).toBeGreaterThan(0)
  expect(summary.rss.bridge.peak).toBeGreaterThan(0)
  expect(soakPassed(summary)).toBe(true)
  expect(formatSummary(summary)).toMatch(/^wrong answers +0$/m)
}, 30_000)

test('a server that dies during the run is a crash, and the run fails', async () => {
  const summary = await runSoak({
    seconds: 10,
    onStarted: ({ server }) => setTimeout(() => server.process.kill('SIGKILL'), 500),
  })
  expect(summary.crashes).toEqual(['server exited (SIGKILL)'])
  expect(soakPassed(summary)).toBe(false)
  expect(formatSummary(summary)).toMatch(/^crashes +1: server exited \(SIGKILL\)$/m)
}, 30_000)
