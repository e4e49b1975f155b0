import { describe, expect, it } from 'vitest'
import { hashOf, modeFromHash, nextTab } from './mode-tabs.ts'

describe('modes', () => {
  it('reads the mode from the hash, keeping the current one for any other hash', () => {
    expect(modeFromHash('#framing', ['playground', 'framing'])).toBe('framing')
    expect(modeFromHash('#bot', ['playground', 'framing'])).toBe('playground')
    expect(modeFromHash('#a-log', ['playground', 'framing'], 'framing')).toBe('framing')
    expect(modeFromHash('', ['playground'])).toBe('playground')
    expect(hashOf('bot')).toBe('#bot')
  })

  it('moves between tabs with the arrow keys, wrapping, and to the ends with Home and End', () => {
    const tabs = ['a', 'b', 'c']
    expect(nextTab(tabs, 'a', 'ArrowRight')).toBe('b')
    expect(nextTab(tabs, 'c', 'ArrowRight')).toBe('a')
    expect(nextTab(tabs, 'a', 'ArrowLeft')).toBe('c')
    expect(nextTab(tabs, 'b', 'Home')).toBe('a')
    expect(nextTab(tabs, 'b', 'End')).toBe('c')
    expect(nextTab(tabs, 'b', 'Enter')).toBeUndefined()
  })
})
