import { describe, expect, it } from 'vitest'
import { dumpsBytes, parseMessage } from '../../../shared/codec.ts'
import { FakeClock } from '../../../shared/conformance/fake-clock.ts'
import { createDecoder, encodeFrame } from '../../../shared/framing.ts'
import { CODE, EXPLANATION, SERVICE, TEXT } from '../../../shared/protocol.ts'
import type { SocketFactory } from '../../session/connection.ts'
import { FakeBridge } from '../../session/fake-socket.ts'
import { CheckStore, type CheckState } from './check-store.ts'
import { rowsOf } from './check-view.ts'

const TARGET = '127.0.0.1:3214'
const NO_BYTES = { toTarget: 0, fromTarget: 0 }
/** Row 1's refusal, byte for byte as json.dumps writes it: the one answer this fake server knows. */
const MISSING_SERVICE = dumpsBytes({ [CODE]: '404', [EXPLANATION]: TEXT.missing(SERVICE) })

type Answer = (body: Uint8Array) => Uint8Array | 'crash'

/**
 * A bridge in front of a tiny ndjson server: `answer` decides each reply ('crash' kills the server:
 * every connection gets a FIN, every later connect is refused). Replies come a turn later, one byte
 * per WebSocket message, as a real bridge may deliver them.
 */
function fakeServer(initial: Answer) {
  const server = { answer: initial, dead: false, sockets: 0 }
  const live = new Set<FakeBridge>()
  const later = (f: () => void) => void Promise.resolve().then(f)
  const factory: SocketFactory = (url, on) => {
    const bridge = new FakeBridge()
    const socket = bridge.factory(url, on)
    const decoder = createDecoder('ndjson')
    server.sockets++
    later(() => {
      if (!server.dead) {
        live.add(bridge)
        return bridge.accept(TARGET)
      }
      bridge.open()
      bridge.event({ type: 'error', at: 1, code: 'ECONNREFUSED', message: 'refused' })
      bridge.end(4002, 'cannot connect', NO_BYTES)
    })
    const onBytes = (data: Uint8Array) => {
      for (const event of decoder.push(data)) {
        if (!live.has(bridge) || event.type !== 'message') continue
        const reply = server.answer(event.body)
        if (reply !== 'crash') {
          later(() => live.has(bridge) && bridge.data(encodeFrame('ndjson', reply)))
          continue
        }
        server.dead = true
        for (const each of live) {
          later(() => {
            each.event({ type: 'fin', at: 2, bytes: NO_BYTES })
            each.end(4000, 'target closed the connection', NO_BYTES)
          })
        }
        live.clear()
      }
    }
    return {
      send: (data) => {
        socket.send(data)
        onBytes(data)
      },
      close: (code, reason) => {
        live.delete(bridge)
        socket.close(code, reason)
      },
    }
  }
  return { server, factory }
}

function setup(answer: Answer = () => MISSING_SERVICE) {
  const { server, factory } = fakeServer(answer)
  const clock = new FakeClock()
  const store = new CheckStore({
    socket: factory,
    bridgeUrl: 'ws://127.0.0.1:8080/ws',
    clock,
    runId: () => 'run01',
  })
  const seen: CheckState[] = []
  store.subscribe(() => seen.push(store.getSnapshot()))
  // Moves the fake clock until the run has ended (every wait in a run is bounded by a timeout).
  const finish = async () => {
    for (let i = 0; i < 10_000 && store.running; i++) await clock.advance(50)
    expect(store.running).toBe(false)
    return store.getSnapshot().report!
  }
  return { server, store, seen, finish }
}

const status = (state: CheckState, id: string) =>
  state.report?.cases.find((c) => c.id === id)?.status

describe('CheckStore', () => {
  it('runs the lesson level over the bridge: queued, running, then each verdict', async () => {
    const { store, seen, finish } = setup()
    expect(rowsOf(store.getSnapshot()).every((r) => r.status === 'idle')).toBe(true)
    expect(store.run(TARGET, 'ndjson')).toBe(true)
    expect(store.run(TARGET, 'ndjson')).toBe(false)
    const first = rowsOf(store.getSnapshot())
    expect(first.every((r) => r.status === 'queued')).toBe(true)
    const report = await finish()

    expect(seen.some((s) => rowsOf(s).some((r) => r.status === 'running'))).toBe(true)
    expect(report).toMatchObject({ target: TARGET, framing: 'ndjson', level: 'lesson' })
    expect(report.codes).toEqual({ mode: 'lesson', source: 'detected', from: 'check-1' })
    expect(status(store.getSnapshot(), 'check-1')).toBe('pass')
    const scenario = report.cases.find((c) => c.id === 'scenario')!
    expect(scenario.status).toBe('fail')
    expect(scenario.failure!.findings[0]!.text.en).toMatch(/^the EXPLICAÇÃO should be/)
    expect(report.tallies.lesson).toMatchObject({ passed: 1, total: first.length })
    expect(store.getSnapshot().live).toBeUndefined()
  })

  it('re-runs one case against the report`s server and merges it, keeping detected codes', async () => {
    const { server, store, finish } = setup()
    store.run(TARGET, 'ndjson')
    const before = await finish()
    // The student "breaks" row 1: compact separators.
    server.answer = () => new TextEncoder().encode(`{"${CODE}":"404"}`)
    expect(store.rerun(['check-1'])).toBe(true)
    expect(rowsOf(store.getSnapshot()).find((r) => r.id === 'check-1')!.status).toBe('queued')
    const after = await finish()
    expect(after.cases.map((c) => c.id)).toEqual(before.cases.map((c) => c.id))
    expect(status(store.getSnapshot(), 'check-1')).toBe('fail')
    expect(after.cases.find((c) => c.id === 'scenario')).toBe(
      before.cases.find((c) => c.id === 'scenario'),
    )
    expect(after.tallies.lesson.passed).toBe(before.tallies.lesson.passed - 1)
    expect(after.codes).toEqual(before.codes)
    expect(store.getSnapshot().rerun).toBe(1)
  })

  it('re-runs the failed and unrun cases only, leaving the passed ones as they were', async () => {
    const { store, finish } = setup()
    store.run(TARGET, 'ndjson')
    const before = await finish()
    store.rerunFailed()
    const live = store.getSnapshot().live!
    expect(live.ids).toEqual(before.cases.filter((c) => c.status === 'fail').map((c) => c.id))
    expect(live.ids).not.toContain('check-1')
    const after = await finish()
    expect(after.cases.find((c) => c.id === 'check-1')).toBe(
      before.cases.find((c) => c.id === 'check-1'),
    )
    expect(after.cases.find((c) => c.id === 'scenario')).not.toBe(
      before.cases.find((c) => c.id === 'scenario'),
    )
  })

  it('stops between cases when asked: the rest not run, and the stop said', async () => {
    const { store, seen, finish } = setup()
    store.run(TARGET, 'ndjson')
    // Stop as soon as the first case has its verdict.
    const unsubscribe = store.subscribe(() => {
      if ((store.getSnapshot().live?.done.length ?? 0) > 0) store.stop()
    })
    const report = await finish()
    unsubscribe()
    expect(seen.some((s) => s.live?.stopping)).toBe(true)
    expect(report.stopped).toMatchObject({ kind: 'aborted', text: { en: 'the run was stopped' } })
    expect(report.cases[0]!.status).not.toBe('not-run')
    expect(report.cases.slice(2).every((c) => c.status === 'not-run')).toBe(true)
  })

  it('stops with the crash sentence when the server dies on invalid JSON, the later cases not run', async () => {
    const { store, finish } = setup((body) => (parseMessage(body).ok ? MISSING_SERVICE : 'crash'))
    store.setSettings({ level: 'all' })
    store.run(TARGET, 'ndjson')
    const report = await finish()
    const at = report.cases.findIndex((c) => c.id === 'bad-invalid-json')
    expect(report.cases[at]!.failure!.findings.map((f) => f.kind)).toEqual(['crash-bad-input'])
    expect(report.stopped).toMatchObject({ kind: 'crashed', afterCase: 'bad-invalid-json' })
    expect(report.stopped!.text.en).toMatch(/did it crash on invalid JSON/)
    expect(report.cases.slice(at + 1).map((c) => c.status)).toEqual([
      'not-run',
      'not-run',
      'not-run',
    ])
    // A re-run of a case the stop left unrun meets the dead server, and says it cannot connect.
    expect(store.rerun(['bad-not-object'])).toBe(true)
    const again = await finish()
    expect(again.stopped!.kind).toBe('cannot-connect')
    expect(again.stopped!.text.en).toMatch(
      /^cannot connect to 127\.0\.0\.1:3214 \(refused: ECONNREFUSED\)/,
    )
  })
})
