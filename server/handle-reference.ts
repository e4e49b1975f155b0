// A reference model of PROTOCOL.md for the handler's fuzz tests, and a registry they can snapshot.
import fc from 'fast-check'
import { EMAIL_POOL, anyString } from '../shared/fuzz-requests.ts'
import type { CodeMode, FIELDS, UserRecord } from '../shared/protocol.ts'
import { explanationOf } from '../test-support/requests.ts'
import { answerMessage, type Reply } from './handle.ts'
import { MemoryRegistry } from './registry.ts'

/** The in-memory registry, with its keys listed so a test can snapshot it, and its writes counted. */
export class ListedRegistry extends MemoryRegistry {
  private readonly keys = new Set<string>()
  writes = 0
  override create(email: string): UserRecord {
    this.writes++
    this.keys.add(email)
    return super.create(email)
  }
  override remove(email: string): boolean {
    this.writes++
    this.keys.delete(email)
    return super.remove(email)
  }
  override update(email: string, field: (typeof FIELDS)[number], value: string): void {
    this.writes++
    super.update(email, field, value)
    if (field === 'Email' && value !== email) {
      this.keys.delete(email)
      this.keys.add(value)
    }
  }
  /** Every user, sorted by email, as plain values. */
  snapshot(): [string, UserRecord | undefined][] {
    return [...this.keys].sort().map((k) => [k, structuredClone(this.get(k))])
  }
}

type Users = Map<string, UserRecord>
/** Initial users: some pool emails, some with fields set, so reads, renames and clashes happen. */
export const initialUsers: fc.Arbitrary<[string, UserRecord][]> = fc
  .subarray([...EMAIL_POOL])
  .chain((emails) =>
    fc.tuple(
      ...emails.map((email) =>
        fc
          .record({ Nome: fc.option(anyString), Endereço: fc.option(anyString) })
          .map(({ Nome, Endereço }): [string, UserRecord] => [
            email,
            { Nome, Endereço, Telefone: null, Email: email },
          ]),
      ),
    ),
  )

/** A ListedRegistry holding `users`, with its write count at zero. */
export function registryOf(users: [string, UserRecord][]): ListedRegistry {
  const registry = new ListedRegistry()
  for (const [email, record] of users) {
    registry.create(email)
    if (record.Nome !== null) registry.update(email, 'Nome', record.Nome)
    if (record.Endereço !== null) registry.update(email, 'Endereço', record.Endereço)
  }
  registry.writes = 0
  return registry
}

// ---- The reference: PROTOCOL.md's check table and deviations, written out here on purpose (no TEXT). ----

/** The four actions, as PROTOCOL.md lists them. */
export const REF_ACTIONS = [
  'CRIAR USUARIO',
  'CONSULTAR USUARIO',
  'MODIFICAR USUARIO',
  'REMOVER USUARIO',
]
/** A record's fields, in PROTOCOL.md's order. */
export const REF_FIELDS = ['Nome', 'Endereço', 'Telefone', 'Email'] as const

/** The expected answer: an exact EXPLICAÇÃO, or (for texts the spec leaves to the implementer) a prefix. */
export type Expected =
  { code: string; explanation: string | UserRecord } | { code: string; prefix: string }

/** `{X}` of PROTOCOL.md: a string as is, anything else as compact JSON (undefined if it cannot be). */
function shown(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return undefined // nested too deep for this stack
  }
}

/** The first byte offset at which `bytes` stops being UTF-8, found with the platform's decoder. */
function firstBadByte(bytes: Uint8Array): number {
  const streaming = new TextDecoder('utf-8', { fatal: true })
  let failedAt = bytes.length
  for (let i = 0; i < bytes.length; i++) {
    try {
      streaming.decode(bytes.subarray(i, i + 1), { stream: true })
    } catch {
      failedAt = i
      break
    }
  }
  // The bad sequence starts at most 3 bytes before where the decoder gave up: the longest prefix that
  // decodes ends right where it starts.
  for (let k = failedAt; k > 0; k--) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, k))
      return k
    } catch {
      if (k < failedAt - 3) break
    }
  }
  return 0
}

/** PROTOCOL.md's answers over a plain Map of users, written without the handler's code. */
export class Reference {
  constructor(
    readonly users: Users,
    readonly mode: CodeMode,
  ) {}

  private refuse(kind: 'entry' | 'unknown' | 'conflict', explanation: string): Expected {
    const http = { entry: '400', unknown: '404', conflict: '409' }[kind]
    return { code: this.mode === 'http' ? http : '404', explanation }
  }

  /** Checks one entry: missing, not a string, or not an allowed value (PROTOCOL.md 1-5, 10-12). */
  private entry(request: Record<string, unknown>, name: string, allowed?: readonly string[]) {
    if (!Object.hasOwn(request, name))
      return this.refuse('entry', `Mensagem não contém uma entrada de ${name}`)
    const value = request[name]
    if (typeof value === 'string' && (allowed === undefined || allowed.includes(value)))
      return value
    const text = shown(value)
    const head = `Mensagem contém uma entrada inválida de ${name}:`
    return text === undefined
      ? { code: this.mode === 'http' ? '400' : '404', prefix: head }
      : this.refuse('entry', head + text)
  }

  /** The expected answer to a message's bytes; applies its change to the users. */
  answerBytes(bytes: Uint8Array): Expected {
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    } catch {
      return {
        code: '400',
        explanation: `Mensagem não é UTF-8 válido: byte inválido na posição ${firstBadByte(bytes)}`,
      }
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return { code: '400', prefix: 'Mensagem não é um JSON válido: ' }
    }
    return this.answer(value)
  }

  /** The expected answer to a parsed request; applies its change to the users. */
  answer(request: unknown): Expected {
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      return { code: '400', prefix: 'Mensagem deve ser um objeto JSON, mas é ' }
    const r = request as Record<string, unknown>
    const service = this.entry(r, 'SERVIÇO', ['Dados Pessoais'])
    if (typeof service !== 'string') return service
    const action = this.entry(r, 'AÇÃO', REF_ACTIONS)
    if (typeof action !== 'string') return action
    const email = this.entry(r, 'EMAIL_USUARIO')
    if (typeof email !== 'string') return email
    const record = this.users.get(email)
    if (record === undefined) {
      if (action !== 'CRIAR USUARIO')
        return this.refuse('unknown', `Usuário não registrado:${email}`)
      this.users.set(email, { Nome: null, Endereço: null, Telefone: null, Email: email })
      return { code: '200', explanation: `Novo usuário registrado com email:${email}` }
    }
    if (action === 'CRIAR USUARIO') return this.refuse('conflict', `Usuário já registrado:${email}`)
    if (action === 'CONSULTAR USUARIO') return { code: '200', explanation: { ...record } }
    if (action === 'REMOVER USUARIO') {
      this.users.delete(email)
      return { code: '200', explanation: `Usuário removido:${email}` }
    }
    const field = this.entry(r, 'CAMPO', REF_FIELDS)
    if (typeof field !== 'string') return field
    const value = this.entry(r, 'VALOR')
    if (typeof value !== 'string') return value
    if (field === 'Email' && value !== email && this.users.has(value))
      return this.refuse('conflict', `Usuário já registrado:${value}`)
    record[field as (typeof REF_FIELDS)[number]] = value
    if (field === 'Email' && value !== email) {
      this.users.delete(email)
      this.users.set(value, record)
    }
    return {
      code: '200',
      explanation: `Usuário ${email} teve o CAMPO:${field} atualizado para o VALOR:${value}`,
    }
  }

  /** Every user, sorted by email, as plain values. */
  snapshot(): [string, UserRecord | undefined][] {
    return [...this.users.keys()].sort().map((k) => [k, structuredClone(this.users.get(k))])
  }
}

/** The reply in the shape of an Expected, to compare with toEqual. */
export function asExpected(reply: Reply, expected: Expected): Expected {
  const explanation = explanationOf(reply.text) as string | UserRecord
  if ('prefix' in expected && typeof explanation === 'string')
    return {
      code: reply.code,
      prefix: explanation.startsWith(expected.prefix) ? expected.prefix : explanation,
    }
  return { code: reply.code, explanation }
}

/** Either code mode. */
export const mode = fc.constantFrom<CodeMode>('lesson', 'http')

/** Answers one input, never letting an exception hide the rest of the property's report. */
export function answer(
  bytes: Uint8Array,
  registry: ListedRegistry,
  codeMode: CodeMode,
): Reply | string {
  try {
    return answerMessage(bytes, registry, codeMode)
  } catch (err) {
    return `threw ${(err as Error).name}: ${(err as Error).message}`
  }
}
