// Property-based fuzzing of the request handler: never throws, one well-formed answer per message, the
// registry changes only through a 200, and answers match a reference written from PROTOCOL.md's table.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { corpusFamilies, corpusInput } from '../shared/fuzz-arbitraries.ts'
import {
  eachFieldMissing,
  entriesText,
  fullEntries,
  notAString,
  preview,
  type Entries,
} from '../shared/fuzz-requests.ts'
import { CODE, EXPLANATION, type CodeMode } from '../shared/protocol.ts'
import type { Reply } from './handle.ts'
import {
  REF_FIELDS,
  Reference,
  answer,
  asExpected,
  initialUsers,
  mode,
  registryOf,
} from './handle-reference.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

const CODES: Record<CodeMode, readonly string[]> = {
  lesson: ['200', '400', '404'],
  http: ['200', '400', '404', '409'],
}

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
