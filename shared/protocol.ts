// The user-service protocol of PROTOCOL.md: field names, values, texts and zod schemas, written once.
import { z } from 'zod'

/** Request field names, exactly as on the wire (accents included). */
export const SERVICE = 'SERVIÇO'
export const ACTION = 'AÇÃO'
export const EMAIL = 'EMAIL_USUARIO'
export const FIELD = 'CAMPO'
export const VALUE = 'VALOR'

/** Response field names. */
export const CODE = 'CODIGO DE ERRO'
export const EXPLANATION = 'EXPLICAÇÃO'

/** The only service. */
export const SERVICES = ['Dados Pessoais'] as const
/** The four actions, in the lesson's order. */
export const ACTIONS = [
  'CRIAR USUARIO',
  'CONSULTAR USUARIO',
  'MODIFICAR USUARIO',
  'REMOVER USUARIO',
] as const
/** A user record's fields, in the record's key order. */
export const FIELDS = ['Nome', 'Endereço', 'Telefone', 'Email'] as const

export type Service = (typeof SERVICES)[number]
export type ActionName = (typeof ACTIONS)[number]
export type FieldName = (typeof FIELDS)[number]

/** Which codes refusals get: the lesson's 404 everywhere, or precise HTTP codes (PROTOCOL.md, last paragraph). */
export type CodeMode = 'lesson' | 'http'
export const CODE_MODES = ['lesson', 'http'] as const

/** What went wrong, independent of the code mode. */
export type RefusalKind =
  | 'entry' // a missing or invalid entry (checks 1-5, 10-12)
  | 'unknown-user' // check 6b
  | 'conflict' // check 7, and a rename onto a registered email
  | 'malformed' // not JSON, not UTF-8, not an object, garbage, incomplete
  | 'too-large'
  | 'idle'
  | 'busy'
  | 'internal' // the server failed on this message (e.g. the --data file cannot be written)
  | 'full' // CRIAR past a workspace limit (PROTOCOL.md "Workspaces")

/** The status code for a refusal under a code mode. */
export function refusalCode(kind: RefusalKind, mode: CodeMode): string {
  switch (kind) {
    case 'malformed':
      return '400'
    case 'too-large':
      return '413'
    case 'idle':
      return '408'
    case 'busy':
      return '503'
    case 'internal':
      return '500'
    case 'full':
      return mode === 'http' ? '507' : '404'
    case 'entry':
      return mode === 'http' ? '400' : '404'
    case 'unknown-user':
      return '404'
    case 'conflict':
      return mode === 'http' ? '409' : '404'
  }
}

/** A received value as the `{X}` of PROTOCOL.md: a string as is, anything else as compact JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value
  const json = compactJson(value)
  return json === undefined ? String(value) : json
}

// Marks text to emit as is on compactJson's work stack (parsed JSON never holds one).
class Piece {
  constructor(readonly text: string) {}
}

/**
 * `JSON.stringify(value)` for parsed JSON, with an explicit stack instead of recursion: a message may
 * nest 30k arrays in 64 KiB, which overflows V8's stack inside JSON.stringify.
 */
export function compactJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  let out = ''
  const work: unknown[] = [value]
  while (work.length > 0) {
    const item = work.pop()
    if (item instanceof Piece) out += item.text
    else if (typeof item !== 'object' || item === null) out += JSON.stringify(item) ?? 'null'
    else if (Array.isArray(item)) {
      work.push(new Piece(']'))
      for (let i = item.length - 1; i >= 0; i--) {
        work.push(item[i])
        if (i > 0) work.push(new Piece(','))
      }
      work.push(new Piece('['))
    } else {
      const keys = Object.keys(item)
      work.push(new Piece('}'))
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!
        work.push((item as Record<string, unknown>)[key])
        work.push(new Piece((i > 0 ? ',' : '') + JSON.stringify(key) + ':'))
      }
      work.push(new Piece('{'))
    }
  }
  return out
}

/** Every text the server sends, in Portuguese like the lesson. */
export const TEXT = {
  missing: (name: string) => `Mensagem não contém uma entrada de ${name}`,
  invalid: (name: string, value: unknown) =>
    `Mensagem contém uma entrada inválida de ${name}:${asText(value)}`,
  created: (email: string) => `Novo usuário registrado com email:${email}`,
  notRegistered: (email: string) => `Usuário não registrado:${email}`,
  alreadyRegistered: (email: string) => `Usuário já registrado:${email}`,
  removed: (email: string) => `Usuário removido:${email}`,
  modified: (email: string, field: string, value: string) =>
    `Usuário ${email} teve o CAMPO:${field} atualizado para o VALOR:${value}`,
  notJson: (detail: string) => `Mensagem não é um JSON válido: ${detail}`,
  notUtf8: (offset: number) => `Mensagem não é UTF-8 válido: byte inválido na posição ${offset}`,
  notObject: (what: string) => `Mensagem deve ser um objeto JSON, mas é ${what}`,
  garbage: (bytes: number) =>
    `${bytes} byte(s) que não iniciam um valor JSON foram descartados; uma mensagem começa com { ou [`,
  tooLarge: (limit: number, closing: boolean) =>
    `Mensagem excede o limite de ${limit} bytes` +
    (closing ? '; a conexão será encerrada' : '; o restante dela foi descartado'),
  incomplete: (bytes: number) =>
    `A conexão foi encerrada no meio de uma mensagem (${bytes} bytes sem terminar)`,
  idle: (seconds: number) =>
    `Conexão encerrada pelo servidor após ${seconds} s sem mensagens completas`,
  internal: 'Erro interno do servidor ao tratar esta mensagem; nada foi alterado',
  busy: (limit: number) =>
    `Servidor lotado: limite de ${limit} conexões atingido; tente mais tarde`,
  busyClient: (limit: number) =>
    `Conexões demais deste computador: limite de ${limit} por computador; feche algumas e tente de novo`,
  fullUsers: (limit: number) =>
    `Limite de ${limit} usuários atingido neste espaço de trabalho; remova um usuário para criar outro`,
  fullWorkspaces: (limit: number) =>
    `Limite de ${limit} espaços de trabalho atingido no servidor; nenhum espaço novo pode ser criado agora`,
} as const

// zod error customisers that produce PROTOCOL.md's texts: missing when the key is absent, invalid otherwise.
const refusal = (name: string) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined ? TEXT.missing(name) : TEXT.invalid(name, iss.input),
})

/** SERVIÇO: one known service (checks 1-2). */
export const Service = z.enum(SERVICES, refusal(SERVICE))
/** AÇÃO: one of the four actions (checks 3-4). */
export const Action = z.enum(ACTIONS, refusal(ACTION))
/** EMAIL_USUARIO: any string, compared exactly (check 5; non-strings are a deviation). */
export const Email = z.string(refusal(EMAIL))
/** CAMPO: one of the record's four fields (checks 10-11). */
export const Field = z.enum(FIELDS, refusal(FIELD))
/** VALOR: the new value, a string (check 12; non-strings are a deviation). */
export const Value = z.string(refusal(VALUE))

/** The part every request has; keys declared in check order, so the first issue is the first failing check. */
export const Envelope = z.object({ [SERVICE]: Service, [ACTION]: Action, [EMAIL]: Email })
export type Envelope = z.infer<typeof Envelope>

/** What MODIFICAR adds, checked after the registry checks. */
export const Modification = z.object({ [FIELD]: Field, [VALUE]: Value })
export type Modification = z.infer<typeof Modification>

/** A full request as the form builds it (CAMPO and VALOR only for MODIFICAR). */
export const Request = Envelope.extend({ [FIELD]: Field.optional(), [VALUE]: Value.optional() })
export type Request = z.infer<typeof Request>

/** A user record: Nome, Endereço, Telefone (null until set) and Email, in this order. */
export const UserRecord = z.object({
  Nome: z.string().nullable(),
  Endereço: z.string().nullable(),
  Telefone: z.string().nullable(),
  Email: z.string(),
})
export type UserRecord = z.infer<typeof UserRecord>

/** A response: a status code as a string, and a text or (CONSULTAR) the record. */
export const Response = z.object({
  [CODE]: z.string().regex(/^[1-5]\d\d$/, 'CODIGO DE ERRO deve ser um número HTTP de 3 dígitos'),
  [EXPLANATION]: z.union([z.string(), UserRecord]),
})
export type Response = z.infer<typeof Response>

/** A new, empty record keyed by its email (PROTOCOL.md check 6a). */
export function newRecord(email: string): UserRecord {
  return { Nome: null, Endereço: null, Telefone: null, Email: email }
}

/** The lesson's second client cell: the ten requests of PROTOCOL.md's golden scenario, in order. */
export const LESSON_SCENARIO: readonly Record<string, string>[] = [
  { [SERVICE]: 'Dados Pessoais', [ACTION]: 'CONSULTAR USUARIO', [EMAIL]: 'eu@gmail.com' },
  { [SERVICE]: 'Dados Pessoais', [ACTION]: 'CRIAR USUARIO', [EMAIL]: 'eu@gmail.com' },
  {
    [SERVICE]: 'Dados Pessoais',
    [ACTION]: 'MODIFICAR USUARIO',
    [EMAIL]: 'eu@gmail.com',
    [FIELD]: 'Email',
    [VALUE]: 'meu@gmail.com',
  },
  { [SERVICE]: 'Dados Pessoais', [ACTION]: 'CONSULTAR USUARIO', [EMAIL]: 'eu@gmail.com' },
  { [SERVICE]: 'Dados Pessoais', [ACTION]: 'CONSULTAR USUARIO', [EMAIL]: 'meu@gmail.com' },
  {
    [SERVICE]: 'Dados Pessoais',
    [ACTION]: 'MODIFICAR USUARIO',
    [EMAIL]: 'meu@gmail.com',
    [FIELD]: 'Telefone',
    [VALUE]: '3218181',
  },
  {
    [SERVICE]: 'Dados Pessoais',
    [ACTION]: 'MODIFICAR USUARIO',
    [EMAIL]: 'meu@gmail.com',
    [FIELD]: 'Nome',
    [VALUE]: 'Cabron',
  },
  { [SERVICE]: 'Dados Pessoais', [ACTION]: 'CONSULTAR USUARIO', [EMAIL]: 'meu@gmail.com' },
  { [SERVICE]: 'Dados Pessoais', [ACTION]: 'REMOVER USUARIO', [EMAIL]: 'meu@gmail.com' },
  { [SERVICE]: 'Dados Pessoais', [ACTION]: 'REMOVER USUARIO', [EMAIL]: 'meu@gmail.com' },
]
