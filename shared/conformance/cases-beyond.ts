// Beyond the lesson: the deliberate deviations, several clients and framing (PROTOCOL.md).
import {
  create,
  created,
  invalid,
  modified,
  modify,
  okRecord,
  on,
  read,
  record,
  removed,
  remove,
  req,
  send,
  taken,
  tidy,
} from './build.ts'
import { EMAIL, FIELD, VALUE } from '../protocol.ts'
import { BAD_INPUT_CASES } from './cases-bad-input.ts'
import type { Case } from './types.ts'

const beyond = { level: 'beyond' } as const

const deviations: Case[] = [
  {
    ...beyond,
    id: 'rename-onto-registered',
    group: 'deviations',
    title: {
      pt: 'Trocar o Email para um já registrado',
      en: 'Renaming Email onto a registered one',
    },
    teaches: {
      pt: 'O servidor da aula apaga o outro usuário sem avisar; aqui a troca é recusada com "Usuário já registrado:" e nada muda.',
      en: 'The lesson\'s server silently overwrites the other user; here the rename is refused with "Usuário já registrado:" and nothing changes.',
    },
    steps: ({ email }) => {
      const [a, b] = [email('a'), email('b')]
      return [
        send(create(a), created(a)),
        send(create(b), created(b)),
        send(modify(b, 'Nome', 'Bia'), modified(b, 'Nome', 'Bia')),
        send(modify(a, 'Email', b), taken(b)),
        send(read(a), okRecord(record(a))),
        send(read(b), okRecord(record(b, { Nome: 'Bia' }))),
        tidy(a),
        tidy(b),
      ]
    },
  },
  {
    ...beyond,
    id: 'rename-same',
    group: 'deviations',
    title: { pt: 'Trocar o Email para o mesmo', en: 'Renaming Email to itself' },
    teaches: {
      pt: 'No servidor da aula, trocar o Email pelo mesmo apaga o usuário (cria a chave nova e apaga a antiga, que é a mesma); aqui ele continua lá.',
      en: "In the lesson's server, renaming Email to itself deletes the user (it stores the new key, then deletes the old one, the same key); here the user stays.",
    },
    steps: ({ email }) => {
      const a = email('a')
      return [
        send(create(a), created(a)),
        send(modify(a, 'Email', a), modified(a, 'Email', a)),
        send(read(a), okRecord(record(a))),
        tidy(a),
      ]
    },
  },
  {
    ...beyond,
    id: 'email-not-string',
    group: 'deviations',
    title: { pt: 'EMAIL_USUARIO que não é texto', en: 'An EMAIL_USUARIO that is not a string' },
    teaches: {
      pt: 'O servidor da aula usa um número como email; aqui ele é uma entrada inválida, citada como JSON compacto.',
      en: "The lesson's server uses a number as an email; here it is an invalid entry, quoted as compact JSON.",
    },
    steps: () => [send(req('CRIAR USUARIO', 12345), invalid(EMAIL, 12345))],
  },
  {
    ...beyond,
    id: 'campo-not-string',
    group: 'deviations',
    title: { pt: 'CAMPO que não é texto', en: 'A CAMPO that is not a string' },
    teaches: {
      pt: 'Um CAMPO ["Nome"] é inválido e é citado como JSON compacto (["Nome"]), não como o Python o imprime ([\'Nome\']).',
      en: 'A CAMPO ["Nome"] is invalid and quoted as compact JSON (["Nome"]), not as Python prints it ([\'Nome\']).',
    },
    steps: ({ email }) => {
      const a = email('a')
      return [
        send(create(a), created(a)),
        send(modify(a, ['Nome'], 'X'), invalid(FIELD, ['Nome'])),
        tidy(a),
      ]
    },
  },
  {
    ...beyond,
    id: 'valor-not-string',
    group: 'deviations',
    title: { pt: 'VALOR que não é texto', en: 'A VALOR that is not a string' },
    teaches: {
      pt: 'O servidor da aula guarda o número 3218181 como Telefone; aqui um VALOR que não é texto é recusado e nada muda.',
      en: "The lesson's server stores the number 3218181 as Telefone; here a VALOR that is not a string is refused and nothing changes.",
    },
    steps: ({ email }) => {
      const a = email('a')
      return [
        send(create(a), created(a)),
        send(modify(a, 'Telefone', 3218181), invalid(VALUE, 3218181)),
        send(read(a), okRecord(record(a))),
        tidy(a),
      ]
    },
  },
]

const ONE_CLIENT = { timeout: 'one-client', closed: 'one-client', refused: 'one-client' } as const

const clients: Case[] = [
  {
    ...beyond,
    id: 'clients-at-once',
    group: 'clients',
    title: { pt: 'Três clientes ao mesmo tempo', en: 'Three clients at once' },
    teaches: {
      pt: 'O servidor da aula atende um cliente só (Thread.run() roda o atendimento na própria thread de escuta); aqui três clientes conectados juntos são atendidos e veem o mesmo registro.',
      en: "The lesson's server serves one client only (Thread.run() runs the handler in the listening thread itself); here three clients connected together are all served and see the same registry.",
    },
    steps: ({ email }) => {
      const a = email('a')
      return [
        { op: 'open', conn: 1, hints: ONE_CLIENT },
        { op: 'open', conn: 2, hints: ONE_CLIENT },
        on(0, create(a), created(a)),
        on(1, read(a), okRecord(record(a)), ONE_CLIENT),
        on(2, modify(a, 'Nome', 'Caio'), modified(a, 'Nome', 'Caio'), ONE_CLIENT),
        on(0, read(a), okRecord(record(a, { Nome: 'Caio' }))),
        on(1, remove(a), removed(a), ONE_CLIENT),
        { ...tidy(a), cleanup: 'if-failed' },
      ]
    },
  },
  {
    ...beyond,
    id: 'clients-one-after-another',
    group: 'clients',
    title: { pt: 'Um cliente depois do outro', en: 'One client after another' },
    teaches: {
      pt: 'O servidor da aula fecha o socket de escuta quando seu cliente sai; aqui o servidor continua aceitando conexões, e o registro continua lá.',
      en: "The lesson's server closes its listening socket when its client leaves; here it keeps accepting connections, and the registry stays.",
    },
    conns: 'own',
    steps: ({ email }) => {
      const a = email('a')
      const hints = { refused: 'listener-closed', closed: 'listener-closed' } as const
      return [
        on(0, create(a), created(a)),
        { op: 'close', conn: 0 },
        on(1, read(a), okRecord(record(a)), hints),
        on(1, remove(a), removed(a)),
      ]
    },
  },
]

const NAIVE_WHY = {
  pt: 'No naive cada leitura (recv de até 512 bytes) é uma mensagem, como no servidor da aula: uma mensagem partida ou duas coladas não podem dar certo sem framing. Escolha json, ndjson ou length para verificar isto.',
  en: "On naive each read (a recv of up to 512 bytes) is one message, as in the lesson's server: a split message or two glued ones cannot work without framing. Choose json, ndjson or length to check this.",
}

const framing: Case[] = [
  {
    ...beyond,
    id: 'framing-split',
    group: 'framing',
    title: { pt: 'Uma mensagem em duas escritas', en: 'One message in two writes' },
    teaches: {
      pt: 'O TCP entrega bytes, não mensagens: um send() pode chegar em dois recv(). O servidor junta os pedaços até o framing dizer que a mensagem terminou.',
      en: 'TCP delivers bytes, not messages: one send() may arrive as two recv(). The server gathers the pieces until the framing says the message is complete.',
    },
    notFor: { framings: ['naive'], why: NAIVE_WHY },
    steps: ({ email }) => {
      const a = email('a')
      const hints = { closed: 'split-read', mismatch: 'split-read', timeout: 'split-read' } as const
      return [
        send(create(a), created(a), {
          split: true,
          hints,
          what: {
            pt: 'uma mensagem partida em duas escritas',
            en: 'a message split over two writes',
          },
        }),
        tidy(a),
      ]
    },
  },
  {
    ...beyond,
    id: 'framing-glued',
    group: 'framing',
    title: { pt: 'Duas mensagens numa escrita', en: 'Two messages in one write' },
    teaches: {
      pt: 'Dois send() podem chegar num só recv(). O servidor separa as mensagens pelo framing e responde cada uma, na ordem.',
      en: 'Two send() may arrive as one recv(). The server separates the messages by the framing and answers each, in order.',
    },
    notFor: { framings: ['naive'], why: NAIVE_WHY },
    steps: ({ email }) => {
      const a = email('a')
      return [
        {
          op: 'send',
          send: [create(a), read(a)],
          expect: [created(a), okRecord(record(a))],
          hints: { closed: 'glued-read', mismatch: 'glued-read', timeout: 'glued-read' },
          what: {
            pt: 'duas mensagens coladas numa escrita',
            en: 'two messages glued in one write',
          },
        },
        tidy(a),
      ]
    },
  },
]

/** Beyond the lesson, in run order: the cases least likely to bring a first server down come first. */
export const BEYOND_CASES: readonly Case[] = [
  ...deviations,
  ...clients,
  ...framing,
  ...BAD_INPUT_CASES,
]
