import { describe, expect, it } from 'vitest'
import type { Framing } from '../../../shared/framing.ts'
import { FakeBridge } from '../../session/fake-socket.ts'
import { manualTimers } from '../../lib/fake-timers.ts'
import { ClientSession } from '../../session/client-session.ts'
import type { MessageEntry } from '../../log/entries.ts'
import { DEFAULT_SETTINGS, planFor, type Settings } from './framing-lab.ts'
import { FramingRun } from './framing-run.ts'

const NOT_REGISTERED =
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:eu@gmail.com"}'
const BAD = '{"CODIGO DE ERRO": "400", "EXPLICA\\u00c7\\u00c3O": "x"}'

function setup(framing: Framing, settings: Settings, ownServer = false) {
  const bridge = new FakeBridge()
  const session = new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
  const timers = manualTimers()
  const plan = planFor(framing, settings)
  const run = new FramingRun(session, {
    bridgeUrl: 'ws://127.0.0.1:8080/ws',
    target: '127.0.0.1:3213',
    plan,
    settleMs: 500,
    ownServer,
    ...timers,
  })
  run.start()
  return { bridge, session, timers, plan, run }
}

describe('FramingRun', () => {
  it('writes each piece as its own message, the delay apart, then waits for the answer', () => {
    const { bridge, timers, plan, run } = setup('json', { ...DEFAULT_SETTINGS, pieces: 3 })
    expect(run.getSnapshot().phase).toBe('connecting')
    bridge.accept()
    expect(bridge.sent).toEqual([plan.chunks[0]])
    expect(run.getSnapshot()).toMatchObject({ phase: 'sending', written: 1 })
    expect(timers.fire()).toBe(200)
    expect(timers.fire()).toBe(200)
    expect(bridge.sent).toEqual(plan.chunks)
    expect(run.getSnapshot().phase).toBe('waiting')
    bridge.data(NOT_REGISTERED)
    // json answers each message once: the one answer ends the run at once.
    expect(run.getSnapshot()).toMatchObject({ phase: 'done', codes: ['404'] })
    expect(bridge.closedBy?.code).toBe(1000)
  })

  it('logs where the message lies across the pieces', () => {
    const { bridge, timers, session } = setup('length', { ...DEFAULT_SETTINGS, pieces: 2 })
    bridge.accept()
    timers.fire()
    const sent = session.log
      .all()
      .filter((e): e is MessageEntry => e.kind === 'message' && e.dir === 'sent')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ chunks: [1, 2], view: { type: 'request' } })
  })

  it('on naive, waits for silence and counts one answer per read', () => {
    const { bridge, timers, run, session } = setup('naive', { ...DEFAULT_SETTINGS, pieces: 2 })
    bridge.accept()
    bridge.chunk(BAD)
    timers.fire()
    // Two answers in one read: naive sends bare JSON, so the page reads them as json.
    bridge.chunk(BAD + BAD)
    expect(run.getSnapshot()).toMatchObject({ phase: 'waiting', codes: ['400', '400', '400'] })
    expect(timers.size).toBe(1)
    expect(timers.fire()).toBe(500)
    expect(run.getSnapshot().phase).toBe('done')
    expect(session.log.all().some((e) => e.kind === 'event' && e.event.type === 'session')).toBe(
      true,
    )
  })

  it("on a student's own server, waits for silence whatever the framing", () => {
    const { bridge, timers, run } = setup('json', { ...DEFAULT_SETTINGS, pieces: 2 }, true)
    bridge.accept()
    bridge.chunk(BAD)
    timers.fire()
    expect(run.getSnapshot()).toMatchObject({ phase: 'waiting', codes: ['400'] })
    bridge.chunk(BAD)
    expect(run.getSnapshot()).toMatchObject({ phase: 'waiting', codes: ['400', '400'] })
    expect(timers.fire()).toBe(500)
    expect(run.getSnapshot().phase).toBe('done')
  })

  it('glues the copies into one write', () => {
    const { bridge, run } = setup('ndjson', { ...DEFAULT_SETTINGS, experiment: 'glue' })
    bridge.accept()
    expect(bridge.sent).toHaveLength(1)
    bridge.chunk(`${NOT_REGISTERED}\n${NOT_REGISTERED}\n`)
    expect(run.getSnapshot()).toMatchObject({ phase: 'done', codes: ['404', '404'] })
  })

  it('fails with the reason when the connection ends before every piece is written', () => {
    const { bridge, run } = setup('json', { ...DEFAULT_SETTINGS, pieces: 3 })
    bridge.accept()
    bridge.close(4001, 'reset')
    expect(run.getSnapshot()).toMatchObject({
      phase: 'failed',
      reason: { kind: 'closed', code: 4001 },
    })
  })

  it('stop() closes the connection and ignores what comes after', () => {
    const { bridge, run, timers } = setup('json', { ...DEFAULT_SETTINGS, pieces: 3 })
    bridge.accept()
    run.stop()
    expect(bridge.closedBy?.code).toBe(1000)
    expect(timers.size).toBe(0)
    expect(run.getSnapshot().phase).toBe('sending')
  })
})
