import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../../i18n/all-messages.ts'
import { notLessonSentence } from '../../i18n/describe.ts'
import { decodeMessage } from './decode.ts'
import { answerProblem } from './not-lesson.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const problemOf = (text: string) => answerProblem(decodeMessage('received', utf8(text)))

describe('answers that are not the lesson protocol', () => {
  it('says in plain words what is wrong with an echoed request, never a zod dump', () => {
    // A student's echo server sends the request back: an object without the answer's keys.
    const echo = '{"SERVI\\u00c7O": "Dados Pessoais", "EMAIL_USUARIO": "eu@gmail.com"}'
    expect(problemOf(echo)).toEqual({ kind: 'missing', key: 'CODIGO DE ERRO' })
    const pt = notLessonSentence(problemOf(echo)!, MESSAGES.pt)
    expect(pt).toBe('Esta resposta não é do protocolo da aula: falta a chave "CODIGO DE ERRO".')
    expect(pt).not.toMatch(/Entrada inválida|undefined|→ at/)
    expect(notLessonSentence(problemOf(echo)!, MESSAGES.en)).toBe(
      'This answer is not the lesson’s protocol: the key "CODIGO DE ERRO" is missing.',
    )
  })

  it('names each way an answer can miss the protocol', () => {
    expect(problemOf('hello\r\n')).toMatchObject({ kind: 'not-json' })
    expect(problemOf('{"a": 1 "b"}')).toEqual({ kind: 'not-json', at: expect.any(Number) })
    expect(answerProblem(decodeMessage('received', new Uint8Array([0x7b, 0xff, 0x7d])))).toEqual({
      kind: 'not-utf8',
      offset: 1,
    })
    expect(problemOf('[1, 2]')).toEqual({ kind: 'not-object', what: 'array' })
    expect(problemOf('"oi"')).toEqual({ kind: 'not-object', what: 'string' })
    expect(problemOf('null')).toEqual({ kind: 'not-object', what: 'null' })
    expect(problemOf('{"CODIGO DE ERRO": 200, "EXPLICAÇÃO": "x"}')).toEqual({ kind: 'bad-code' })
    expect(problemOf('{"CODIGO DE ERRO": "200"}')).toEqual({ kind: 'missing', key: 'EXPLICAÇÃO' })
    expect(problemOf('{"CODIGO DE ERRO": "200", "EXPLICAÇÃO": 3}')).toEqual({
      kind: 'bad-explanation',
    })
    for (const lang of ['pt', 'en'] as const) {
      const sentence = notLessonSentence({ kind: 'not-object', what: 'array' }, MESSAGES[lang])
      expect(sentence).toMatch(lang === 'pt' ? /uma lista/ : /a list/)
    }
  })

  it('has nothing to say about a lesson answer', () => {
    const answer = '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "ok"}'
    expect(problemOf(answer)).toBeUndefined()
  })
})
