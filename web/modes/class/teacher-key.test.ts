import { describe, expect, it } from 'vitest'
import { hashWithoutKey, keyFromHash } from './teacher-key.ts'

describe('the teacher key in the URL fragment', () => {
  it('is read from #class?key=K as npm start prints it, percent-decoded', () => {
    expect(keyFromHash('#class?key=Ab-9_x')).toBe('Ab-9_x')
    expect(keyFromHash('#class?key=a%2Bb')).toBe('a+b')
    expect(keyFromHash('#class?lang=pt&key=K')).toBe('K')
  })

  it('is absent from any other fragment, or when empty', () => {
    expect(keyFromHash('#class')).toBeUndefined()
    expect(keyFromHash('#class?key=')).toBeUndefined()
    expect(keyFromHash('#playground?key=K')).toBeUndefined()
    expect(keyFromHash('')).toBeUndefined()
  })

  it('leaves the address bar showing just the mode', () => {
    expect(hashWithoutKey('#class?key=K')).toBe('#class')
    expect(hashWithoutKey('#class')).toBe('#class')
  })
})
