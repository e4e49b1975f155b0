import { describe, expect, it } from 'vitest'
import type { Framing } from '../../shared/framing.ts'
import { FakeBridge } from './fake-socket.ts'
import { ClientSession } from './client-session.ts'

function connected(framing: Framing) {
  const bridge = new FakeBridge()
  const session = new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
  session.connect('ws://127.0.0.1:8080/ws', '127.0.0.1:3213', framing)
  bridge.accept()
  return { bridge, session }
}

describe('ClientSession', () => {
  it('frames text as the chosen framing says', () => {
    const { session } = connected('length')
    expect(session.frame('{}')).toEqual(new Uint8Array([0, 0, 0, 2, 0x7b, 0x7d]))
    expect(session.frame('{}', 'ndjson')).toEqual(new Uint8Array([0x7b, 0x7d, 0x0a]))
  })
  it('reconnects into a new session whose offsets start at 0', () => {
    const { bridge, session } = connected('json')
    bridge.data('{}')
    session.connect('ws://127.0.0.1:8080/ws', '127.0.0.1:3213', 'json')
    bridge.accept()
    bridge.data('{}')
    const messages = session.log.all().filter((e) => e.kind === 'message')
    expect(messages.map((m) => m.kind === 'message' && [m.start, m.end, m.n])).toEqual([
      [0, 2, 1],
      [0, 2, 2],
    ])
  })
})
