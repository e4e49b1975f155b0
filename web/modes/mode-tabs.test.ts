import { describe, expect, it } from 'vitest'
import { hashOf, modeFromHash } from './mode-tabs.ts'

describe('modes', () => {
  it('reads the mode from the hash, keeping the current one for any other hash', () => {
    expect(modeFromHash('#framing', ['playground', 'framing'])).toBe('framing')
    expect(modeFromHash('#bot', ['playground', 'framing'])).toBe('playground')
    expect(modeFromHash('#a-log', ['playground', 'framing'], 'framing')).toBe('framing')
    expect(modeFromHash('', ['playground'])).toBe('playground')
    expect(hashOf('bot')).toBe('#bot')
    expect(modeFromHash('#class?key=K', ['playground', 'class'])).toBe('class')
  })
})
