// Property-based fuzzing of the request handler: never throws, one well-formed answer per message, the
// registry changes only through a 200, and answers match a reference written from PROTOCOL.md's table.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { corpusFamilies, corpusInput } from '../shared/fuzz-arbitraries.ts'
import {
  EMAIL_POOL,
  anyString,
  eachFieldMissing,
  entriesText,
  fullEntries,
  notAString,
  preview,
  type Entries,
} from '../shared/fuzz-requests.ts'
import { CODE, EXPLANATION, FIELDS, type CodeMode, type UserRecord } from '../shared/protocol.ts'
import { explanationOf } from '../test-support/requests.ts'
import { answerMessage, type Reply } from './handle.ts'
import { MemoryRegistry } from './registry.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

/** The in-memory registry, with its keys listed so a test can snapshot it, and its writes counted. */
class ListedRegistry extends MemoryRegistry {
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
const initialUsers: fc.Arbitrary<[string, UserRecord][]> = fc
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

function registryOf(users: [string, UserRecord][]): ListedRegistry {
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

const REF_ACTIONS = ['CRIAR USUARIO', 'CONSULTAR USUARIO', 'MODIFICAR USUARIO', 'REMOVER USUARIO']
const REF_FIELDS = ['Nome', 'Endereço', 'Telefone', 'Email'] as const

/** The expected answer: an exact EXPLICAÇÃO, or (for texts the spec leaves to the implementer) a prefix. */
type Expected =
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

class Reference {
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

  snapshot(): [string, UserRecord | undefined][] {
    return [...this.users.keys()].sort().map((k) => [k, structuredClone(this.users.get(k))])
  }
}

/** The reply in the shape of an Expected, to compare with toEqual. */
function asExpected(reply: Reply, expected: Expected): Expected {
  const explanation = explanationOf(reply.text) as string | UserRecord
  if ('prefix' in expected && typeof explanation === 'string')
    return {
      code: reply.code,
      prefix: explanation.startsWith(expected.prefix) ? expected.prefix : explanation,
    }
  return { code: reply.code, explanation }
}

const CODES: Record<CodeMode, readonly string[]> = {
  lesson: ['200', '400', '404'],
  http: ['200', '400', '404', '409'],
}
const mode = fc.constantFrom<CodeMode>('lesson', 'http')

/** What is wrong with the text of a reply, per PROTOCOL.md's "Bytes on the wire" (empty when nothing). */
function replyProblems(reply: Reply, codeMode: CodeMode): string[] {
  const problems: string[] = []
  const text = reply.text
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(text)) problems.push('not ASCII (json.dumps escapes everything else)')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return [...problems, `not JSON: ${text.slice(0, 200)}`]
  }
  const keys = Object.keys(parsed as object)
  if (keys.join('|') !== `${CODE}|${EXPLANATION}`) problems.push(`keys ${keys.join(', ')}`)
  const { [CODE]: code, [EXPLANATION]: explanation } = parsed as Record<string, unknown>
  if (typeof code !== 'string' || !CODES[codeMode].includes(code)) problems.push(`code ${code}`)
  if (typeof explanation === 'object' && explanation !== null) {
    if (Object.keys(explanation).join('|') !== REF_FIELDS.join('|')) problems.push('record keys')
    if (code !== '200') problems.push('a record with a refusal')
  } else if (typeof explanation !== 'string') problems.push('EXPLICAÇÃO neither text nor record')
  if (code !== reply.code) problems.push('the text does not say what the reply holds')
  return problems
}

/** Answers one input, never letting an exception hide the rest of the property's report. */
function answer(bytes: Uint8Array, registry: ListedRegistry, codeMode: CodeMode): Reply | string {
  try {
    return answerMessage(bytes, registry, codeMode)
  } catch (err) {
    return `threw ${(err as Error).name}: ${(err as Error).message}`
  }
}

describe('answerMessage over the fuzz corpus', () => {
  test('never throws, answers once with the two keys and a protocol code, and changes the registry only with a 200', () => {
    fc.assert(
      fc.property(corpusInput(), initialUsers, mode, (input, users, codeMode) => {
        const registry = registryOf(users)
        const before = registry.snapshot()
        const reply = answer(input.bytes, registry, codeMode)
        expect(reply, `${input.kind}: ${preview(input.bytes)}`).toBeTypeOf('object')
        if (typeof reply === 'string') return
        expect(replyProblems(reply, codeMode)).toEqual([])
        expect(registry.writes).toBeLessThanOrEqual(1)
        if (reply.code !== '200') {
          expect(registry.writes).toBe(0)
          expect(registry.snapshot()).toEqual(before)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('gives the reference answer (PROTOCOL.md) to every input, and leaves the same registry', () => {
    fc.assert(
      fc.property(corpusInput(), initialUsers, mode, (input, users, codeMode) => {
        const registry = registryOf(users)
        const reference = new Reference(new Map(structuredClone(users)), codeMode)
        const expected = reference.answerBytes(input.bytes)
        const reply = answer(input.bytes, registry, codeMode)
        const context = `${input.kind}: ${preview(input.bytes)}`
        expect(typeof reply === 'string' ? reply : asExpected(reply, expected), context).toEqual(
          expected,
        )
        expect(registry.snapshot()).toEqual(reference.snapshot())
      }),
      { numRuns: 300 },
    )
  })

  test('deep nesting (up to 100k levels) anywhere in a request never throws', () => {
    fc.assert(
      fc.property(corpusFamilies().deep, mode, (input, codeMode) => {
        const reply = answer(input.bytes, registryOf([]), codeMode)
        expect(typeof reply === 'string' ? reply : reply.code, preview(input.bytes)).toMatch(
          /^\d{3}$/,
        )
      }),
      { numRuns: 60 },
    )
  })

  test('each field missing, or of the wrong type, in turn gets the reference answer', () => {
    fc.assert(
      fc.property(
        fullEntries(),
        initialUsers,
        mode,
        notAString,
        (entries, users, codeMode, bad) => {
          const variants: Entries[] = [
            ...eachFieldMissing(entries),
            ...entries.map((_, i) =>
              entries.map((e, j): readonly [string, unknown] => (j === i ? [e[0], bad] : e)),
            ),
          ]
          for (const variant of variants) {
            const bytes = utf8(entriesText(variant))
            const reference = new Reference(new Map(structuredClone(users)), codeMode)
            const expected = reference.answerBytes(bytes)
            const reply = answer(bytes, registryOf(users), codeMode)
            expect(
              typeof reply === 'string' ? reply : asExpected(reply, expected),
              preview(bytes),
            ).toEqual(expected)
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})

// ---- Model-based: random sessions of requests against the reference. ----

const SESSION_EMAILS = ['a@x', 'b@x', 'c@x', '__proto__', 'A@x'] as const
const sessionEmail = fc.constantFrom(...SESSION_EMAILS)

/** A request of a normal session: mostly well-formed, sometimes missing or bending a field. */
const sessionRequest: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    action: fc.oneof(
      { arbitrary: fc.constantFrom(...REF_ACTIONS), weight: 9 },
      { arbitrary: fc.constantFrom('criar usuario', 'APAGAR'), weight: 1 },
    ),
    email: sessionEmail,
    field: fc.oneof(
      { arbitrary: fc.constantFrom(...FIELDS), weight: 8 },
      { arbitrary: fc.constantFrom<unknown>(undefined, 'Idade', 'nome', 3), weight: 1 },
    ),
    value: fc.oneof(
      { arbitrary: sessionEmail, weight: 4 },
      { arbitrary: anyString, weight: 4 },
      { arbitrary: fc.constantFrom<unknown>(undefined, null, 7, ['x']), weight: 1 },
    ),
  })
  .map(({ action, email, field, value }) => {
    const request: Record<string, unknown> = {
      SERVIÇO: 'Dados Pessoais',
      AÇÃO: action,
      EMAIL_USUARIO: email,
    }
    if (field !== undefined) request.CAMPO = field
    if (value !== undefined) request.VALOR = value
    return request
  })

describe('a session of requests against the reference model', () => {
  test('every answer and the final registry are what PROTOCOL.md says', () => {
    fc.assert(
      fc.property(
        fc.array(sessionRequest, { maxLength: 40, size: 'max' }),
        mode,
        (requests, codeMode) => {
          const registry = registryOf([])
          const reference = new Reference(new Map(), codeMode)
          requests.forEach((request, i) => {
            const bytes = utf8(
              entriesText(Object.entries(request), i % 2 === 0 ? 'python' : 'compact'),
            )
            const expected = reference.answerBytes(bytes)
            const reply = answer(bytes, registry, codeMode)
            expect(
              typeof reply === 'string' ? reply : asExpected(reply, expected),
              `request ${i}: ${preview(bytes)}`,
            ).toEqual(expected)
          })
          expect(registry.snapshot()).toEqual(reference.snapshot())
          expect(registry.size).toBe(reference.users.size)
        },
      ),
      { numRuns: 200 },
    )
  })
})
