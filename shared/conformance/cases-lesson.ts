// The lesson's level: the ten-message scenario and one case per check row of PROTOCOL.md.
import {
  create,
  created,
  invalid,
  missing,
  modified,
  modify,
  okRecord,
  read,
  record,
  removed,
  remove,
  req,
  send,
  taken,
  tidy,
  unknown,
} from './build.ts'
import { ACTION, EMAIL, FIELD, SERVICE, VALUE } from '../protocol.ts'
import type { Case } from './types.ts'

const lesson = { level: 'lesson' } as const

/** The lesson's second client cell: ten requests, answered byte for byte as PROTOCOL.md lists. */
const scenario: Case = {
  ...lesson,
  id: 'scenario',
  group: 'scenario',
  title: {
    pt: 'O cenário da aula: dez mensagens, resposta por resposta',
    en: "The lesson's scenario: ten messages, answer for answer",
  },
  teaches: {
    pt: 'O cliente da aula cria eu@gmail.com, muda o Email para meu@gmail.com, preenche Telefone e Nome e remove o usuário; cada resposta deve ser igual à do servidor da aula, byte a byte.',
    en: "The lesson's client creates eu@gmail.com, renames it to meu@gmail.com, sets Telefone and Nome and removes the user; every answer must equal the lesson server's, byte for byte.",
  },
  steps: ({ scenarioEmails: [eu, meu] }) => [
    send(read(eu), unknown(eu)),
    send(create(eu), created(eu)),
    send(modify(eu, 'Email', meu), modified(eu, 'Email', meu)),
    send(read(eu), unknown(eu)),
    send(read(meu), okRecord(record(meu))),
    send(modify(meu, 'Telefone', '3218181'), modified(meu, 'Telefone', '3218181')),
    send(modify(meu, 'Nome', 'Cabron'), modified(meu, 'Nome', 'Cabron')),
    send(read(meu), okRecord(record(meu, { Nome: 'Cabron', Telefone: '3218181' }))),
    send(remove(meu), removed(meu)),
    send(remove(meu), unknown(meu)),
    // A run that failed half-way leaves the users behind; remove them so a re-run starts clean.
    { ...send(remove(eu), removed(eu)), cleanup: 'if-failed' },
    { ...send(remove(meu), removed(meu)), cleanup: 'if-failed' },
  ],
}

const check = (
  row: string,
  title: Case['title'],
  teaches: Case['teaches'],
  steps: Case['steps'],
): Case => ({ ...lesson, id: `check-${row}`, group: 'checks', title, teaches, steps })

const SVC = { [SERVICE]: 'Dados Pessoais' }

const checks: Case[] = [
  check(
    '1',
    { pt: 'Linha 1: sem SERVIÇO', en: 'Row 1: no SERVIÇO' },
    {
      pt: 'A primeira verificação: uma mensagem sem SERVIÇO (mesmo vazia) recebe 404 e o texto da linha 1.',
      en: 'The first check: a message without SERVIÇO (even an empty one) gets 404 and row 1’s text.',
    },
    ({ email }) => [
      send({ [ACTION]: 'CRIAR USUARIO', [EMAIL]: email('a') }, missing(SERVICE)),
      send({}, missing(SERVICE)),
    ],
  ),
  check(
    '2',
    { pt: 'Linha 2: SERVIÇO desconhecido', en: 'Row 2: unknown SERVIÇO' },
    {
      pt: 'Só existe o serviço "Dados Pessoais"; outro valor é citado no texto depois de ":".',
      en: 'The only service is "Dados Pessoais"; any other value is quoted in the text after ":".',
    },
    ({ email }) => [
      send(
        { [SERVICE]: 'Dados Profissionais', [ACTION]: 'CRIAR USUARIO', [EMAIL]: email('a') },
        invalid(SERVICE, 'Dados Profissionais'),
      ),
    ],
  ),
  check(
    '3',
    { pt: 'Linha 3: sem AÇÃO', en: 'Row 3: no AÇÃO' },
    {
      pt: 'Com SERVIÇO certo e sem AÇÃO, a resposta é a da linha 3, mesmo sem EMAIL_USUARIO.',
      en: 'With a valid SERVIÇO and no AÇÃO, the answer is row 3’s, even without EMAIL_USUARIO.',
    },
    ({ email }) => [
      send({ ...SVC, [EMAIL]: email('a') }, missing(ACTION)),
      send(SVC, missing(ACTION)),
    ],
  ),
  check(
    '4',
    { pt: 'Linha 4: AÇÃO desconhecida', en: 'Row 4: unknown AÇÃO' },
    {
      pt: 'Só as quatro ações existem; outra é citada no texto.',
      en: 'Only the four actions exist; any other is quoted in the text.',
    },
    ({ email }) => [
      send(
        { ...SVC, [ACTION]: 'APAGAR USUARIO', [EMAIL]: email('a') },
        invalid(ACTION, 'APAGAR USUARIO'),
      ),
    ],
  ),
  check(
    '5',
    { pt: 'Linha 5: sem EMAIL_USUARIO', en: 'Row 5: no EMAIL_USUARIO' },
    {
      pt: 'Toda ação precisa do EMAIL_USUARIO, a chave do registro.',
      en: 'Every action needs EMAIL_USUARIO, the registry’s key.',
    },
    () => [send({ ...SVC, [ACTION]: 'CRIAR USUARIO' }, missing(EMAIL))],
  ),
  check(
    '6a',
    { pt: 'Linha 6a: CRIAR um email novo', en: 'Row 6a: CRIAR a new email' },
    {
      pt: 'Um email ainda não registrado é criado com 200 e "Novo usuário registrado com email:".',
      en: 'An email not yet registered is created with 200 and "Novo usuário registrado com email:".',
    },
    ({ email }) => [send(create(email('a')), created(email('a'))), tidy(email('a'))],
  ),
  check(
    '6b',
    { pt: 'Linha 6b: usuário não registrado', en: 'Row 6b: user not registered' },
    {
      pt: 'CONSULTAR, REMOVER e MODIFICAR de um email desconhecido recebem 404 "Usuário não registrado:", antes de olhar CAMPO e VALOR.',
      en: 'CONSULTAR, REMOVER and MODIFICAR of an unknown email get 404 "Usuário não registrado:", before CAMPO and VALOR are looked at.',
    },
    ({ email }) => [
      send(read(email('a')), unknown(email('a'))),
      send(remove(email('a')), unknown(email('a'))),
      send(req('MODIFICAR USUARIO', email('a')), unknown(email('a'))),
    ],
  ),
  check(
    '7',
    { pt: 'Linha 7: CRIAR duas vezes', en: 'Row 7: CRIAR twice' },
    {
      pt: 'Criar um email já registrado é recusado com "Usuário já registrado:".',
      en: 'Creating an email already registered is refused with "Usuário já registrado:".',
    },
    ({ email }) => [
      send(create(email('a')), created(email('a'))),
      send(create(email('a')), taken(email('a'))),
      tidy(email('a')),
    ],
  ),
  check(
    '8',
    { pt: 'Linha 8: CONSULTAR devolve o registro', en: 'Row 8: CONSULTAR returns the record' },
    {
      pt: 'A EXPLICAÇÃO de CONSULTAR é o próprio registro, um objeto JSON (não um texto): Nome, Endereço e Telefone null, e o Email.',
      en: 'CONSULTAR’s EXPLICAÇÃO is the record itself, a JSON object (not a string): Nome, Endereço and Telefone null, then Email.',
    },
    ({ email }) => [
      send(create(email('a')), created(email('a'))),
      send(read(email('a')), okRecord(record(email('a')))),
      tidy(email('a')),
    ],
  ),
  check(
    '9',
    { pt: 'Linha 9: REMOVER', en: 'Row 9: REMOVER' },
    {
      pt: 'REMOVER apaga o registro: depois dele, CONSULTAR responde "não registrado".',
      en: 'REMOVER deletes the record: after it, CONSULTAR answers "não registrado".',
    },
    ({ email }) => [
      send(create(email('a')), created(email('a'))),
      send(remove(email('a')), removed(email('a'))),
      send(read(email('a')), unknown(email('a'))),
    ],
  ),
  check(
    '10',
    { pt: 'Linha 10: MODIFICAR sem CAMPO', en: 'Row 10: MODIFICAR without CAMPO' },
    {
      pt: 'MODIFICAR de um usuário registrado precisa de CAMPO.',
      en: 'MODIFICAR of a registered user needs CAMPO.',
    },
    ({ email }) => [
      send(create(email('a')), created(email('a'))),
      send(req('MODIFICAR USUARIO', email('a')), missing(FIELD)),
      tidy(email('a')),
    ],
  ),
  check(
    '11',
    { pt: 'Linha 11: CAMPO desconhecido', en: 'Row 11: unknown CAMPO' },
    {
      pt: 'CAMPO é Nome, Endereço, Telefone ou Email; outro é citado no texto, antes de olhar VALOR.',
      en: 'CAMPO is Nome, Endereço, Telefone or Email; any other is quoted, before VALOR is looked at.',
    },
    ({ email }) => [
      send(create(email('a')), created(email('a'))),
      send(modify(email('a'), 'Idade', '30'), invalid(FIELD, 'Idade')),
      send(req('MODIFICAR USUARIO', email('a'), { [FIELD]: 'Idade' }), invalid(FIELD, 'Idade')),
      tidy(email('a')),
    ],
  ),
  check(
    '12',
    { pt: 'Linha 12: MODIFICAR sem VALOR', en: 'Row 12: MODIFICAR without VALOR' },
    { pt: 'Com um CAMPO válido, falta o VALOR.', en: 'With a valid CAMPO, VALOR is missing.' },
    ({ email }) => [
      send(create(email('a')), created(email('a'))),
      send(req('MODIFICAR USUARIO', email('a'), { [FIELD]: 'Nome' }), missing(VALUE)),
      tidy(email('a')),
    ],
  ),
  check(
    '13',
    {
      pt: 'Linha 13: MODIFICAR Nome, Endereço, Telefone',
      en: 'Row 13: MODIFICAR Nome, Endereço, Telefone',
    },
    {
      pt: 'Cada MODIFICAR responde 200 com o email, o CAMPO e o VALOR; CONSULTAR mostra os três valores.',
      en: 'Each MODIFICAR answers 200 naming the email, CAMPO and VALOR; CONSULTAR shows the three values.',
    },
    ({ email }) => {
      const a = email('a')
      return [
        send(create(a), created(a)),
        send(modify(a, 'Nome', 'Maria'), modified(a, 'Nome', 'Maria')),
        send(modify(a, 'Endereço', 'Rua A, 1'), modified(a, 'Endereço', 'Rua A, 1')),
        send(modify(a, 'Telefone', '3218181'), modified(a, 'Telefone', '3218181')),
        send(
          read(a),
          okRecord(record(a, { Nome: 'Maria', Endereço: 'Rua A, 1', Telefone: '3218181' })),
        ),
        tidy(a),
      ]
    },
  ),
  check(
    '13-email',
    { pt: 'Linha 13: trocar o Email muda a chave', en: 'Row 13: renaming Email moves the key' },
    {
      pt: 'MODIFICAR o Email move o registro para a nova chave: o email antigo deixa de existir.',
      en: 'MODIFICAR of Email moves the record to the new key: the old email is gone.',
    },
    ({ email }) => {
      const [a, b] = [email('a'), email('b')]
      return [
        send(create(a), created(a)),
        send(modify(a, 'Email', b), modified(a, 'Email', b)),
        send(read(a), unknown(a)),
        send(read(b), okRecord(record(b))),
        tidy(b),
      ]
    },
  ),
]

/** The scenario and the check rows, in run order (the lesson's level, on one connection). */
export const LESSON_CASES: readonly Case[] = [scenario, ...checks]
