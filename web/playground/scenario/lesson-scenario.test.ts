import { describe, expect, it } from 'vitest'
import { encodeFrame, FRAMINGS, type Framing } from '../../../shared/framing.ts'
import type { MessageEntry } from '../../log/entries.ts'
import { ClientSession } from '../../session/client-session.ts'
import { FakeBridge } from '../../session/fake-socket.ts'
import { SCENARIO_TEXTS, lessonScenario } from './lesson-scenario.ts'

// PROTOCOL.md's golden answers to the lesson scenario, byte for byte.
const GOLDEN = [
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:eu@gmail.com"}',
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Novo usu\\u00e1rio registrado com email:eu@gmail.com"}',
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio eu@gmail.com teve o CAMPO:Email atualizado para o VALOR:meu@gmail.com"}',
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:eu@gmail.com"}',
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": {"Nome": null, "Endere\\u00e7o": null, "Telefone": null, "Email": "meu@gmail.com"}}',
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio meu@gmail.com teve o CAMPO:Telefone atualizado para o VALOR:3218181"}',
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio meu@gmail.com teve o CAMPO:Nome atualizado para o VALOR:Cabron"}',
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": {"Nome": "Cabron", "Endere\\u00e7o": null, "Telefone": "3218181", "Email": "meu@gmail.com"}}',
  '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio removido:meu@gmail.com"}',
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:meu@gmail.com"}',
]
const CODES = ['404', '200', '200', '404', '200', '200', '200', '200', '200', '404']
const utf8 = new TextEncoder()

function connected(framing: Framing) {
  const bridge = new FakeBridge()
  const session = new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
  session.connect('ws://127.0.0.1:8080/ws', '127.0.0.1:3213', framing)
  bridge.accept()
  return { bridge, session, scenario: lessonScenario(session) }
}

describe('lessonScenario', () => {
  it('sends the lesson scenario as json.dumps text', () => {
    expect(SCENARIO_TEXTS[0]).toBe(
      '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "eu@gmail.com"}',
    )
  })
  for (const framing of FRAMINGS.filter((f) => f !== 'naive')) {
    it(`runs the scenario in ${framing} framing with answers trickling in one byte at a time`, () => {
      const { bridge, session, scenario } = connected(framing)
      scenario.runAll()
      for (let i = 0; i < GOLDEN.length; i++) {
        // The page sent exactly one framed request before this answer.
        expect(bridge.sent).toHaveLength(i + 1)
        expect(bridge.sent[i]).toEqual(encodeFrame(framing, utf8.encode(SCENARIO_TEXTS[i]!)))
        bridge.data(encodeFrame(framing, utf8.encode(GOLDEN[i]!)))
      }
      const state = scenario.getSnapshot()
      expect(state.results.map((r) => (r?.kind === 'answered' ? r.code : r?.kind))).toEqual(CODES)
      const received = session.log
        .all()
        .filter((e): e is MessageEntry => e.kind === 'message' && e.dir === 'received')
      expect(received.map((m) => m.view.type)).toEqual(CODES.map(() => 'response'))
      const sent = session.log.all().filter((e) => e.kind === 'message' && e.dir === 'sent')
      expect(sent.map((m) => m.kind === 'message' && m.view.type)).toEqual(
        CODES.map(() => 'request'),
      )
    })
  }
  it('logs the end of the connection and pauses the scenario', () => {
    const { bridge, session, scenario } = connected('json')
    scenario.runAll()
    bridge.data('{"CODIGO DE ERRO": "404", "EXPLICA')
    bridge.close(4000, 'target closed the connection')
    const kinds = session.log.all().flatMap((e) => (e.kind === 'event' ? [e.event.type] : []))
    expect(kinds).toEqual([
      'session',
      'ws-connecting',
      'ws-open',
      'connecting',
      'connected',
      'ended',
    ])
    const last = session.log.all().at(-1)
    expect(last).toMatchObject({
      kind: 'message',
      view: { type: 'frame-error', problem: 'incomplete' },
    })
    expect(scenario.getSnapshot()).toMatchObject({
      running: false,
      results: [{ kind: 'timeout' }],
    })
  })
})
