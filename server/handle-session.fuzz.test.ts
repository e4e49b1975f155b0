// Model-based fuzzing of the request handler: random sessions of requests, each answer and the final
// registry checked against the reference written from PROTOCOL.md.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { anyString, entriesText, preview } from '../shared/fuzz-requests.ts'
import { FIELDS } from '../shared/protocol.ts'
import { REF_ACTIONS, Reference, answer, asExpected, mode, registryOf } from './handle-reference.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

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
