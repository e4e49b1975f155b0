import { describe, expect, it } from 'vitest'
import {
  asciiGlyph,
  controlName,
  formatSize,
  fromHex,
  groupBytes,
  hexByte,
  pageBounds,
  pageCount,
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

describe('pages of a large chunk', () => {
  it('cuts pages between characters, so they meet exactly and cover every byte once', () => {
    // 'ção' is c3 a7 c3 a3 6f: with 3-byte pages, cuts at 3 and 6 fall inside characters.
    const bytes = utf8('ação ação ação')
    const n = pageCount(bytes, 3)
    const pages = Array.from({ length: n }, (_, i) => pageBounds(bytes, i, 3))
    expect(pages[0]![0]).toBe(0)
    expect(pages.at(-1)![1]).toBe(bytes.length)
    for (let i = 1; i < n; i++) expect(pages[i]![0]).toBe(pages[i - 1]![1])
    for (const [from, to] of pages) {
      expect(to).toBeGreaterThan(from)
      // No page starts on a continuation byte.
      expect((bytes[from]! & 0xc0) === 0x80).toBe(false)
    }
    const text = pages.map(([from, to]) => new TextDecoder().decode(bytes.subarray(from, to)))
    expect(text.join('')).toBe('ação ação ação')
  })

  it('counts 64 pages of 1 KiB in 64 KiB, and one page for a short chunk', () => {
    expect(pageCount(new Uint8Array(65_536), 1024)).toBe(64)
    expect(pageCount(new Uint8Array(10), 1024)).toBe(1)
    expect(pageCount(new Uint8Array(0), 1024)).toBe(1)
    expect(pageBounds(new Uint8Array(65_536), 63, 1024)).toEqual([64_512, 65_536])
  })

  it('parses hex of either case and with spaces, and refuses anything else', () => {
    expect(fromHex('7B7d')).toEqual(new Uint8Array([0x7b, 0x7d]))
    expect(fromHex('')).toEqual(new Uint8Array(0))
    expect(fromHex('0g')).toBeUndefined()
    expect(fromHex('éé')).toBeUndefined()
  })
})
