import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TEXT, asText, compactJson } from './protocol.ts'

describe('compactJson', () => {
  it('writes what JSON.stringify writes for any parsed JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(compactJson(value)).toBe(JSON.stringify(value))
      }),
      { numRuns: 500 },
    )
  })

  it('writes values nested deeper than JSON.stringify can go', () => {
    const depth = 100_000
    const text = '['.repeat(depth) + ']'.repeat(depth)
    expect(() => JSON.stringify(JSON.parse(text))).toThrow(RangeError)
    expect(compactJson(JSON.parse(text))).toBe(text)
    const nested = `{"a":${'[{"b":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}}`
    expect(compactJson(JSON.parse(nested))).toBe(nested)
  })

  it('gives the invalid-entry text for a deep value', () => {
    const deep = JSON.parse('['.repeat(5000) + ']'.repeat(5000))
    expect(TEXT.invalid('SERVIÇO', deep)).toBe(
      `Mensagem contém uma entrada inválida de SERVIÇO:${'['.repeat(5000)}${']'.repeat(5000)}`,
    )
    expect(asText('eu@gmail.com')).toBe('eu@gmail.com')
    expect(asText(12)).toBe('12')
  })
})
