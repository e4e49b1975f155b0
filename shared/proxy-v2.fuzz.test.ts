// Property-based fuzzing of the PROXY v2 reader: it never throws, read boundaries never change its
// answer, valid headers round-trip with the bytes after them intact, and a damaged header is never
// read as anything but what its bytes say.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { chunking, concat, splitBytes } from './fuzz-chunking.ts'
import { canonicalIp, formatIp } from './ip-address.ts'
import { GROUP_NAME } from './bridge-constants.ts'
import { PROXY_V2_SIGNATURE, buildProxyV2, type ProxyV2Info } from './proxy-v2.ts'
import { feed, type Outcome } from './proxy-v2-test-helpers.ts'

const address = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4().map((a) => `::ffff:${a}`),
)
const endpoint = fc.record({ address, port: fc.integer({ min: 0, max: 0xffff }) })
const group = fc.option(fc.stringMatching(GROUP_NAME), { nil: undefined })
const info: fc.Arbitrary<ProxyV2Info> = fc.record({
  source: endpoint,
  destination: endpoint,
  group,
})
const rest = fc.uint8Array({ maxLength: 80 })
const RUNS = { numRuns: 300 }

/** The outcome of the reads, without which read answered (that depends on the cuts by design). */
const settled = (o: Outcome) => ({ verdict: o.verdict, data: o.data })

describe('ProxyV2Reader, any input and any chunking', () => {
  // Random bytes rarely get past the signature, so some start with it, or with its first bytes.
  const prefix = fc.constantFrom(0, 6, 12, 13, 14, 16).map((n) => {
    const start = Uint8Array.of(...PROXY_V2_SIGNATURE, 0x21, 0x11, 0x00, 0x0c)
    return start.subarray(0, n)
  })
  const anyStream = fc
    .tuple(prefix, fc.uint8Array({ maxLength: 300 }))
    .map(([p, tail]) => concat([p, tail]))

  test('never throws, and gives the same answer and the same data however the bytes are cut', () => {
    fc.assert(
      fc.property(anyStream, chunking, (stream, c) => {
        const whole = feed([stream])
        expect(settled(feed(splitBytes(stream, c)))).toEqual(settled(whole))
        // What the framing gets is exactly the stream, or what follows the header, or nothing.
        const v = whole.verdict
        if (v.type === 'not-proxy') expect(whole.data).toEqual(stream)
        if (v.type === 'header') expect(whole.data).toEqual(stream.subarray(v.length))
        if (v.type === 'invalid') expect(whole.data).toHaveLength(0)
      }),
      { numRuns: 500 },
    )
  })

  test('a built header, then any bytes: the header reads back and the bytes come back exactly', () => {
    fc.assert(
      fc.property(info, rest, chunking, (i, after, c) => {
        const header = buildProxyV2(i)
        const read = feed(splitBytes(concat([header, after]), c))
        expect(read.verdict).toEqual({
          type: 'header',
          command: 'proxy',
          source: { address: canonicalIp(i.source.address), port: i.source.port },
          destination: { address: canonicalIp(i.destination.address), port: i.destination.port },
          group: i.group,
          length: header.length,
        })
        expect(read.data).toEqual(after)
      }),
      RUNS,
    )
  })
})

/** Where a byte of a built header sits, by the header's own layout. */
type Region =
  'signature' | 'command' | 'family' | 'length' | 'address' | 'tlv-type' | 'tlv-length' | 'group'
function regionOf(header: Uint8Array, at: number): Region {
  if (at < 12) return 'signature'
  if (at === 12) return 'command'
  if (at === 13) return 'family'
  if (at < 16) return 'length'
  const addresses = header[13] === 0x11 ? 12 : 36
  if (at < 16 + addresses) return 'address'
  if (at === 16 + addresses) return 'tlv-type'
  return at < 16 + addresses + 3 ? 'tlv-length' : 'group'
}

const FAMILIES = [0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32]
const isGroupByte = (b: number) => GROUP_NAME.test(String.fromCharCode(b))

describe('a header with one byte changed', () => {
  const mutated = fc
    .tuple(info, rest, fc.nat(), fc.integer({ min: 1, max: 255 }), chunking)
    .map(([i, after, n, delta, c]) => {
      const header = buildProxyV2(i)
      const at = n % header.length
      const bad = header.slice()
      bad[at] = (bad[at]! + delta) & 0xff
      return { i, header, after, at, bad, read: feed(splitBytes(concat([bad, after]), c)) }
    })

  test('is read as exactly what its bytes say, or refused; never as another client', () => {
    fc.assert(
      fc.property(mutated, ({ i, header, after, at, bad, read }) => {
        const v = read.verdict
        const b = bad[at]!
        const region = regionOf(header, at)
        switch (region) {
          case 'signature':
            // Not a header at all: every byte goes to the framing, as from any client.
            expect(v.type).toBe('not-proxy')
            expect(read.data).toEqual(concat([bad, after]))
            return
          case 'command':
            // 0x20 is LOCAL: a health check, which names no one.
            if (b === 0x20)
              expect(v).toEqual({ type: 'header', command: 'local', length: header.length })
            else expect(v.type).toBe('invalid')
            return
          case 'family':
            if (!FAMILIES.includes(b)) expect(v.type).toBe('invalid')
            else if (v.type === 'header') expect(v.length).toBe(header.length)
            return
          case 'length':
            // A header may only end where its new length says, with the addresses it carries.
            if (v.type === 'header') {
              const length = 16 + ((bad[14]! << 8) | bad[15]!)
              expect(v.length).toBe(length)
              expect(v.source?.port).toBe(i.source.port)
              expect(read.data).toEqual(concat([bad, after]).subarray(length))
            } else expect(v.type).toBe('invalid')
            return
          case 'address': {
            const a = bad[13] === 0x11 ? 4 : 16
            const port = (p: number) => (bad[p]! << 8) | bad[p + 1]!
            expect(v).toEqual({
              type: 'header',
              command: 'proxy',
              source: { address: formatIp(bad.subarray(16, 16 + a)), port: port(16 + 2 * a) },
              destination: {
                address: formatIp(bad.subarray(16 + a, 16 + 2 * a)),
                port: port(18 + 2 * a),
              },
              group: i.group,
              length: header.length,
            })
            return
          }
          case 'tlv-type':
            // Another type is a TLV the server does not know: skipped, so no group.
            expect(v).toMatchObject({ type: 'header', group: undefined, length: header.length })
            return
          case 'tlv-length':
            expect(v.type).toBe('invalid')
            return
          case 'group':
            if (!isGroupByte(b)) expect(v.type).toBe('invalid')
            else {
              // The group is the header's last bytes.
              const name = String.fromCharCode(...bad.subarray(header.length - i.group!.length))
              expect(v).toMatchObject({ type: 'header', group: name, length: header.length })
            }
            return
        }
      }),
      { numRuns: 1000 },
    )
  })
})
