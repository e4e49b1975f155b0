import { describe, expect, it } from 'vitest'
import { encodeFrame } from '../../../shared/framing.ts'
import { ClientSession } from '../../session/client-session.ts'
import { FakeBridge } from '../../session/fake-socket.ts'
import { BotStore } from './bot-store.ts'

const utf8 = new TextEncoder()
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)
const NOT_REGISTERED =
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:a@x"}'
const CREATED =
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Novo usu\\u00e1rio registrado com email:a@x"}'

function setup() {
  const bridge = new FakeBridge()
  const session = new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
  const timers: (() => void)[] = []
  const bot = new BotStore(session, {
    bridgeUrl: 'ws://127.0.0.1:8080/ws',
    setTimer: (cb) => timers.push(cb),
    clearTimer: () => {},
  })
  bot.setTarget({ id: '127.0.0.1:3215', framing: 'length', label: '' })
  return { bridge, session, bot, timers }
}

describe('BotStore', () => {
  it('connects on the first step and sends the request once the connection is open', () => {
    const { bridge, bot } = setup()
    bot.dispatch({ type: 'login', email: 'a@x' })
    expect(bridge.urls[0]).toContain('target=127.0.0.1%3A3215')
    expect(bridge.sent).toEqual([])
    bridge.accept('127.0.0.1:3215')
    expect(bridge.sent).toHaveLength(1)
    expect(decode(bridge.sent[0]!.subarray(4))).toContain('"CONSULTAR USUARIO"')
    bridge.data(encodeFrame('length', utf8.encode(NOT_REGISTERED)))
    expect(bot.getSnapshot().node).toEqual({ at: 'missing' })
  })

  it('sends the next step on the open connection and moves on its answer', () => {
    const { bridge, bot } = setup()
    bot.dispatch({ type: 'login', email: 'a@x' })
    bridge.accept('127.0.0.1:3215')
    bridge.data(encodeFrame('length', utf8.encode(NOT_REGISTERED)))
    bot.dispatch({ type: 'create' })
    expect(decode(bridge.sent[1]!.subarray(4))).toContain('"CRIAR USUARIO"')
    bridge.data(encodeFrame('length', utf8.encode(CREATED)))
    expect(bot.getSnapshot()).toMatchObject({ node: { at: 'menu' }, pending: undefined })
  })

  it('reports a timeout, and a connection that ends while waiting', () => {
    const { bridge, bot, timers } = setup()
    bot.dispatch({ type: 'login', email: 'a@x' })
    bridge.accept('127.0.0.1:3215')
    timers.at(-1)?.()
    expect(bot.getSnapshot().trouble).toBe('timeout')
    bot.dispatch({ type: 'login', email: 'a@x' })
    bridge.close(4000, 'target closed')
    expect(bot.getSnapshot()).toMatchObject({ trouble: 'closed', pending: undefined })
  })

  it('says so when a step has no server (a range whose port is outside it)', () => {
    const { bridge, bot } = setup()
    bot.setTarget(undefined)
    bot.dispatch({ type: 'login', email: 'a@x' })
    expect(bridge.urls).toEqual([])
    expect(bot.getSnapshot()).toMatchObject({ trouble: 'no-target', pending: undefined })
    bot.setTarget({ id: '10.0.0.2:4042', framing: 'json', label: '' })
    bot.dispatch({ type: 'login', email: 'a@x' })
    expect(bridge.urls[0]).toContain('target=10.0.0.2%3A4042')
  })

  it('calls bytes that are not a response unreadable', () => {
    const { bridge, bot } = setup()
    bot.dispatch({ type: 'login', email: 'a@x' })
    bridge.accept('127.0.0.1:3215')
    bridge.data(encodeFrame('length', utf8.encode('[1]')))
    expect(bot.getSnapshot().trouble).toBe('unreadable')
  })
})
