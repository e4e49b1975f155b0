import { describe, expect, it } from 'vitest'
import { dumps } from '../../../shared/codec.ts'
import { CODE, EXPLANATION, newRecord, type Response } from '../../../shared/protocol.ts'
import { INITIAL_BOT, nodeKey, step, type BotAction, type BotState } from './bot-menu.ts'

const ok = (body: Response[typeof EXPLANATION]): Response => ({
  [CODE]: '200',
  [EXPLANATION]: body,
})
const refused = (text: string, code = '404'): Response => ({ [CODE]: code, [EXPLANATION]: text })

// Runs actions in order, collecting the wire text of every request sent.
function walk(actions: BotAction[], from: BotState = INITIAL_BOT) {
  let state = from
  const sent: string[] = []
  for (const action of actions) {
    const result = step(state, action)
    state = result.state
    if (result.send) sent.push(dumps(result.send))
  }
  return { state, sent }
}

describe('bot menu', () => {
  it('logs in with CONSULTAR and offers CRIAR on 404', () => {
    const { state, sent } = walk([
      { type: 'login', email: 'ana@escola.br' },
      { type: 'answer', response: refused('Usuário não registrado:ana@escola.br') },
    ])
    expect(sent).toEqual([
      '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "ana@escola.br"}',
    ])
    expect(state.node).toEqual({ at: 'missing' })
    expect(state.outcome).toEqual({
      code: '404',
      text: 'Usuário não registrado:ana@escola.br',
      action: 'consult',
    })
  })

  it('creates the user and lands on Dados Pessoais with an empty record', () => {
    const { state, sent } = walk([
      { type: 'login', email: 'ana@escola.br' },
      { type: 'answer', response: refused('x') },
      { type: 'create' },
      { type: 'answer', response: ok('Novo usuário registrado com email:ana@escola.br') },
    ])
    expect(sent[1]).toContain('"CRIAR USUARIO"')
    expect(state.node).toEqual({ at: 'menu' })
    expect(state.record).toEqual(newRecord('ana@escola.br'))
  })

  it('opens a field with CONSULTAR, modifies it, and consults again after Confirmar', () => {
    const menu = walk([
      { type: 'login', email: 'ana@escola.br' },
      { type: 'answer', response: ok(newRecord('ana@escola.br')) },
    ]).state
    const { state, sent } = walk(
      [
        { type: 'open', field: 'Telefone' },
        { type: 'answer', response: ok(newRecord('ana@escola.br')) },
        { type: 'modify' },
        { type: 'confirm', value: '3218181' },
        { type: 'answer', response: ok('Usuário ana@escola.br teve o CAMPO:Telefone …') },
        { type: 'answer', response: ok({ ...newRecord('ana@escola.br'), Telefone: '3218181' }) },
      ],
      menu,
    )
    expect(sent).toHaveLength(3)
    expect(sent[1]).toBe(
      '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "MODIFICAR USUARIO", "EMAIL_USUARIO": "ana@escola.br", "CAMPO": "Telefone", "VALOR": "3218181"}',
    )
    expect(sent[2]).toContain('"CONSULTAR USUARIO"')
    expect(nodeKey(state.node)).toBe('field:Telefone')
    expect(state.record?.Telefone).toBe('3218181')
    // MODIFICAR's answer stays in view after the CONSULTAR that follows it.
    expect(state.outcome?.action).toBe('modify')
  })

  it('follows the record to its new key after Email changes', () => {
    const start = { ...INITIAL_BOT, email: 'a@x', node: { at: 'edit', field: 'Email' } } as const
    const { state, sent } = walk(
      [
        { type: 'confirm', value: 'b@x' },
        { type: 'answer', response: ok('Usuário a@x teve o CAMPO:Email …') },
      ],
      start,
    )
    expect(state.email).toBe('b@x')
    expect(sent[1]).toContain('"EMAIL_USUARIO": "b@x"')
  })

  it('stays in Modificar and shows a refusal', () => {
    const start = { ...INITIAL_BOT, email: 'a@x', node: { at: 'edit', field: 'Email' } } as const
    const { state, sent } = walk(
      [
        { type: 'confirm', value: 'taken@x' },
        { type: 'answer', response: refused('Usuário já registrado:taken@x') },
      ],
      start,
    )
    expect(sent).toHaveLength(1)
    expect(state.email).toBe('a@x')
    expect(nodeKey(state.node)).toBe('edit:Email')
    expect(state.outcome).toMatchObject({ code: '404', text: 'Usuário já registrado:taken@x' })
  })

  it('Cancelar returns to the field and Voltar to Dados Pessoais, without requests', () => {
    const start = { ...INITIAL_BOT, email: 'a@x', node: { at: 'edit', field: 'Nome' } } as const
    const cancelled = walk([{ type: 'cancel' }], start)
    expect(nodeKey(cancelled.state.node)).toBe('field:Nome')
    const back = walk([{ type: 'back' }], cancelled.state)
    expect(back.state.node).toEqual({ at: 'menu', from: 'Nome' })
    expect([...cancelled.sent, ...back.sent]).toEqual([])
  })

  it('ignores steps while a request is in flight, and clears it on trouble', () => {
    const waiting = walk([{ type: 'login', email: 'a@x' }]).state
    expect(step(waiting, { type: 'open', field: 'Nome' }).state).toBe(waiting)
    const after = step(waiting, { type: 'trouble', trouble: 'timeout' }).state
    expect(after).toMatchObject({ pending: undefined, trouble: 'timeout', node: { at: 'login' } })
  })

  it('switching user goes back to login, keeping the email to edit', () => {
    const menu = { ...INITIAL_BOT, email: 'a@x', node: { at: 'menu' } } as const
    expect(step(menu, { type: 'switch-user' }).state).toMatchObject({
      node: { at: 'login' },
      email: 'a@x',
    })
  })
})
