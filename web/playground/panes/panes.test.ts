import { describe, expect, it } from 'vitest'
import { FakeBridge } from '../../session/fake-socket.ts'
import { ClientSession } from '../../session/client-session.ts'
import { PaneSet, isPaneName, type PaneName } from './panes.ts'

function setup(initial?: readonly PaneName[]) {
  const bridges = new Map<PaneName, FakeBridge>()
  const released: PaneName[] = []
  const saved: string[] = []
  const panes = new PaneSet(
    {
      create: (name) => {
        const bridge = new FakeBridge()
        bridges.set(name, bridge)
        return new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
      },
      release: (pane) => released.push(pane.name),
      changed: (names) => saved.push(names.join('')),
    },
    initial,
  )
  return { panes, bridges, released, saved }
}

describe('PaneSet', () => {
  it('starts with one pane and adds B with its own ClientSession', () => {
    const { panes, saved } = setup()
    let changes = 0
    panes.subscribe(() => changes++)
    expect(panes.getSnapshot().map((p) => p.name)).toEqual(['A'])
    const b = panes.add()
    expect(b?.name).toBe('B')
    const [first, second] = panes.getSnapshot()
    expect(second?.session).not.toBe(first?.session)
    expect(panes.canAdd).toBe(false)
    expect(panes.add()).toBeUndefined()
    expect(changes).toBe(1)
    expect(saved).toEqual(['AB'])
  })

  it('keeps each connection separate and closes the removed one', () => {
    const { panes, bridges, released } = setup(['A', 'B'])
    const [a, b] = panes.getSnapshot()
    a!.session.connect('ws://bridge/ws', '127.0.0.1:3213', 'json')
    b!.session.connect('ws://bridge/ws', '127.0.0.1:3214', 'ndjson')
    bridges.get('A')!.accept()
    bridges.get('B')!.accept('127.0.0.1:3214')
    a!.session.send('{}')
    expect(bridges.get('A')!.sent).toHaveLength(1)
    expect(bridges.get('B')!.sent).toHaveLength(0)
    expect(panes.remove('A')).toBe(true)
    expect(a!.session.connection.getState().status).toBe('closed')
    expect(b!.session.connection.getState().status).toBe('open')
    expect(released).toEqual(['A'])
    expect(panes.remove('B')).toBe(false)
    expect(panes.add()?.name).toBe('A')
    expect(panes.getSnapshot().map((p) => p.name)).toEqual(['A', 'B'])
  })

  it('ignores unknown names from storage', () => {
    expect(
      setup(['B'])
        .panes.getSnapshot()
        .map((p) => p.name),
    ).toEqual(['B'])
    expect(isPaneName('C')).toBe(false)
    expect(isPaneName('A')).toBe(true)
  })
})
