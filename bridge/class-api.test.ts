// The teacher's stream paces itself: never faster than the screen reads, never a large share of the time.
import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClassApi, streamInterval } from './class-api.ts'
import type { ClassMonitor } from './class-monitor.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A teacher's screen as the API sees it: what was written, and whether its buffer is full. */
class Screen extends EventEmitter {
  writableNeedDrain = false
  readonly writes: string[] = []
  writeHead() {
    return this
  }
  setHeader() {}
  write(chunk: string) {
    this.writes.push(chunk)
    return !this.writableNeedDrain
  }
  get snapshots() {
    return this.writes.filter((w) => w.startsWith('event: snapshot')).map((w) => w.slice(22, -2))
  }
}

/** A class whose snapshot is a counter, and a way to say it changed. */
function fakeClass() {
  let version = 0
  const listeners = new Set<() => void>()
  const monitor: Pick<ClassMonitor, 'subscribe' | 'snapshotJson'> = {
    subscribe: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    snapshotJson: () => `{"v":${version}}`,
  }
  return {
    monitor: monitor as ClassMonitor,
    change: () => {
      version++
      for (const l of listeners) l()
    },
  }
}

function open(monitor: ClassMonitor): Screen {
  const screen = new Screen()
  const req = { headers: {}, socket: { setTimeout() {} } } as unknown as IncomingMessage
  const url = new URL('http://bridge/api/class/events?key=k3y')
  expect(createClassApi(monitor, 'k3y')(req, screen as unknown as ServerResponse, url)).toBe(true)
  return screen
}

describe('the class stream', () => {
  it('sends a snapshot at once, then the newest at most every 500 ms', () => {
    const { monitor, change } = fakeClass()
    const screen = open(monitor)
    expect(screen.snapshots).toEqual(['{"v":0}'])
    for (let i = 0; i < 10; i++) change()
    vi.advanceTimersByTime(499)
    expect(screen.snapshots).toEqual(['{"v":0}'])
    vi.advanceTimersByTime(1)
    expect(screen.snapshots).toEqual(['{"v":0}', '{"v":10}'])
    screen.emit('close')
  })

  it('waits for a screen that has not read the last snapshot, then sends only the newest', () => {
    const { monitor, change } = fakeClass()
    const screen = open(monitor)
    screen.writableNeedDrain = true
    for (let round = 0; round < 20; round++) {
      change()
      vi.advanceTimersByTime(500)
    }
    // Nothing is written while the screen's buffer is full, however many changes come.
    expect(screen.snapshots).toEqual(['{"v":0}'])
    screen.writableNeedDrain = false
    screen.emit('drain')
    vi.advanceTimersByTime(500)
    expect(screen.snapshots).toEqual(['{"v":0}', '{"v":20}'])
    // Nothing changed since: nothing more is sent.
    vi.advanceTimersByTime(5_000)
    expect(screen.snapshots).toHaveLength(2)
    screen.emit('close')
  })

  it('spaces snapshots that are costly to build so they take at most 2% of the time', () => {
    expect(streamInterval(0)).toBe(500)
    expect(streamInterval(10)).toBe(500)
    expect(streamInterval(15)).toBe(750)
    expect(streamInterval(100)).toBe(5_000)
  })
})
