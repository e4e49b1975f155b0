// Beyond the lesson, last: bad input, which brings a first server down (PROTOCOL.md's malformed input).
import { bytes, read, remove, send, shaped, unknown } from './build.ts'
import { dumpsBytes } from '../codec.ts'
import { TEXT } from '../protocol.ts'
import type { Case, Step } from './types.ts'

const beyond = { level: 'beyond' } as const

/** A bad message, its refusal (shape only), then a request on the same connection: it goes on. */
function badThenGoOn(body: Uint8Array, sample: string, what: Case['title'], a: string): Step[] {
  return [
    send(body, shaped('malformed', sample), { what, hints: { closed: 'crash-bad-input' } }),
    send(read(a), unknown(a)),
  ]
}

/** The bad-input cases, in run order (oversize last: on json it ends the connection). */
export const BAD_INPUT_CASES: readonly Case[] = [
  {
    ...beyond,
    id: 'bad-invalid-json',
    group: 'bad-input',
    title: { pt: 'JSON inválido', en: 'Invalid JSON' },
    teaches: {
      pt: 'O servidor da aula cai no json.loads; aqui a resposta é 400 com uma EXPLICAÇÃO que diz o problema, e a conexão continua.',
      en: "The lesson's server crashes in json.loads; here the answer is 400 with an EXPLICAÇÃO that says what is wrong, and the connection goes on.",
    },
    steps: ({ email }) =>
      badThenGoOn(
        bytes('{not json}'),
        TEXT.notJson('erro de sintaxe no caractere 2 (perto de "not json}")'),
        { pt: 'JSON inválido ({not json})', en: 'invalid JSON ({not json})' },
        email('a'),
      ),
  },
  {
    ...beyond,
    id: 'bad-invalid-utf8',
    group: 'bad-input',
    title: { pt: 'UTF-8 inválido', en: 'Invalid UTF-8' },
    teaches: {
      pt: 'Um cliente que codifica em latin-1 manda o Ç como o byte C7, que não é UTF-8: o servidor da aula cai no decode; aqui a resposta é 400 e nomeia a posição do byte.',
      en: "A client encoding latin-1 sends Ç as the byte C7, which is not UTF-8: the lesson's server crashes in decode; here the answer is 400, naming the byte's offset.",
    },
    steps: ({ email }) =>
      badThenGoOn(
        bytes(
          '{"SERVI\\xc7O": "Dados Pessoais", "A\\xc7\\xc3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "x"}',
        ),
        TEXT.notUtf8(7),
        { pt: 'UTF-8 inválido (o byte C7 do latin-1)', en: 'invalid UTF-8 (latin-1’s byte C7)' },
        email('a'),
      ),
  },
  {
    ...beyond,
    id: 'bad-not-object',
    group: 'bad-input',
    title: { pt: 'JSON que não é objeto', en: 'JSON that is not an object' },
    teaches: {
      pt: 'Um pedido é um objeto JSON; [1] é JSON válido mas não é pedido: 400, e a conexão continua.',
      en: 'A request is a JSON object; [1] is valid JSON but not a request: 400, and the connection goes on.',
    },
    steps: ({ email }) =>
      badThenGoOn(
        bytes('[1]'),
        TEXT.notObject('um array'),
        { pt: 'um JSON que não é objeto ([1])', en: 'JSON that is not an object ([1])' },
        email('a'),
      ),
  },
  {
    ...beyond,
    id: 'bad-oversize',
    group: 'bad-input',
    title: { pt: 'Mensagem grande demais', en: 'A message too large' },
    teaches: {
      pt: 'Acima do limite (64 KiB por padrão) o servidor responde 413 sem guardar o resto; em ndjson e length a conexão continua, em json ela é fechada.',
      en: 'Past the limit (64 KiB by default) the server answers 413 without keeping the rest; on ndjson and length the connection goes on, on json it is closed.',
    },
    conns: 'own',
    notFor: {
      framings: ['naive'],
      why: {
        pt: 'No naive cada leitura de até 512 bytes é uma mensagem: uma mensagem longa vira várias inválidas, nunca uma grande demais.',
        en: 'On naive each read of up to 512 bytes is one message: a long message becomes several invalid ones, never one too large.',
      },
    },
    steps: ({ email, framing, maxMessage }) => {
      const a = email('a')
      const big = { ...read(a), X: 'a'.repeat(maxMessage + 1024) }
      const size = dumpsBytes(big).length
      const closing = framing === 'json'
      const steps: Step[] = [
        send(big, shaped('too-large', TEXT.tooLarge(maxMessage, closing)), {
          what: { pt: `uma mensagem de ${size} bytes`, en: `a message of ${size} bytes` },
          hints: { mismatch: 'no-size-limit', closed: 'crash-bad-input' },
        }),
      ]
      if (!closing) steps.push(send(remove(a), unknown(a)))
      return steps
    },
  },
]
