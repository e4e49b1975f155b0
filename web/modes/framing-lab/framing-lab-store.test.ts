import { describe, expect, it } from 'vitest'
import { manualTimers } from '../../lib/fake-timers.ts'
import { fakeBridges } from '../../session/fake-socket.ts'
import { targetOptions } from '../../targets/targets.ts'
import { DEFAULT_SETTINGS, labColumns, planFor } from './framing-lab.ts'
import { FramingLabStore } from './framing-lab-store.ts'

const OPTIONS = targetOptions({
  targets: [
    { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json' },
    { host: '127.0.0.1', from: 3216, to: 3216, framing: 'naive' },
    { host: '127.0.0.1', from: 4000, to: 4009 },
  ],
})
const ANSWER = '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "x"}'

function setup() {
  const { bridges, factory } = fakeBridges()
  const timers = manualTimers()
  const store = new FramingLabStore({ socket: factory, bridgeUrl: 'ws://b/ws', ...timers })
  return { bridges, timers, store }
}

describe('FramingLabStore', () => {
  it('runs one connection per column with the settings, each writing its plan', () => {
    const { bridges, store } = setup()
    const glue = { ...DEFAULT_SETTINGS, experiment: 'glue' as const, copies: 3 }
    store.setSettings(glue)
    const columns = labColumns(OPTIONS, undefined, new Map())
    expect(columns.map((c) => c.id)).toEqual(['127.0.0.1:3213', '127.0.0.1:3216'])
    store.run(columns)
    expect(bridges.map((b) => b.urls[0])).toEqual([
      'ws://b/ws?target=127.0.0.1%3A3213',
      'ws://b/ws?target=127.0.0.1%3A3216',
    ])
    bridges[0]!.accept('127.0.0.1:3213')
    expect(bridges[0]!.sent).toEqual(planFor('json', glue).chunks)
    const run = store.getSnapshot().runs['127.0.0.1:3213']!
    bridges[0]!.chunk(ANSWER.repeat(3))
    expect(run.getSnapshot()).toMatchObject({ phase: 'done', codes: ['404', '404', '404'] })
    // A finished run closes its own connection.
    expect(bridges[0]!.closedBy).toEqual({ code: 1000, reason: 'page closed' })
  })

  it('keeps what was chosen, and a new run stops the runs before it', () => {
    const { bridges, store } = setup()
    const own = new Map([
      ['127.0.0.1:4000-4009', { on: true, port: '4003', framing: 'ndjson' as const }],
    ])
    store.setPicked(['127.0.0.1:3216'])
    store.setPicks(own)
    const state = store.getSnapshot()
    expect(state).toMatchObject({ picked: ['127.0.0.1:3216'], picks: own })
    const columns = labColumns(OPTIONS, state.picked, state.picks)
    expect(columns.map((c) => c.target)).toEqual(['127.0.0.1:3216', '127.0.0.1:4003'])
    store.run(columns)
    const first = store.getSnapshot().runs
    store.run(columns)
    expect(bridges).toHaveLength(4)
    expect(bridges[0]!.closedBy?.code).toBe(1000)
    expect(bridges[1]!.closedBy?.code).toBe(1000)
    expect(bridges[2]!.closedBy).toBeUndefined()
    expect(store.getSnapshot().runs).not.toBe(first)
    expect(Object.keys(store.getSnapshot().runs)).toEqual([
      '127.0.0.1:3216',
      'own ndjson 127.0.0.1:4003',
    ])
  })
})
