import { describe, expect, it } from 'vitest'
import { nextTab } from './tabs.ts'

describe('nextTab', () => {
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
