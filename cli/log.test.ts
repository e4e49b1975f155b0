import { afterEach, describe, expect, test, vi } from 'vitest'
import { createFaultReporter } from './log.ts'

const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })

describe('createFaultReporter', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  test('says the first fault at once, then one summary per period, then at once again', () => {
    vi.useFakeTimers()
    const lines: string[] = []
    const report = createFaultReporter((l) => lines.push(l), 10_000)
    report(full())
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^server: a message failed inside the server: SQLITE_FULL: database or disk is full\. It was answered 500/,
    )
    expect(lines[0]).toContain('check that the disk has room')
    for (let i = 0; i < 3; i++) report(new Error(`boom ${i}`))
    expect(lines).toHaveLength(1)
    vi.advanceTimersByTime(10_000)
    expect(lines[1]).toBe('server: 3 more message(s) failed the same way (latest: boom 2)')
    vi.advanceTimersByTime(60_000)
    expect(lines).toHaveLength(2)
    report(full())
    expect(lines).toHaveLength(3)
    expect(lines[2]).toMatch(/^server: a message failed inside the server/)
  })

  test('a lone fault is not followed by an empty summary', () => {
    vi.useFakeTimers()
    const lines: string[] = []
    createFaultReporter((l) => lines.push(l), 1000)(full())
    vi.advanceTimersByTime(5000)
    expect(lines).toHaveLength(1)
  })
})
