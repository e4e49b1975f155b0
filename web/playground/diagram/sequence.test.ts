import { describe, expect, it } from 'vitest'
import { FakeBridge } from '../../session/fake-socket.ts'
import { ClientSession } from '../../session/client-session.ts'
import { SCENARIO_TEXTS } from '../scenario/lesson-scenario.ts'
import { MESSAGES } from '../../i18n/all-messages.ts'
import { layoutSequence } from './sequence-layout.ts'
import { stepText } from './sequence-text.ts'
import { sequenceSteps, type Step } from './sequence.ts'

const NOT_REGISTERED =
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:eu@gmail.com"}'
const CREATED =
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Novo usu\\u00e1rio registrado com email:eu@gmail.com"}'

// One connection: two requests answered (the second split over chunks), then the server's FIN.
function exchange() {
  const bridge = new FakeBridge()
  const session = new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
  session.connect('ws://127.0.0.1:8080/ws', '127.0.0.1:3213', 'json')
  bridge.accept()
  session.send(SCENARIO_TEXTS[0]!)
  bridge.chunk(NOT_REGISTERED)
  session.send(SCENARIO_TEXTS[1]!)
  bridge.data(CREATED)
  bridge.event({ type: 'fin', at: 9, bytes: { toTarget: 1, fromTarget: 2 } })
  bridge.end(4000, '', { toTarget: 1, fromTarget: 2 }, 9)
  return session
}

const hop = (s: Step) => (s.type === 'arrow' ? `${s.kind} ${s.from}>${s.to}` : s.type)

describe('sequenceSteps', () => {
  it('draws the handshake, one arrow per hop per message, FIN and the close code', () => {
    const { steps, omitted } = sequenceSteps(exchange().log.all())
    expect(omitted).toBe(0)
    expect(steps.map(hop)).toEqual([
      'divider',
      'control page>bridge',
      'control bridge>page',
      'control bridge>server',
      'control server>bridge',
      'request page>bridge',
      'request bridge>server',
      'response server>bridge',
      'response bridge>page',
      'request page>bridge',
      'request bridge>server',
      'response server>bridge',
      'response bridge>page',
      'control server>bridge',
      'control bridge>page',
    ])
    const labels = steps.flatMap((s) => (s.type === 'arrow' ? [s.label] : []))
    expect(labels[4]).toEqual({
      k: 'request',
      n: 1,
      action: 'CONSULTAR USUARIO',
      email: 'eu@gmail.com',
    })
    expect(labels[6]).toEqual({
      k: 'response',
      n: 1,
      code: '404',
      summary: 'Usuário não registrado',
    })
    expect(labels[10]).toEqual({ k: 'response', n: 2, code: '200' })
    expect(labels.at(-1)).toEqual({ k: 'ws-close', code: 4000 })
    expect(new Set(steps.map((s) => s.key)).size).toBe(steps.length)
  })

  it('marks requests the server will refuse, and the page closing', () => {
    const bridge = new FakeBridge()
    const session = new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
    session.connect('ws://b/ws', '127.0.0.1:3213', 'ndjson')
    bridge.accept()
    session.send('{"AÇÃO": "X"}')
    session.send('not json')
    session.disconnect()
    const arrows = sequenceSteps(session.log.all()).steps.filter((s) => s.type === 'arrow')
    expect(arrows.slice(4).map((s) => s.type === 'arrow' && [s.label, s.tone])).toEqual([
      [{ k: 'request', n: 1, action: 'X', problem: 'invalid' }, 'error'],
      [{ k: 'request', n: 1, action: 'X', problem: 'invalid' }, 'error'],
      [{ k: 'request', n: 2, problem: 'not-json' }, 'error'],
      [{ k: 'request', n: 2, problem: 'not-json' }, 'error'],
      [{ k: 'page-close' }, 'control'],
    ])
  })

  it('keeps the newest steps, never half a message, and counts the rest', () => {
    const entries = exchange().log.all()
    const { steps, omitted } = sequenceSteps(entries, 5)
    expect(steps.map(hop)).toEqual([
      'response server>bridge',
      'response bridge>page',
      'control server>bridge',
      'control bridge>page',
    ])
    expect(omitted).toBe(11)
  })
})

describe('layoutSequence', () => {
  it('puts the lifelines left to right and every row below the one before', () => {
    const { steps } = sequenceSteps(exchange().log.all())
    const layout = layoutSequence(steps, { width: 800, font: 16 })
    expect(layout.x.page).toBeLessThan(layout.x.bridge)
    expect(layout.x.bridge).toBeLessThan(layout.x.server)
    expect(layout.x.server).toBeLessThan(layout.width)
    expect(layout.width).toBe(800)
    const ys = layout.rows.map((r) => r.y)
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThan(ys[i - 1]!)
    expect(ys[0]).toBeGreaterThan(layout.top)
    expect(layout.height).toBeGreaterThan(ys.at(-1)!)
  })

  it('grows with the text size and never gets narrower than the labels need', () => {
    const small = layoutSequence([], { width: 100, font: 16 })
    expect(small.width).toBeGreaterThanOrEqual(16 * 20)
    const { steps } = sequenceSteps(exchange().log.all())
    const large = layoutSequence(steps, { width: 800, font: 20 })
    expect(large.height).toBeGreaterThan(layoutSequence(steps, { width: 800, font: 16 }).height)
  })
})

describe('stepText', () => {
  it('words each step in both languages, with a sentence for screen readers', () => {
    const { steps } = sequenceSteps(exchange().log.all())
    const pt = steps.map((s) => stepText(s, MESSAGES.pt))
    expect(pt[0]).toEqual({
      lines: ['conexão com 127.0.0.1:3213 · json'],
      aria: 'conexão com 127.0.0.1:3213 · json',
    })
    expect(pt[5]).toEqual({
      lines: ['CONSULTAR USUARIO', 'eu@gmail.com'],
      aria: 'Pedido 1, Página → Ponte: CONSULTAR USUARIO eu@gmail.com',
    })
    expect(pt[7]!.aria).toBe('Resposta 1, Servidor TCP → Ponte: 404 Usuário não registrado')
    expect(pt.at(-1)!.aria).toBe('Ponte → Página: WebSocket fechado (4000)')
    const en = steps.map((s) => stepText(s, MESSAGES.en))
    expect(en[4]!.lines).toEqual(['accept (SYN/ACK)', '127.0.0.1:50000 → 127.0.0.1:3213'])
    expect(en[12]!.aria).toBe('Response 2, Bridge → Page: 200')
  })
})
