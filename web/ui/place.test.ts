import { describe, expect, it } from 'vitest'
import { placeBelow } from './place.ts'

const view = { width: 1024, height: 768 }
const anchor = { top: 100, left: 200, width: 20, height: 20 }

describe('placeBelow', () => {
  it('puts a popup under its anchor, left edges together', () => {
    expect(placeBelow(anchor, { width: 300, height: 200 }, view)).toEqual({ top: 126, left: 200 })
  })

  it('moves it left, not off the right edge', () => {
    const right = { ...anchor, left: 900 }
    expect(placeBelow(right, { width: 300, height: 200 }, view).left).toBe(1024 - 8 - 300)
  })

  it('puts it above when it does not fit below', () => {
    const low = { ...anchor, top: 700 }
    expect(placeBelow(low, { width: 300, height: 200 }, view).top).toBe(700 - 6 - 200)
  })

  it('keeps a popup taller than the room on either side inside the window', () => {
    const middle = { ...anchor, top: 300 }
    const { top } = placeBelow(middle, { width: 500, height: 700 }, view)
    expect(top).toBeGreaterThanOrEqual(8)
    expect(top + 700).toBeLessThanOrEqual(768 - 8)
  })
})
