import { describe, expect, it } from 'vitest'
import { CLOSE } from '../../../shared/bridge-protocol.ts'
import { CODE, EXPLANATION } from '../../../shared/protocol.ts'
import { MESSAGES } from '../../i18n/all-messages.ts'
import { probeText, type Probe, type TourData, type TraceItem } from './tour.ts'
import { resultSentence, troubleSentence } from './tour-sentence.ts'

const { pt, en } = MESSAGES
const DATA: TourData = {
  email: 'aluno-abc@escola.br',
  other: 'colega-xyz@escola.br',
  phone: '91234567',
}
const end = (port: number) => ({ address: '127.0.0.1', port })
const exchange = (code: string, text: unknown, probe?: Probe): TraceItem => ({
  type: 'exchange',
  who: 'A',
  sent: probe ? probeText(probe, DATA) : 'x',
  response: { [CODE]: code, [EXPLANATION]: text as string },
  ...(probe ? { probe } : {}),
})
const codes = (c: Record<Probe, string>): TraceItem[] => [
  exchange(c.unknown, 'u', 'unknown'),
  exchange('200', 'created'),
  exchange(c.conflict, 'c', 'conflict'),
  exchange(c.missing, 'm', 'missing'),
  exchange(c.broken, 'b', 'broken'),
]

describe('resultSentence', () => {
  it('names both ends of the socket in either language', () => {
    const trace: TraceItem[] = [{ type: 'open', who: 'A', local: end(50123), remote: end(3213) }]
    expect(resultSentence({ step: 'sockets', trace, data: DATA }, pt)).toEqual({
      tone: 'ok',
      text: 'A conexão abriu: a ponta do cliente é 127.0.0.1:50123 e a do servidor é 127.0.0.1:3213. Depois a página a fechou, e a ponte avisou o servidor com um FIN, o “terminei” do TCP.',
    })
    expect(resultSentence({ step: 'sockets', trace, data: DATA }, en).text).toMatch(
      /^The connection opened: the client's end is 127\.0\.0\.1:50123/,
    )
  })

  it('quotes the codes the server gave, whatever they are', () => {
    const lesson = codes({ unknown: '404', conflict: '404', missing: '404', broken: '400' })
    expect(resultSentence({ step: 'codes', trace: lesson, data: DATA }, pt).text).toMatch(
      /^As três recusas de pedidos vieram com o mesmo código, 404, .* recebeu 400\.$/,
    )
    const http = codes({ unknown: '404', conflict: '409', missing: '400', broken: '400' })
    expect(resultSentence({ step: 'codes', trace: http, data: DATA }, en).text).toBe(
      'This server uses precise codes: 404 for the user who does not exist, 409 for the repeated email, 400 for the missing field and 400 for the broken JSON.',
    )
    // A made-up server with other numbers gets its own numbers quoted back.
    const odd = codes({ unknown: '418', conflict: '418', missing: '418', broken: '422' })
    expect(resultSentence({ step: 'codes', trace: odd, data: DATA }, en).text).toContain(
      'the same code, 418,',
    )
  })

  it('tells apart a created-and-read user from unexpected answers', () => {
    const record = { Nome: null, Endereço: null, Telefone: null, Email: DATA.email }
    const ok = [exchange('200', 'Novo'), exchange('200', record)]
    expect(resultSentence({ step: 'messages', trace: ok, data: DATA }, pt)).toMatchObject({
      tone: 'ok',
      text: expect.stringContaining('respondeu 200 ao CRIAR e 200 ao CONSULTAR: criou aluno-abc'),
    })
    const refused = [exchange('404', 'já'), exchange('200', record)]
    expect(resultSentence({ step: 'messages', trace: refused, data: DATA }, pt)).toMatchObject({
      tone: 'bad',
      text: expect.stringContaining('(404 e 200)'),
    })
  })

  it('reads the framing step from both columns, and a lucky naive as neither good nor bad', () => {
    const done = (naive: string[], json: string[]) =>
      resultSentence({ step: 'framing', trace: [], data: DATA, framing: { naive, json } }, pt)
    expect(done(['400', '400'], ['200'])).toMatchObject({
      tone: 'ok',
      text: expect.stringMatching(/^O servidor naive respondeu 400, 400: .* com 200\.$/),
    })
    expect(done(['200'], ['200']).tone).toBe('info')
    expect(done([], [])).toEqual({
      tone: 'bad',
      text: 'Respostas do servidor naive: —. Do json: —.',
    })
  })

  it('says B read the Telefone A wrote, with both local ports', () => {
    const record = { Nome: null, Endereço: null, Telefone: DATA.phone, Email: DATA.email }
    const trace: TraceItem[] = [
      { type: 'open', who: 'A', local: end(50001), remote: end(3213) },
      { type: 'open', who: 'B', local: end(50002), remote: end(3213) },
      { ...exchange('200', record), who: 'B' } as TraceItem,
    ]
    expect(resultSentence({ step: 'concurrency', trace, data: DATA }, en).text).toBe(
      "B read the Telefone 91234567 that A had just written, with both connections open at once (local ports 50001 and 50002). With the lesson's server, B would have waited for A to finish.",
    )
    expect(resultSentence({ step: 'concurrency', trace: [], data: DATA }, pt)).toEqual({
      tone: 'bad',
      text: 'B não encontrou o Telefone que A gravou (resposta —).',
    })
  })
})

describe('troubleSentence', () => {
  it('gives the connection its own reason: server down, bridge down', () => {
    const refused = {
      kind: 'closed',
      reason: {
        kind: 'closed',
        code: CLOSE.TARGET_UNREACHABLE,
        reason: 'x',
        errno: 'ECONNREFUSED',
      },
    } as const
    expect(troubleSentence(refused, 'sockets', pt)).toBe(
      'O experimento não terminou. O servidor TCP recusou a conexão (ECONNREFUSED). Ele está rodando nessa porta?',
    )
    const unreachable = {
      kind: 'closed',
      reason: { kind: 'unreachable', url: 'ws://h/ws' },
    } as const
    expect(troubleSentence(unreachable, 'codes', en)).toMatch(
      /^The experiment did not finish\. .*ws:\/\/h\/ws/,
    )
    expect(troubleSentence({ kind: 'timeout' }, 'codes', pt)).toMatch(/não respondeu a tempo/)
  })

  it('says which servers the framing step misses', () => {
    expect(troubleSentence({ kind: 'no-target' }, 'framing', en)).toMatch(/naive and json/)
    expect(troubleSentence({ kind: 'no-target' }, 'messages', en)).toBe(
      'The bridge offers no server for this step.',
    )
  })
})
