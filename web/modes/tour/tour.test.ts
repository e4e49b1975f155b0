import { describe, expect, it } from 'vitest'
import { CODE, EXPLANATION, type Response } from '../../../shared/protocol.ts'
import {
  PROBES,
  TOUR_STEPS,
  codeList,
  freshData,
  moveStep,
  probeRows,
  probeText,
  readCodes,
  readConcurrency,
  readFraming,
  readMessages,
  readSockets,
  requestSummary,
  tourText,
  type Probe,
  type TourData,
  type TraceItem,
} from './tour.ts'

const DATA: TourData = {
  email: 'aluno-abc@escola.br',
  other: 'colega-xyz@escola.br',
  phone: '91234567',
}
const answer = (code: string, explanation: Response[typeof EXPLANATION]): Response => ({
  [CODE]: code,
  [EXPLANATION]: explanation,
})
const record = (email: string, phone: string | null = null) => ({
  Nome: null,
  Endereço: null,
  Telefone: phone,
  Email: email,
})
const end = (port: number) => ({ address: '127.0.0.1', port })

// The trace the codes step leaves for given codes, in the order it sends the probes.
function codesTrace(codes: Record<Probe, string>): TraceItem[] {
  const probe = (p: Probe): TraceItem => ({
    type: 'exchange',
    who: 'A',
    sent: probeText(p, DATA),
    response: answer(codes[p], `why ${p}`),
    probe: p,
  })
  return [
    { type: 'open', who: 'A', local: end(50000), remote: end(3213) },
    probe('unknown'),
    { type: 'exchange', who: 'A', sent: 'create', response: answer('200', 'ok') },
    probe('conflict'),
    probe('missing'),
    probe('broken'),
  ]
}

describe('tour steps', () => {
  it('has the five steps of the lesson, in order', () => {
    expect(TOUR_STEPS).toEqual(['sockets', 'messages', 'codes', 'framing', 'concurrency'])
  })

  it('moves one step at a time and stops at both ends, without wrapping', () => {
    expect(moveStep(0, 'next')).toBe(1)
    expect(moveStep(4, 'next')).toBe(4)
    expect(moveStep(2, 'previous')).toBe(1)
    expect(moveStep(0, 'previous')).toBe(0)
    expect(moveStep(3, 'first')).toBe(0)
    expect(moveStep(1, 'last')).toBe(4)
    // A stale index from an older page is pulled back into the tour.
    expect(moveStep(9, 'previous')).toBe(3)
    expect(moveStep(Number.NaN, 'next')).toBe(1)
  })
})

describe('fresh data', () => {
  it('makes different emails and an eight-digit phone on every run', () => {
    const a = freshData()
    const b = freshData()
    expect(a.email).toMatch(/^aluno-[a-z0-9]{6}@escola\.br$/)
    expect(a.other).toMatch(/^colega-[a-z0-9]{6}@escola\.br$/)
    expect(a.phone).toMatch(/^9\d{7}$/)
    expect(b.email).not.toBe(a.email)
  })

  it('keeps the two emails apart even when the random source repeats itself', () => {
    const stuck = freshData(() => 0)
    expect(stuck).toEqual({
      email: 'aluno-aaaaaa@escola.br',
      other: 'colega-aaaaaa@escola.br',
      phone: '90000000',
    })
    expect(freshData(() => 0.9999999).email).toBe('aluno-999999@escola.br')
  })
})

describe('requests', () => {
  it('writes requests as json.dumps does, with CAMPO and VALOR only for MODIFICAR', () => {
    expect(tourText('CRIAR USUARIO', 'a@b')).toBe(
      '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CRIAR USUARIO", "EMAIL_USUARIO": "a@b"}',
    )
    expect(tourText('MODIFICAR USUARIO', 'a@b', { field: 'Telefone', value: '9' })).toBe(
      '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "MODIFICAR USUARIO", "EMAIL_USUARIO": "a@b", "CAMPO": "Telefone", "VALOR": "9"}',
    )
  })

  it('sums up a sent request in protocol words', () => {
    expect(requestSummary(tourText('CRIAR USUARIO', 'a@b'))).toBe('CRIAR USUARIO')
    expect(
      requestSummary(tourText('MODIFICAR USUARIO', 'a@b', { field: 'Telefone', value: '9' })),
    ).toBe('MODIFICAR USUARIO Telefone=9')
    expect(requestSummary('{not json}')).toBe('{not json}')
    expect(requestSummary('[1]')).toBe('[1]')
  })

  it('builds one probe per refusal: unknown user, duplicate, missing email, broken JSON', () => {
    expect(PROBES).toEqual(['unknown', 'conflict', 'missing', 'broken'])
    expect(probeText('unknown', DATA)).toContain(
      '"CONSULTAR USUARIO", "EMAIL_USUARIO": "colega-xyz',
    )
    expect(probeText('conflict', DATA)).toContain('"CRIAR USUARIO", "EMAIL_USUARIO": "aluno-abc')
    expect(probeText('missing', DATA)).not.toContain('EMAIL_USUARIO')
    const broken = probeText('broken', DATA)
    expect(() => JSON.parse(broken) as unknown).toThrow()
    // It closes its brace, so the json framing delimits it and the server answers it.
    expect(broken.endsWith('}')).toBe(true)
  })
})

describe('reading the answers', () => {
  it('finds both ends of the first connection', () => {
    expect(readSockets([])).toBeUndefined()
    expect(readSockets([{ type: 'open', who: 'A', local: end(50123), remote: end(3213) }])).toEqual(
      { local: end(50123), remote: end(3213) },
    )
  })

  it('accepts step 2 only when CRIAR succeeded and CONSULTAR returned the new record', () => {
    const trace = (created: string, consulted: Response): TraceItem[] => [
      { type: 'exchange', who: 'A', sent: 'c', response: answer(created, 'Novo') },
      { type: 'exchange', who: 'A', sent: 'q', response: consulted },
    ]
    expect(readMessages(trace('200', answer('200', record(DATA.email))), DATA)).toEqual({
      ok: true,
      created: '200',
      consulted: '200',
    })
    expect(readMessages(trace('404', answer('200', record(DATA.email))), DATA).ok).toBe(false)
    expect(readMessages(trace('200', answer('200', record('other@x'))), DATA).ok).toBe(false)
    expect(readMessages(trace('200', answer('200', 'text, not a record')), DATA).ok).toBe(false)
    expect(readMessages([], DATA)).toEqual({ ok: false, created: undefined, consulted: undefined })
  })

  it('reads the lesson codes (one code for every refused request) from the answers', () => {
    const trace = codesTrace({ unknown: '404', conflict: '404', missing: '404', broken: '400' })
    expect(readCodes(trace)).toEqual({ kind: 'one-code', code: '404', broken: '400' })
    expect(probeRows(trace).map((r) => [r.probe, r.code, r.text])).toEqual([
      ['unknown', '404', 'why unknown'],
      ['conflict', '404', 'why conflict'],
      ['missing', '404', 'why missing'],
      ['broken', '400', 'why broken'],
    ])
  })

  it('reads precise codes, whatever numbers the server picked', () => {
    const codes = { unknown: '404', conflict: '409', missing: '400', broken: '400' }
    expect(readCodes(codesTrace(codes))).toEqual({ kind: 'precise', codes })
    expect(readCodes(codesTrace(codes).slice(0, 3))).toEqual({ kind: 'incomplete' })
  })

  it('judges the framing step: naive refusing the halves while json answers once', () => {
    expect(readFraming(['400', '400'], ['200'])).toBe('as-expected')
    expect(readFraming(['400'], ['200'])).toBe('as-expected')
    expect(readFraming(['200'], ['200'])).toBe('naive-lucky')
    expect(readFraming([], ['200'])).toBe('other')
    expect(readFraming(['400', '400'], [])).toBe('other')
    expect(readFraming(['400', '400'], ['400'])).toBe('other')
    expect(codeList(['400', undefined])).toBe('400, ?')
    expect(codeList([])).toBe('—')
  })

  it('accepts step 5 when B, open beside A, read the Telefone A wrote', () => {
    const trace = (phone: string | null): TraceItem[] => [
      { type: 'open', who: 'A', local: end(50001), remote: end(3213) },
      { type: 'open', who: 'B', local: end(50002), remote: end(3213) },
      { type: 'exchange', who: 'A', sent: 'c', response: answer('200', 'Novo') },
      { type: 'exchange', who: 'A', sent: 'm', response: answer('200', 'atualizado') },
      { type: 'exchange', who: 'B', sent: 'q', response: answer('200', record(DATA.email, phone)) },
    ]
    expect(readConcurrency(trace(DATA.phone), DATA)).toEqual({
      ok: true,
      phone: DATA.phone,
      ports: { A: 50001, B: 50002 },
      code: '200',
    })
    expect(readConcurrency(trace(null), DATA)).toMatchObject({ ok: false, code: '200' })
    expect(readConcurrency(trace(DATA.phone).slice(0, 2), DATA)).toEqual({
      ok: false,
      ports: { A: 50001, B: 50002 },
    })
  })
})
