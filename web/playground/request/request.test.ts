import { describe, expect, it } from 'vitest'
import { LESSON_SCENARIO, TEXT } from '../../../shared/protocol.ts'
import { PRESETS } from './presets.ts'
import {
  INITIAL_FORM,
  builderFromForm,
  builderReducer,
  formToRaw,
  hintsFor,
  rawToForm,
  textToSend,
} from './request.ts'

describe('form <-> raw', () => {
  it('writes exactly what Python json.dumps would send', () => {
    expect(formToRaw(INITIAL_FORM)).toBe(
      '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "eu@gmail.com"}',
    )
  })

  it('round-trips every request of the lesson scenario', () => {
    for (const request of LESSON_SCENARIO) {
      const form = rawToForm(JSON.stringify(request))
      expect(form).toBeDefined()
      expect(JSON.parse(formToRaw(form!))).toEqual(request)
    }
  })

  it('leaves empty fields out, and CAMPO/VALOR unless the action is MODIFICAR', () => {
    const raw = formToRaw({ ...INITIAL_FORM, SERVIÇO: '', CAMPO: 'Nome', VALOR: 'x' })
    expect(JSON.parse(raw)).toEqual({ AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'eu@gmail.com' })
  })

  it('keeps form and raw in step only where the form can show the text', () => {
    let state = builderFromForm(INITIAL_FORM)
    state = builderReducer(state, { type: 'raw', raw: '{"AÇÃO": "APAGAR", "EMAIL_USUARIO": "a"}' })
    expect(state).toMatchObject({
      inStep: true,
      form: { SERVIÇO: '', AÇÃO: 'APAGAR', EMAIL_USUARIO: 'a' },
    })
    // Raw text the user typed stays as typed (no reformatting) until the form is edited.
    expect(state.raw).toBe('{"AÇÃO": "APAGAR", "EMAIL_USUARIO": "a"}')
    state = builderReducer(state, { type: 'raw', raw: '{"SERVIÇO": "Dados Pessoais",' })
    expect(state).toMatchObject({ inStep: false, form: { AÇÃO: 'APAGAR' } })
    state = builderReducer(state, { type: 'field', key: 'EMAIL_USUARIO', value: 'b' })
    expect(state.inStep).toBe(true)
    expect(state.raw).toBe('{"A\\u00c7\\u00c3O": "APAGAR", "EMAIL_USUARIO": "b"}')
  })

  it('opens the raw editor for a loaded text the form cannot show, and keeps the tab otherwise', () => {
    let state = builderReducer(builderFromForm(INITIAL_FORM), { type: 'load', raw: PRESETS.create })
    expect(state).toMatchObject({ tab: 'form', inStep: true })
    state = builderReducer(state, { type: 'load', raw: PRESETS.garbage })
    expect(state).toMatchObject({ tab: 'raw', inStep: false, raw: PRESETS.garbage })
    state = builderReducer(state, { type: 'tab', tab: 'form' })
    state = builderReducer(state, { type: 'raw', raw: '[' })
    expect(state.tab).toBe('form')
    state = builderReducer(state, { type: 'field', key: 'EMAIL_USUARIO', value: 'c' })
    expect(state).toMatchObject({ tab: 'form', inStep: true })
  })

  it('does not put into the form what it cannot show', () => {
    expect(rawToForm('[1, 2, 3]')).toBeUndefined()
    expect(rawToForm('{"EMAIL_USUARIO": 3}')).toBeUndefined()
    expect(rawToForm('{"extra": "x"}')).toBeUndefined()
    expect(rawToForm('{"AÇÃO": "CRIAR USUARIO", "CAMPO": "Nome"}')).toBeUndefined()
    expect(rawToForm(PRESETS.garbage)).toBeUndefined()
    expect(rawToForm(PRESETS.noService)).toBeDefined()
  })
})

describe('textToSend', () => {
  it('sends what the form shows on the form tab, never a stale raw text the form cannot show', () => {
    // The broken example opens the raw editor; back on the form, Send must not repeat it.
    let state = builderReducer(builderFromForm(INITIAL_FORM), { type: 'load', raw: PRESETS.broken })
    expect(textToSend(state)).toBe(PRESETS.broken)
    state = builderReducer(state, { type: 'tab', tab: 'form' })
    expect(textToSend(state)).toBe(formToRaw(INITIAL_FORM))
    // The raw text is still there for the raw tab.
    state = builderReducer(state, { type: 'tab', tab: 'raw' })
    expect(textToSend(state)).toBe(PRESETS.broken)
  })

  it('sends the raw text as typed while the form is in step with it', () => {
    const typed = '{"AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "a"}'
    let state = builderReducer(builderFromForm(INITIAL_FORM, 'raw'), { type: 'raw', raw: typed })
    state = builderReducer(state, { type: 'tab', tab: 'form' })
    expect(textToSend(state)).toBe(typed)
  })
})

describe('hintsFor', () => {
  it('gives none for a valid request', () => {
    expect(hintsFor(formToRaw(INITIAL_FORM))).toEqual({ fields: {}, form: [] })
  })

  it("names missing and invalid fields in the server's own words", () => {
    expect(hintsFor(PRESETS.noService).fields).toEqual({
      SERVIÇO: ['Mensagem não contém uma entrada de SERVIÇO'],
    })
    expect(hintsFor(PRESETS.badAction).fields).toEqual({
      AÇÃO: ['Mensagem contém uma entrada inválida de AÇÃO:APAGAR TUDO'],
    })
  })

  it('checks CAMPO and VALOR for MODIFICAR', () => {
    const raw =
      '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "MODIFICAR USUARIO", "EMAIL_USUARIO": "a", "CAMPO": "Idade"}'
    expect(hintsFor(raw).fields).toEqual({
      CAMPO: ['Mensagem contém uma entrada inválida de CAMPO:Idade'],
      VALOR: ['Mensagem não contém uma entrada de VALOR'],
    })
  })

  it('on the json port, frames first: text around a value is discarded, an open value waits', () => {
    const valid = formToRaw(INITIAL_FORM)
    // 'olá, servidor!' is 15 bytes of UTF-8 that cannot start a value: one run, one 400.
    expect(hintsFor(PRESETS.garbage, 'json')).toEqual({ fields: {}, form: [TEXT.garbage(15)] })
    expect(hintsFor(`oi ${valid} tchau`, 'json')).toEqual({
      fields: {},
      form: [TEXT.garbage(3), TEXT.garbage(5)],
    })
    expect(hintsFor(PRESETS.broken, 'json')).toEqual({ fields: {}, form: [], waits: true })
    expect(hintsFor(PRESETS.noService, 'json').fields).toEqual(hintsFor(PRESETS.noService).fields)
    // The other ports take the text as one message.
    expect(hintsFor(PRESETS.garbage, 'ndjson').form[0]).toMatch(/^Mensagem não é um JSON válido: /)
    expect(hintsFor(PRESETS.broken, 'length').form[0]).toMatch(/^Mensagem não é um JSON válido: /)
  })

  it('says why text is not JSON or not an object', () => {
    expect(hintsFor(PRESETS.broken).form[0]).toMatch(/^Mensagem não é um JSON válido: /)
    expect(hintsFor(PRESETS.notObject).form).toEqual([
      'Mensagem deve ser um objeto JSON, mas é um array',
    ])
  })

  it('says the server answers 413 for a message past its limit, and closes where it cannot resync', () => {
    const big = `{"SERVIÇO": "${'x'.repeat(70 * 1024)}"}`
    const json = hintsFor(big, 'json')
    expect(json.form).toEqual([TEXT.tooLarge(64 * 1024, true)])
    expect(json.tooLarge).toEqual({ limit: 64 * 1024, closes: true })
    expect(json.form.join()).not.toContain('não iniciam um valor JSON')
    expect(hintsFor(big, 'ndjson')).toMatchObject({
      form: [TEXT.tooLarge(64 * 1024, false)],
      tooLarge: { limit: 64 * 1024, closes: false },
    })
    expect(hintsFor(big, 'length').tooLarge).toEqual({ limit: 64 * 1024, closes: false })
    // Just under the limit is judged as JSON as usual.
    const fits = `{"SERVIÇO": "${'x'.repeat(60 * 1024)}"}`
    expect(hintsFor(fits, 'json').tooLarge).toBeUndefined()
  })

  it('on the naive port, says a text longer than one read arrives as several messages', () => {
    const long = formToRaw({ ...INITIAL_FORM, EMAIL_USUARIO: 'a'.repeat(600) })
    const hints = hintsFor(long, 'naive')
    expect(hints.reads).toBe(2)
    expect(hints.form.length).toBeGreaterThan(0)
    expect(hints.form.every((text) => text.startsWith('Mensagem não é um JSON válido'))).toBe(true)
    expect(hintsFor(formToRaw(INITIAL_FORM), 'naive')).toEqual({ fields: {}, form: [] })
  })
})
