// The lesson's level, continued: json.dumps's encoding, exact emails and ignored extra fields.
import {
  bytes,
  create,
  created,
  modified,
  modify,
  ok,
  okRecord,
  read,
  record,
  req,
  send,
  tidy,
  unknown,
} from './build.ts'
import { FIELD, TEXT, VALUE } from '../protocol.ts'
import type { Case } from './types.ts'

const lesson = { level: 'lesson' } as const

const encoding = (
  id: string,
  title: Case['title'],
  teaches: Case['teaches'],
  steps: Case['steps'],
): Case => ({
  ...lesson,
  id: `encoding-${id}`,
  group: 'encoding',
  title,
  teaches,
  steps,
})

const encodings: Case[] = [
  encoding(
    'escapes',
    { pt: 'Acentos viram \\u00XX minúsculo', en: 'Accents become lowercase \\u00XX' },
    {
      pt: 'json.dumps escreve todo caractere fora do ASCII como \\uXXXX com hexadecimal minúsculo: "João" vira "Jo\\u00e3o", e a chave Endereço vira "Endere\\u00e7o".',
      en: 'json.dumps writes every non-ASCII character as \\uXXXX in lowercase hex: "João" becomes "Jo\\u00e3o", and the key Endereço becomes "Endere\\u00e7o".',
    },
    ({ email }) => {
      const a = email('a')
      return [
        send(create(a), created(a)),
        send(modify(a, 'Nome', 'João Conceição'), modified(a, 'Nome', 'João Conceição')),
        send(modify(a, 'Endereço', 'Praça São Brás'), modified(a, 'Endereço', 'Praça São Brás')),
        send(read(a), okRecord(record(a, { Nome: 'João Conceição', Endereço: 'Praça São Brás' }))),
        tidy(a),
      ]
    },
  ),
  encoding(
    'surrogates',
    { pt: 'Emoji vira um par \\ud83d\\ude00', en: 'An emoji becomes a pair \\ud83d\\ude00' },
    {
      pt: 'Um caractere além de U+FFFF (😀) sai como dois escapes, um par substituto: \\ud83d\\ude00.',
      en: 'A character beyond U+FFFF (😀) is written as two escapes, a surrogate pair: \\ud83d\\ude00.',
    },
    ({ email }) => {
      const a = email('a')
      return [
        send(create(a), created(a)),
        send(modify(a, 'Nome', 'Ana 😀'), modified(a, 'Nome', 'Ana 😀')),
        send(read(a), okRecord(record(a, { Nome: 'Ana 😀' }))),
        tidy(a),
      ]
    },
  ),
  encoding(
    'controls',
    { pt: 'Aspas, barra e quebras escapadas', en: 'Quotes, backslash and newlines escaped' },
    {
      pt: 'Dentro de uma string, json.dumps escreve \\" \\\\ \\n \\t e os outros controles como \\u0001.',
      en: 'Inside a string, json.dumps writes \\" \\\\ \\n \\t and other control characters as \\u0001.',
    },
    ({ email }) => {
      const a = email('a')
      const value = 'Rua "A"\\1\n\tfim\u0001'
      return [
        send(create(a), created(a)),
        send(modify(a, 'Endereço', value), modified(a, 'Endereço', value)),
        send(read(a), okRecord(record(a, { Endereço: value }))),
        tidy(a),
      ]
    },
  ),
  encoding(
    'key-order',
    { pt: 'A ordem das chaves do registro', en: "The record's key order" },
    {
      pt: 'O registro mantém a ordem Nome, Endereço, Telefone, Email, qualquer que seja a ordem das modificações (um dict Python guarda a ordem de criação).',
      en: 'The record keeps the order Nome, Endereço, Telefone, Email, whatever the order of changes (a Python dict keeps its creation order).',
    },
    ({ email }) => {
      const a = email('a')
      return [
        send(create(a), created(a)),
        send(modify(a, 'Telefone', '999'), modified(a, 'Telefone', '999')),
        send(modify(a, 'Endereço', 'Rua B'), modified(a, 'Endereço', 'Rua B')),
        send(modify(a, 'Nome', 'Zé'), modified(a, 'Nome', 'Zé')),
        send(read(a), okRecord(record(a, { Nome: 'Zé', Endereço: 'Rua B', Telefone: '999' }))),
        tidy(a),
      ]
    },
  ),
  encoding(
    'raw-utf8-request',
    { pt: 'Pedido em UTF-8 cru', en: 'A request in raw UTF-8' },
    {
      pt: 'Um pedido pode trazer "SERVIÇO" em UTF-8 cru em vez de "SERVI\\u00c7O": os dois são o mesmo JSON.',
      en: 'A request may carry "SERVIÇO" as raw UTF-8 instead of "SERVI\\u00c7O": both are the same JSON.',
    },
    ({ email }) => {
      const a = 'joão.' + email('a')
      const raw = `{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "${a}"}`
      return [
        send(bytes(raw), created(a), {
          what: { pt: 'CRIAR USUARIO em UTF-8 cru', en: 'CRIAR USUARIO in raw UTF-8' },
        }),
        send(read(a), okRecord(record(a))),
        tidy(a),
      ]
    },
  ),
]

const others: Case[] = [
  {
    ...lesson,
    id: 'email-exact',
    group: 'checks',
    title: { pt: 'O email é comparado exatamente', en: 'The email is compared exactly' },
    teaches: {
      pt: 'EMAIL_USUARIO é uma chave de dicionário: sem ignorar maiúsculas e sem tirar espaços.',
      en: 'EMAIL_USUARIO is a dictionary key: no case folding, no trimming.',
    },
    steps: ({ email }) => {
      const a = 'Ana.' + email('a')
      return [
        send(create(a), created(a)),
        send(read(a.toLowerCase()), unknown(a.toLowerCase())),
        send(read(a + ' '), unknown(a + ' ')),
        send(read(a), okRecord(record(a))),
        tidy(a),
      ]
    },
  },
  {
    ...lesson,
    id: 'extra-fields',
    group: 'checks',
    title: { pt: 'Campos a mais são ignorados', en: 'Extra fields are ignored' },
    teaches: {
      pt: 'CRIAR com CAMPO, VALOR ou outro campo a mais cria o usuário vazio: os campos a mais não contam.',
      en: 'CRIAR with CAMPO, VALOR or another extra field creates an empty user: extra fields do not count.',
    },
    steps: ({ email }) => {
      const a = email('a')
      const extra = { [FIELD]: 'Nome', [VALUE]: 'X', OUTRO: [1, 2] }
      return [
        send(req('CRIAR USUARIO', a, extra), ok(TEXT.created(a))),
        send(read(a), okRecord(record(a))),
        tidy(a),
      ]
    },
  },
]

/** Encoding and key cases of the lesson's level, in run order. */
export const ENCODING_CASES: readonly Case[] = [...encodings, ...others]
