import { describe, expect, it } from 'vitest'
import {
  asciiGlyph,
  controlName,
  formatSize,
  fromHex,
  groupBytes,
  hexByte,
  toHex,
  visibleText,
} from './bytes.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('hex', () => {
  it('formats bytes as lowercase pairs and parses them back', () => {
    const bytes = new Uint8Array([0, 0x0a, 0x7b, 0xc3, 0x87, 0xff])
    expect(toHex(bytes)).toBe('00 0a 7b c3 87 ff')
    expect(toHex(bytes, '')).toBe('000a7bc387ff')
    expect(fromHex('00 0a 7b c3 87 ff')).toEqual(bytes)
    expect(hexByte(0xab)).toBe('ab')
  })

  it('refuses text that is not hex', () => {
    expect(fromHex('abc')).toBeUndefined()
    expect(fromHex('zz')).toBeUndefined()
  })
})

describe('groupBytes', () => {
  it('groups a two-byte character under one glyph', () => {
    const groups = groupBytes(utf8('AÇ'))
    expect(groups).toEqual([
      { offset: 0, hex: ['41'], glyph: 'A', kind: 'ascii', codePoint: 0x41 },
      { offset: 1, hex: ['c3', '87'], glyph: 'Ç', kind: 'utf8', codePoint: 0xc7 },
    ])
  })

  it('groups three- and four-byte characters', () => {
    const groups = groupBytes(utf8('€😀'))
    expect(groups.map((g) => [g.hex.join(' '), g.glyph])).toEqual([
      ['e2 82 ac', '€'],
      ['f0 9f 98 80', '😀'],
    ])
  })

  it('keeps \\u00c7 escapes as the six ASCII characters the server sent', () => {
    expect(visibleText(utf8('EXPLICA\\u00c7\\u00c3O'))).toBe('EXPLICA\\u00c7\\u00c3O')
  })

  it('makes control bytes, spaces and length prefixes visible', () => {
    expect(asciiGlyph(0x0a)).toEqual({ glyph: '␊', kind: 'control' })
    expect(asciiGlyph(0)).toEqual({ glyph: '␀', kind: 'control' })
    expect(asciiGlyph(0x20)).toEqual({ glyph: '·', kind: 'space' })
    expect(asciiGlyph(0x7f)).toEqual({ glyph: '␡', kind: 'control' })
    const prefixed = new Uint8Array([0, 0, 0, 2, 0x7b, 0x7d])
    expect(groupBytes(prefixed).map((g) => g.glyph)).toEqual(['␀', '␀', '␀', '␂', '{', '}'])
    expect(groupBytes(prefixed).map((g) => g.name)).toEqual([
      'NUL',
      'NUL',
      'NUL',
      'STX',
      undefined,
      undefined,
    ])
    expect(controlName(0x0a)).toBe('LF')
    expect(controlName(0x7f)).toBe('DEL')
    expect(controlName(0x41)).toBeUndefined()
  })

  it('marks invalid bytes one by one and a sequence cut by either chunk edge as partial', () => {
    const groups = groupBytes(new Uint8Array([0x87, 0xff, 0x41, 0xc3, 0x41, 0xe2, 0x82]))
    expect(groups.map((g) => [g.hex.join(' '), g.kind])).toEqual([
      ['87', 'partial'],
      ['ff', 'invalid'],
      ['41', 'ascii'],
      ['c3', 'invalid'],
      ['41', 'ascii'],
      ['e2 82', 'partial'],
    ])
  })

  it('rejects overlong forms and encoded surrogates', () => {
    expect(groupBytes(new Uint8Array([0xe0, 0x80, 0x80]))[0]!.kind).toBe('invalid')
    expect(groupBytes(new Uint8Array([0xed, 0xa0, 0x80]))[0]!.kind).toBe('invalid')
  })

  it('stops after the limit', () => {
    expect(groupBytes(utf8('abcdef'), 3)).toHaveLength(3)
  })
})

describe('formatSize', () => {
  it('uses bytes, KiB and MiB', () => {
    expect(formatSize(98)).toBe('98 B')
    expect(formatSize(1536)).toBe('1.5 KiB')
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MiB')
  })
})
