import { describe, expect, test } from 'vitest'
import { byteText, hexWindow, textWindow, toHex } from './diff-view.ts'

const bytes = (...b: number[]) => new Uint8Array(b)
const utf8 = (s: string) => new TextEncoder().encode(s)

describe('byteText', () => {
  test('ASCII, UTF-8 characters, escapes for controls and invalid bytes, with each byte’s column', () => {
    // a, Ç (c3 87), \n, an invalid ff, 😀 (f0 9f 98 80), a lone continuation byte 80
    const shown = byteText(bytes(0x61, 0xc3, 0x87, 0x0a, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0x80))
    expect(shown.text).toBe('aÇ\\n\\xff😀\\x80')
    expect(shown.columns).toEqual([0, 1, 1, 2, 4, 8, 8, 8, 8, 9, 13])
  })

  test('an overlong or truncated sequence is bytes, not a character', () => {
    expect(byteText(bytes(0xc0, 0xaf)).text).toBe('\\xc0\\xaf')
    expect(byteText(bytes(0xe2, 0x82)).text).toBe('\\xe2\\x82')
  })
})

describe('textWindow', () => {
  test('the caret sits under the first differing byte, after multi-byte characters', () => {
    const w = textWindow(utf8('{"É": "a b"}'), utf8('{"É":"a b"}'), 6)
    expect(w.expected).toBe('{"É": "a b"}')
    expect(w.received).toBe('{"É":"a b"}')
    expect(w.caret).toBe(5)
    expect(w.expected[w.caret]).toBe(' ')
  })

  test('a long line is cut around the difference, with ellipses', () => {
    const a = utf8('x'.repeat(300) + 'A' + 'y'.repeat(300))
    const b = utf8('x'.repeat(300) + 'B' + 'y'.repeat(300))
    const w = textWindow(a, b, 300, 60)
    expect(w.expected.startsWith('…')).toBe(true)
    expect(w.expected.endsWith('…')).toBe(true)
    expect(w.expected[w.caret]).toBe('A')
    expect(w.received[w.caret]).toBe('B')
  })

  test('equal sides have no caret', () => {
    expect(textWindow(utf8('{}'), utf8('{}'), -1).caret).toBe(-1)
  })
})

describe('hex', () => {
  test('the differing byte in brackets, the end of a shorter side named', () => {
    const e = utf8('{"a": 1}')
    expect(hexWindow(e, 4)).toBe('7b 22 61 22 [3a] 20 31 7d')
    expect(hexWindow(utf8('{"a"'), 4)).toBe('7b 22 61 22 [end]')
    expect(toHex(bytes(0, 15, 255))).toBe('000fff')
  })
})
