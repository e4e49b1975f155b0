import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatEscaped, formatHex, parseEscaped, parseHex, type BytesParse } from './bytes-text.ts'

const bytes = (...b: number[]) => Uint8Array.from(b)
const ok = (r: BytesParse) => (r.ok ? Array.from(r.bytes) : r)

describe('hex', () => {
  test.each([
    ['7b 22 0a', [0x7b, 0x22, 0x0a]],
    ['7B220A', [0x7b, 0x22, 0x0a]],
    ['  7b\n22\r\n\t0a  ', [0x7b, 0x22, 0x0a]],
    ['0x7b, 0x22,0X0a', [0x7b, 0x22, 0x0a]],
    ['0x7b22 0a', [0x7b, 0x22, 0x0a]],
    ['00', [0]],
    ['', []],
  ])('%j reads as bytes', (text, expected) => {
    expect(ok(parseHex(text))).toEqual(expected)
  })

  test.each([
    ['7b 2g', { at: 4, problem: 'not-hex', text: 'g' }],
    ['7b 2 0a', { at: 3, problem: 'odd-digits', text: '2' }],
    ['7b 0x', { at: 3, problem: 'not-hex', text: '0x' }],
    ['7b\\x22', { at: 2, problem: 'not-hex', text: '\\' }],
    ['olá', { at: 0, problem: 'not-hex', text: 'o' }],
  ])('%j is refused with its position', (text, error) => {
    expect(parseHex(text)).toEqual({ ok: false, ...error })
  })

  test('format: lowercase pairs, 16 to a line', () => {
    expect(formatHex(bytes(0x7b, 0xff, 0))).toBe('7b ff 00')
    expect(
      formatHex(new Uint8Array(18))
        .split('\n')
        .map((l) => l.split(' ').length),
    ).toEqual([16, 2])
    expect(formatHex(new Uint8Array(0))).toBe('')
  })
})

describe('text with escapes', () => {
  test.each([
    ['GET / HTTP/1.1\\r\\n\\r\\n', 'GET / HTTP/1.1\r\n\r\n'],
    ['a\\0b\\012', 'a\x00b\x0012'],
    ['\\xff\\xFe\\x00', '\xff\xfe\x00'],
    ['\\\\x41', '\\x41'],
    ['tab\\tline\nbreak', 'tab\tline\nbreak'],
  ])('%j reads as its bytes', (text, expected) => {
    expect(ok(parseEscaped(text))).toEqual(Array.from(expected, (c) => c.charCodeAt(0)))
  })

  test('characters are UTF-8; \\u{...} is a code point as UTF-8', () => {
    expect(ok(parseEscaped('ç😀'))).toEqual([0xc3, 0xa7, 0xf0, 0x9f, 0x98, 0x80])
    expect(ok(parseEscaped('\\u{e7}\\u{1F600}'))).toEqual([0xc3, 0xa7, 0xf0, 0x9f, 0x98, 0x80])
  })

  test.each([
    ['ab\\q', { at: 2, problem: 'bad-escape', text: '\\q' }],
    ['ab\\', { at: 2, problem: 'bad-escape', text: '\\' }],
    ['\\x4', { at: 0, problem: 'bad-escape', text: '\\x' }],
    ['\\u{110000}', { at: 0, problem: 'bad-code-point', text: '\\u{110000}' }],
    ['\\u{d800}', { at: 0, problem: 'bad-code-point', text: '\\u{d800}' }],
    ['a\ud800b', { at: 1, problem: 'bad-code-point', text: '\ud800' }],
  ])('%j is refused with its position', (text, error) => {
    expect(parseEscaped(text)).toEqual({ ok: false, ...error })
  })

  test('format: printable ASCII as is, the rest escaped; UTF-8 kept or not', () => {
    const b = new TextEncoder().encode('Olá\\ "x"\r\n\t\0\u00a0😀')
    const withFf = new Uint8Array([...b, 0xff])
    expect(formatEscaped(withFf)).toBe('Olá\\\\ "x"\\r\\n\\t\\0\\u{a0}😀\\xff')
    expect(formatEscaped(withFf, { utf8: false })).toBe(
      'Ol\\xc3\\xa1\\\\ "x"\\r\\n\\t\\0\\xc2\\xa0\\xf0\\x9f\\x98\\x80\\xff',
    )
    expect(formatEscaped(bytes(0x61, 0x0d, 0x0a, 0x62), { lineBreaks: true })).toBe('a\\r\nb')
  })

  test('invalid UTF-8 stays bytes: overlong, surrogate, cut short, U+FFFD itself escaped', () => {
    expect(formatEscaped(bytes(0xc0, 0x80, 0xed, 0xa0, 0x80, 0xe2, 0x82))).toBe(
      '\\xc0\\x80\\xed\\xa0\\x80\\xe2\\x82',
    )
    expect(formatEscaped(bytes(0xef, 0xbf, 0xbd))).toBe('\\u{fffd}')
    expect(formatEscaped(new TextEncoder().encode('e\u0301'))).toBe('e\\u{301}')
  })
})

describe('round trips', () => {
  // Bytes that look like text often, so UTF-8 sequences, escapes and line ends all come up.
  const anyBytes = fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 60 }).map((s) => new TextEncoder().encode(s)),
    fc
      .array(
        fc.constantFrom(
          '\\',
          '\r\n',
          '\n',
          '\0',
          'x',
          'ff',
          'ç',
          '😀',
          '\u200d',
          '\ufffd',
          '{',
          '"',
        ),
        { maxLength: 40 },
      )
      .map((p) => new TextEncoder().encode(p.join(''))),
  )
  const options = fc.record({ utf8: fc.boolean(), lineBreaks: fc.boolean() })

  test('escaped text reads back to the same bytes, with any options', () => {
    fc.assert(
      fc.property(anyBytes, options, (b, o) => {
        expect(ok(parseEscaped(formatEscaped(b, o)))).toEqual(Array.from(b))
      }),
      { numRuns: 500 },
    )
  })

  test('hex reads back to the same bytes, and converting hex -> escaped -> hex is lossless', () => {
    fc.assert(
      fc.property(anyBytes, fc.integer({ min: 1, max: 32 }), options, (b, perLine, o) => {
        const hex = formatHex(b, perLine)
        expect(ok(parseHex(hex))).toEqual(Array.from(b))
        const back = parseEscaped(formatEscaped(b, o))
        expect(back.ok && formatHex(back.bytes, perLine)).toBe(hex)
      }),
      { numRuns: 300 },
    )
  })
})
