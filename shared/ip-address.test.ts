import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canonicalIp, formatIp, isLoopbackIp, parseIp } from './ip-address.ts'

/** Whether the WHATWG URL parser takes the text as an IPv6 host (shared/ has no node:net). */
const urlTakesIpv6 = (text: string) => URL.canParse(`http://[${text}]/`)
/** How the WHATWG URL parser writes an IPv6 address: RFC 5952's compression, no mixed notation. */
const whatwg = (bytes: Uint8Array) => {
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16),
  )
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1)
}
const isMapped = (b: Uint8Array) =>
  b.length === 16 && b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff

describe('canonicalIp', () => {
  test.each([
    ['192.168.0.23', '192.168.0.23'],
    ['0.0.0.0', '0.0.0.0'],
    ['::1', '::1'],
    ['::', '::'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['::ffff:192.168.0.23', '192.168.0.23'],
    ['::FFFF:c0a8:17', '192.168.0.23'],
    ['::192.168.0.23', '::c0a8:17'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('%s -> %s', (text, canonical) => {
    expect(canonicalIp(text)).toBe(canonical)
  })

  test.each([
    '',
    'localhost',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '01.2.3.4',
    '1.2.3.-4',
    ' 1.2.3.4',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':1::',
    '1:::2',
    '12345::',
    'g::',
    '::1.2.3',
    '1.2.3.4::',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('%j is not an address', (text) => {
    expect(parseIp(text)).toBeUndefined()
    expect(canonicalIp(text)).toBeUndefined()
  })

  test('takes what fast-check generates, and writes IPv6 as WHATWG URL does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const bytes = parseIp(text)
        expect(bytes).toBeDefined()
        expect(bytes!.length).toBe(text.includes(':') ? 16 : 4)
        if (text.includes(':')) expect(urlTakesIpv6(text)).toBe(true)
      }),
      { numRuns: 500 },
    )
    // Zero groups are made common, so compression has runs to choose from.
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }))
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const bytes = Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff]))
        const text = formatIp(bytes)
        if (isMapped(bytes)) expect(text).toBe(bytes.subarray(12).join('.'))
        else expect(text).toBe(whatwg(bytes))
        expect(parseIp(text)).toEqual(isMapped(bytes) ? bytes.subarray(12) : bytes)
      }),
      { numRuns: 500 },
    )
  })

  test('random text never throws, and what parses formats and parses back the same', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF:.%z ')
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 45 }), (text) => {
        const canonical = canonicalIp(text)
        if (canonical !== undefined) expect(canonicalIp(canonical)).toBe(canonical)
        if (canonical !== undefined && text.includes(':') && !text.includes('%')) {
          expect(urlTakesIpv6(text)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

test('isLoopbackIp: 127.0.0.0/8 and ::1, however written', () => {
  for (const text of ['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
    expect(isLoopbackIp(text), text).toBe(true)
  }
  for (const text of ['128.0.0.1', '192.168.0.23', '::', '::2', '::ffff:10.0.0.1', 'localhost']) {
    expect(isLoopbackIp(text), text).toBe(false)
  }
})
