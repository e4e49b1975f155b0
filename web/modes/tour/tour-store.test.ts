import { describe, expect, it } from 'vitest'
import { fakeBridges } from '../../session/fake-socket.ts'
import type { TourRun, TourRunState, TourTargets } from './tour-run.ts'
import { TourStore } from './tour-store.ts'

const DATA = { email: 'aluno-abc@escola.br', other: 'colega-xyz@escola.br', phone: '91234567' }
const TARGETS: TourTargets = { main: { id: '127.0.0.1:3213', framing: 'json', label: 'json' } }

function setup() {
  const { bridges, factory } = fakeBridges()
  const store = new TourStore({ socket: factory, bridgeUrl: 'ws://b/ws', data: () => DATA })
  return { bridges, store }
}

// Resolves with the run's state once it has finished or failed.
function ended(run: TourRun): Promise<TourRunState> {
  return new Promise((resolve) => {
    const check = () => {
      const state = run.getSnapshot()
      if (state.phase === 'running') return
      off()
      resolve(state)
    }
    const off = run.subscribe(check)
    check()
  })
}

describe('TourStore', () => {
  it('moves between the steps and stays within them', () => {
    const { store } = setup()
    let changes = 0
    store.subscribe(() => changes++)
    store.go(3)
    expect(store.getSnapshot().index).toBe(3)
    expect(store.step).toBe('framing')
    store.go(9)
    store.go(3)
    expect(store.getSnapshot().index).toBe(3)
    expect(changes).toBe(1)
  })

  it("runs the current step's try-it over its own connection, and keeps it per step", async () => {
    const { bridges, store } = setup()
    const run = store.tryIt(TARGETS)
    expect(run.step).toBe('sockets')
    expect(run.data).toBe(DATA)
    expect(bridges[0]!.urls).toEqual(['ws://b/ws?target=127.0.0.1%3A3213'])
    bridges[0]!.accept()
    expect(await ended(run)).toMatchObject({ phase: 'done', trace: [{ type: 'open', who: 'A' }] })
    store.go(1)
    expect(store.getSnapshot().runs).toEqual({ sockets: run })
  })

  it("a new try-it stops the step's previous run and closes its connection", () => {
    const { bridges, store } = setup()
    store.go(1)
    const first = store.tryIt(TARGETS)
    const second = store.tryIt(TARGETS)
    expect(bridges).toHaveLength(2)
    expect(bridges[0]!.closedBy?.code).toBe(1000)
    expect(bridges[1]!.closedBy).toBeUndefined()
    expect(store.getSnapshot().runs).toEqual({ messages: second })
    expect(first.getSnapshot().phase).toBe('running')
  })
})
