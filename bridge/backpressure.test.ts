// Backpressure both ways: a side that stops reading throttles the other, the bridge's memory stays bounded.
import type net from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CLOSE } from '../shared/bridge-protocol.ts'
import {
  PatternChecker,
  changed,
  cleanup,
  eventually,
  patternBlock,
  startTarget,
  startTestBridge,
  wsUrl,
} from './test-helpers.ts'

afterEach(cleanup)

const TOTAL = 256 << 20
const BLOCK = 1 << 16
// What the bridge may hold for one connection; its own marks are 1 MiB (to the page) and one
// message plus the socket's 16 KiB (to the target). The kernel's socket buffers come on top.
const BOUND = 16 << 20

/**
 * Samples `bridge.buffered` until `progress()` has not moved for `quietMs`; returns the largest sample.
 * Polled on purpose: a stall is the absence of events, so only a clock can tell it.
 */
async function untilStalled(
  progress: () => number,
  held: () => number,
  quietMs = 300,
): Promise<number> {
  let max = 0
  let last = -1
  let since = Date.now()
  for (;;) {
    max = Math.max(max, held())
    const now = progress()
    if (now !== last) {
      last = now
      since = Date.now()
    } else if (now > 0 && Date.now() - since > quietMs) return max
    await new Promise((r) => setTimeout(r, 10))
  }
}

function openRaw(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 })
  ws.on('error', () => {})
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

it('holds little for a client that stops reading, then delivers every byte in order', async () => {
  let pushed = 0
  const target = await startTarget((s) => {
    let i = 0
    const pump = () => {
      while (pushed < TOTAL) {
        pushed += BLOCK
        if (!s.write(patternBlock(i++))) return void s.once('drain', pump)
      }
      s.end()
    }
    pump()
  })
  const bridge = await startTestBridge({ targets: [target] })
  const ws = await openRaw(wsUrl(bridge, target.port, '/'))
  ws.pause()
  const checker = new PatternChecker()
  let intact = true
  let maxAfter = 0
  ws.on('message', (data: Buffer) => {
    if (!checker.push(data)) intact = false
    // Once resumed, what the bridge holds is sampled at every arrival.
    if (!ws.isPaused) maxAfter = Math.max(maxAfter, bridge.buffered)
    changed()
  })
  const closed = new Promise<number>((resolve) => ws.once('close', resolve))

  const held = await untilStalled(
    () => pushed,
    () => bridge.buffered,
  )
  expect(held).toBeLessThan(BOUND)
  // The producer was throttled: it could only fill the socket buffers on the way.
  expect(pushed).toBeLessThan(64 << 20)

  ws.resume()
  await eventually(() => checker.received === TOTAL || !intact, 30_000, 'every byte back')
  expect(intact).toBe(true)
  expect(maxAfter).toBeLessThan(BOUND)
  expect(await closed).toBe(CLOSE.TARGET_CLOSED)
}, 40_000)

it('holds little for a target that stops reading, then delivers every byte in order', async () => {
  let targetSocket: net.Socket | undefined
  const target = await startTarget((s) => {
    s.pause()
    targetSocket = s
  })
  const bridge = await startTestBridge({ targets: [target] })
  const ws = await openRaw(wsUrl(bridge, target.port, '/'))
  let sent = 0
  let i = 0
  // The client keeps at most 4 MiB in its own send buffer, as bridgebench does, topping it up each
  // time a block leaves it.
  const pump = () => {
    while (sent < TOTAL && ws.bufferedAmount < 4 << 20 && ws.readyState === WebSocket.OPEN) {
      ws.send(patternBlock(i++), pump)
      sent += BLOCK
    }
  }
  pump()

  const accepted = () => sent - ws.bufferedAmount
  const held = await untilStalled(accepted, () => bridge.buffered)
  expect(held).toBeLessThan(BOUND)
  expect(accepted()).toBeLessThan(64 << 20)

  const checker = new PatternChecker()
  let intact = true
  let maxAfter = 0
  const socket = targetSocket!
  socket.on('data', (chunk: Buffer) => {
    if (!checker.push(chunk)) intact = false
    maxAfter = Math.max(maxAfter, bridge.buffered)
    changed()
  })
  socket.resume()
  await eventually(() => checker.received === TOTAL || !intact, 30_000, 'every byte through')
  expect(intact).toBe(true)
  expect(maxAfter).toBeLessThan(BOUND)
  ws.close()
}, 40_000)
