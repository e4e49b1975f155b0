import { describe, expect, it } from 'vitest'
import { ScenarioRunner } from './scenario.ts'

// A runner with manual timers and a send log.
function setup(steps = ['a', 'b', 'c'], open = true) {
  const sent: string[] = []
  const timers = new Map<number, () => void>()
  let nextTimer = 1
  const runner = new ScenarioRunner(steps, {
    send: (text) => (open ? (sent.push(text), true) : false),
    timeoutMs: 100,
    setTimer: (cb) => {
      timers.set(nextTimer, cb)
      return nextTimer++
    },
    clearTimer: (h) => timers.delete(h as number),
  })
  const fireTimers = () => [...timers.entries()].forEach(([id, cb]) => (timers.delete(id), cb()))
  return { runner, sent, timers, fireTimers }
}

describe('ScenarioRunner', () => {
  it('runs all: sends the next request only after the previous answer', () => {
    const { runner, sent } = setup()
    runner.runAll()
    expect(sent).toEqual(['a'])
    runner.answered('404')
    expect(sent).toEqual(['a', 'b'])
    runner.answered('200')
    runner.answered('200')
    expect(sent).toEqual(['a', 'b', 'c'])
    expect(runner.getSnapshot()).toMatchObject({
      next: 3,
      running: false,
      results: [
        { kind: 'answered', code: '404' },
        { kind: 'answered', code: '200' },
        { kind: 'answered', code: '200' },
      ],
    })
  })

  it('moves on after a timeout when no answer comes', () => {
    const { runner, sent, fireTimers } = setup()
    runner.runAll()
    fireTimers()
    expect(sent).toEqual(['a', 'b'])
    expect(runner.getSnapshot().results[0]).toEqual({ kind: 'timeout' })
  })

  it('steps one at a time without waiting, pairing answers in order', () => {
    const { runner, sent, timers } = setup()
    runner.step()
    runner.step()
    expect(sent).toEqual(['a', 'b'])
    expect(timers.size).toBe(0)
    runner.answered(undefined)
    runner.answered('200')
    expect(runner.getSnapshot().results).toEqual([
      { kind: 'unreadable' },
      { kind: 'answered', code: '200' },
    ])
  })

  it('pauses after the step in flight, resumes, and resets', () => {
    const { runner, sent } = setup()
    runner.runAll()
    runner.pause()
    runner.answered('200')
    expect(sent).toEqual(['a'])
    expect(runner.getSnapshot()).toMatchObject({ next: 1, running: false })
    runner.runAll()
    expect(sent).toEqual(['a', 'b'])
    runner.reset()
    expect(runner.getSnapshot()).toEqual({
      next: 0,
      total: 3,
      running: false,
      results: [],
      blocked: false,
    })
  })

  it('stops and marks itself blocked when it cannot send', () => {
    const { runner } = setup(['a'], false)
    runner.runAll()
    expect(runner.getSnapshot()).toMatchObject({ running: false, blocked: true, next: 0 })
  })

  it('stops on disconnect; waiting steps get no answer', () => {
    const { runner } = setup()
    runner.runAll()
    runner.disconnected()
    expect(runner.getSnapshot()).toMatchObject({ running: false, results: [{ kind: 'timeout' }] })
  })

  it('starts over when run again after the end', () => {
    const { runner, sent } = setup(['a'])
    runner.runAll()
    runner.answered('200')
    runner.runAll()
    expect(sent).toEqual(['a', 'a'])
  })
})
