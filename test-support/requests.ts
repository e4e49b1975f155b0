// Requests and their exact answers for tests, the soak and the benchmarks: a client's cycle of the four actions.
import { dumps, dumpsBytes } from '../shared/codec.ts'
import { encodeFrame, type Framing } from '../shared/framing.ts'
import { CODE, EXPLANATION, TEXT } from '../shared/protocol.ts'

/** The lesson's one SERVIÇO. */
export const DP = 'Dados Pessoais'

/** The exact answer text for a code and an EXPLICAÇÃO, as json.dumps writes it. */
export const answerText = (code: string, explanation: unknown): string =>
  dumps({ [CODE]: code, [EXPLANATION]: explanation })

/** The EXPLICAÇÃO an answer's text holds. */
export const explanationOf = (text: string): unknown =>
  (JSON.parse(text) as Record<string, unknown>)[EXPLANATION]

/** PROTOCOL.md's ten answers to the lesson's scenario: its Python bytes literals, `\\` read as `\`. */
export const LESSON_ANSWERS: readonly string[] =
  String.raw`{"CODIGO DE ERRO": "404", "EXPLICA\u00c7\u00c3O": "Usu\u00e1rio n\u00e3o registrado:eu@gmail.com"}
{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": "Novo usu\u00e1rio registrado com email:eu@gmail.com"}
{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": "Usu\u00e1rio eu@gmail.com teve o CAMPO:Email atualizado para o VALOR:meu@gmail.com"}
{"CODIGO DE ERRO": "404", "EXPLICA\u00c7\u00c3O": "Usu\u00e1rio n\u00e3o registrado:eu@gmail.com"}
{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": {"Nome": null, "Endere\u00e7o": null, "Telefone": null, "Email": "meu@gmail.com"}}
{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": "Usu\u00e1rio meu@gmail.com teve o CAMPO:Telefone atualizado para o VALOR:3218181"}
{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": "Usu\u00e1rio meu@gmail.com teve o CAMPO:Nome atualizado para o VALOR:Cabron"}
{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": {"Nome": "Cabron", "Endere\u00e7o": null, "Telefone": "3218181", "Email": "meu@gmail.com"}}
{"CODIGO DE ERRO": "200", "EXPLICA\u00c7\u00c3O": "Usu\u00e1rio removido:meu@gmail.com"}
{"CODIGO DE ERRO": "404", "EXPLICA\u00c7\u00c3O": "Usu\u00e1rio n\u00e3o registrado:meu@gmail.com"}`.split(
    '\n',
  )

/** A value's bytes framed for a port. */
export const framed = (framing: Framing, value: unknown): Uint8Array =>
  encodeFrame(framing, dumpsBytes(value))

/**
 * Request `k` of a client's cycle (create, read, modify Nome, read, remove) and its exact answer text.
 * Repeating the cycle leaves the registry as it was. `name` is the Nome it sets: by default a new one
 * per round, with a 'ç' so answers escape non-ASCII text.
 */
export function cycleStep(
  email: string,
  k: number,
  name = `Nome ${Math.floor(k / 5)} ç`,
): { request: unknown; answer: string } {
  const base = { SERVIÇO: DP, EMAIL_USUARIO: email }
  const record = (nome: string | null) => ({
    Nome: nome,
    Endereço: null,
    Telefone: null,
    Email: email,
  })
  switch (k % 5) {
    case 0:
      return {
        request: { ...base, AÇÃO: 'CRIAR USUARIO' },
        answer: answerText('200', TEXT.created(email)),
      }
    case 1:
      return {
        request: { ...base, AÇÃO: 'CONSULTAR USUARIO' },
        answer: answerText('200', record(null)),
      }
    case 2:
      return {
        request: { ...base, AÇÃO: 'MODIFICAR USUARIO', CAMPO: 'Nome', VALOR: name },
        answer: answerText('200', TEXT.modified(email, 'Nome', name)),
      }
    case 3:
      return {
        request: { ...base, AÇÃO: 'CONSULTAR USUARIO' },
        answer: answerText('200', record(name)),
      }
    default:
      return {
        request: { ...base, AÇÃO: 'REMOVER USUARIO' },
        answer: answerText('200', TEXT.removed(email)),
      }
  }
}
