import {
  Command,
  IPv4Address,
  IPv4ProxyAddress,
  IPv6Address,
  IPv6ProxyAddress,
  TransportProtocol,
  V2ProxyProtocol,
} from 'proxy-protocol-js'
import { describe, expect, test } from 'vitest'
import { concat } from './fuzz-chunking.ts'
import { buildProxyV2, ProxyV2Reader, type ProxyV2Info } from './proxy-v2.ts'
import { feed, hex } from './proxy-v2-test-helpers.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const SIG = '0d 0a 0d 0a 00 0d 0a 51 55 49 54 0a'
const REQUEST = utf8(
  '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "eu"}',
)

const PAGE = { address: '192.168.0.23', port: 51234 }
const SERVER = { address: '127.0.0.1', port: 3213 }
// Written by hand from proxy-protocol.txt 2.2: signature, 0x21 (v2, PROXY), 0x11 (TCP over IPv4),
// length 12, then source and destination addresses, then source and destination ports.
const V4 = hex(`${SIG} 21 11 00 0c  c0 a8 00 17  7f 00 00 01  c8 22  0c 8d`)
// The same with the group TLV: type 0xE0, length 7, "grupo-3"; the length field counts it (22).
const V4_GROUP = hex(`${SIG} 21 11 00 16  c0 a8 00 17  7f 00 00 01  c8 22  0c 8d
  e0 00 07  67 72 75 70 6f 2d 33`)
// 0x21 (TCP over IPv6), length 36: 2001:db8::23 port 51234 -> ::1 port 3214.
const V6 = hex(`${SIG} 21 21 00 24
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 23
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01  c8 22  0c 8e`)

describe('buildProxyV2', () => {
  test('golden bytes: IPv4, IPv4 with a group, IPv6', () => {
    expect(buildProxyV2({ source: PAGE, destination: SERVER })).toEqual(V4)
    expect(buildProxyV2({ source: PAGE, destination: SERVER, group: 'grupo-3' })).toEqual(V4_GROUP)
    const v6 = {
      source: { address: '2001:DB8:0::23', port: 51234 },
      destination: { address: '::1', port: 3214 },
    }
    expect(buildProxyV2(v6)).toEqual(V6)
    // The example: "PROXY v2, 28 bytes" for IPv4 without a group.
    expect(V4.length).toBe(28)
  })

  test('IPv4-mapped addresses count as IPv4; one IPv6 end makes the header IPv6, the other mapped', () => {
    const mappedPage = { address: '::ffff:192.168.0.23', port: 51234 }
    expect(buildProxyV2({ source: mappedPage, destination: SERVER })).toEqual(V4)
    const mixed = buildProxyV2({ source: PAGE, destination: { address: '::1', port: 3213 } })
    expect(mixed.subarray(12, 16)).toEqual(hex('21 21 00 24'))
    expect(mixed.subarray(16, 32)).toEqual(hex('00 00 00 00 00 00 00 00 00 00 ff ff c0 a8 00 17'))
  })

  test('values a socket never gives are programmer errors with codes', () => {
    const build = (info: ProxyV2Info) => () => buildProxyV2(info)
    const code = (c: string) => expect.objectContaining({ code: c })
    expect(build({ source: { address: 'localhost', port: 1 }, destination: SERVER })).toThrow(
      code('WL_ERR_PROXY_ADDRESS'),
    )
    expect(build({ source: { address: '1.2.3.4', port: 65536 }, destination: SERVER })).toThrow(
      code('WL_ERR_PROXY_PORT'),
    )
    for (const group of ['', 'Grupo-3', 'grupo 3', 'x'.repeat(33), 'ção']) {
      expect(build({ source: PAGE, destination: SERVER, group })).toThrow(code('WL_ERR_GROUP'))
    }
  })
})

describe('ProxyV2Reader', () => {
  const header = (group?: string) => ({
    type: 'header',
    command: 'proxy',
    source: PAGE,
    destination: SERVER,
    group,
  })

  test('reads the golden headers and gives back the bytes after them', () => {
    expect(feed([concat([V4_GROUP, REQUEST])])).toEqual({
      verdict: { ...header('grupo-3'), length: 38 },
      data: REQUEST,
      at: 0,
    })
    expect(feed([V4]).verdict).toEqual({ ...header(), length: 28 })
    expect(feed([V6]).verdict).toEqual({
      type: 'header',
      command: 'proxy',
      source: { address: '2001:db8::23', port: 51234 },
      destination: { address: '::1', port: 3214 },
      group: undefined,
      length: 52,
    })
  })

  test('every split point, and one byte per read, give the same header and the same rest', () => {
    const stream = concat([V4_GROUP, REQUEST])
    const whole = feed([stream])
    for (let cut = 0; cut <= stream.length; cut++) {
      const split = feed([stream.subarray(0, cut), stream.subarray(cut)])
      expect({ ...split, at: 0 }, `cut at ${cut}`).toEqual(whole)
      expect(split.at).toBe(cut < V4_GROUP.length ? 1 : 0)
    }
    const bytes = feed(Array.from(stream, (b) => Uint8Array.of(b)))
    expect(bytes.verdict).toEqual(whole.verdict)
    expect(bytes.data).toEqual(REQUEST)
    expect(bytes.at).toBe(V4_GROUP.length - 1)
  })

  test("an ordinary client's first byte is answered at once, and every byte comes back", () => {
    const reader = new ProxyV2Reader()
    expect(reader.push(REQUEST)).toEqual({ type: 'not-proxy', bytes: REQUEST })
    // Bytes that start like the signature wait; the first that differs gives them all back.
    expect(feed([utf8('\r\n'), utf8('\r\n{}')])).toEqual({
      verdict: { type: 'not-proxy' },
      data: utf8('\r\n\r\n{}'),
      at: 1,
    })
    expect(feed([V4.subarray(0, 11), utf8('{')]).data).toEqual(
      concat([V4.subarray(0, 11), utf8('{')]),
    )
    // A stream that ends inside the signature was data after all.
    expect(feed([utf8('\r\n\r')])).toEqual({
      verdict: { type: 'not-proxy' },
      data: utf8('\r\n\r'),
      at: -1,
    })
    expect(feed([])).toEqual({ verdict: { type: 'not-proxy' }, data: new Uint8Array(0), at: -1 })
  })

  test.each([
    ['version 1', `${SIG} 11 11 00 0c`, /PROXY version 1, not 2/],
    ['command 2', `${SIG} 22 11 00 0c`, /unknown PROXY command 2/],
    ['family 0x41', `${SIG} 21 41 00 0c`, /unknown address family\/transport 0x41/],
    ['transport 3', `${SIG} 21 13 00 0c`, /unknown address family\/transport 0x13/],
    ['an address block too short for IPv4', `${SIG} 21 11 00 0b`, /11 bytes, family 0x11 needs 12/],
    ['an address block too short for IPv6', `${SIG} 21 21 00 0c`, /12 bytes, family 0x21 needs 36/],
    ['a length over the cap', `${SIG} 21 11 03 f1`, /1025 bytes, over the limit of 1024/],
    ['the largest length', `${SIG} 21 11 ff ff`, /65551 bytes, over the limit/],
  ])('%s is invalid as soon as the byte that says so arrives', (_name, bytes, reason) => {
    const reader = new ProxyV2Reader()
    const read = reader.push(hex(bytes))
    expect(read).toEqual({ type: 'invalid', reason: expect.stringMatching(reason) })
  })

  const v4With = (tlvs: string) => {
    const tail = hex(tlvs)
    const bytes = concat([V4, tail])
    bytes[15] = 12 + tail.length
    return bytes
  }

  test.each([
    ['a TLV that overruns the header', 'e0 00 08 67 72 75 70 6f 2d 33', /TLV 0xe0 overruns/],
    ['two bytes after the last TLV', 'e0 00 01 61 00 00', /2 byte\(s\) after the last TLV/],
    ['an uppercase group', 'e0 00 01 41', /group TLV "A" is not a group name/],
    ['an empty group', 'e0 00 00', /group TLV "" is not a group name/],
    ['a group of 33', 'e0 00 21' + ' 61'.repeat(33), /is not a group name/],
    ['a group of UTF-8 bytes', 'e0 00 02 c3 a7', /is not a group name/],
    ['two groups', 'e0 00 01 61 e0 00 01 62', /two group TLVs/],
  ])('%s is invalid', (_name, tlvs, reason) => {
    expect(feed([v4With(tlvs)]).verdict).toEqual({
      type: 'invalid',
      reason: expect.stringMatching(reason),
    })
  })

  test('TLVs of other types are skipped (an HAProxy in front may add its own)', () => {
    // NOOP of 3 bytes, UNIQUE_ID of 4, then the group.
    const bytes = v4With('04 00 03 00 00 00  05 00 04 01 02 03 04  e0 00 01 62')
    expect(feed([concat([bytes, REQUEST])])).toMatchObject({
      verdict: { group: 'b', source: PAGE, length: bytes.length },
      data: REQUEST,
    })
  })

  test('the length field alone decides where the header ends', () => {
    // Length 15 instead of 12: the next three bytes (an empty NOOP TLV) belong to the header.
    const longer = V4.slice()
    longer[15] = 15
    expect(feed([concat([longer, hex('04 00 00'), REQUEST])])).toMatchObject({
      verdict: { source: PAGE, length: 31 },
      data: REQUEST,
    })
  })

  test('LOCAL (a health check) and families without IP addresses carry no source', () => {
    expect(feed([hex(`${SIG} 20 00 00 00`)]).verdict).toEqual({
      type: 'header',
      command: 'local',
      length: 16,
    })
    // The spec: the receiver must skip the block by its length, whatever LOCAL's family says.
    expect(feed([concat([V4.slice(0, 12), hex('20'), V4.slice(13), REQUEST])])).toMatchObject({
      verdict: { command: 'local', length: 28 },
      data: REQUEST,
    })
    expect(feed([hex(`${SIG} 21 00 00 04  e0 00 01 61`)]).verdict).toEqual({
      type: 'header',
      command: 'proxy',
      source: undefined,
      destination: undefined,
      group: 'a',
      length: 20,
    })
  })

  test('a stream that ends inside the header is invalid (spec: reject partial headers)', () => {
    expect(feed([V4_GROUP.subarray(0, 14)]).verdict).toEqual({
      type: 'invalid',
      reason: 'the connection ended inside the PROXY header (14 of at least 16 bytes)',
    })
    expect(feed([V4_GROUP.subarray(0, 37)]).verdict).toEqual({
      type: 'invalid',
      reason: 'the connection ended inside the PROXY header (37 of 38 bytes)',
    })
  })

  test('a smaller cap can be set; pushing after the answer is a programmer error', () => {
    const reader = new ProxyV2Reader(40)
    expect(reader.push(V4_GROUP).type).toBe('header')
    expect(new ProxyV2Reader(37).push(V4_GROUP)).toMatchObject({ type: 'invalid' })
    expect(() => reader.push(REQUEST)).toThrow(
      expect.objectContaining({ code: 'WL_ERR_PROXY_DONE' }),
    )
    expect(() => reader.end()).toThrow(expect.objectContaining({ code: 'WL_ERR_PROXY_DONE' }))
  })
})

describe('interop with proxy-protocol-js (an independent implementation)', () => {
  test('headers it builds read the same here', () => {
    const v4 = new V2ProxyProtocol(
      Command.PROXY,
      TransportProtocol.STREAM,
      new IPv4ProxyAddress(
        IPv4Address.createFrom([192, 168, 0, 23]),
        51234,
        IPv4Address.createFrom([127, 0, 0, 1]),
        3213,
      ),
    ).build()
    expect(v4).toEqual(V4)
    expect(feed([concat([v4, REQUEST])])).toMatchObject({
      verdict: { source: PAGE, destination: SERVER },
      data: REQUEST,
    })
    const ip6 = [0x20, 0x01, 0x0d, 0xb8, ...Array<number>(11).fill(0), 0x23]
    const v6 = new V2ProxyProtocol(
      Command.PROXY,
      TransportProtocol.STREAM,
      new IPv6ProxyAddress(
        IPv6Address.createFrom(ip6),
        1,
        IPv6Address.createFrom([...Array<number>(15).fill(0), 1]),
        3214,
      ),
    ).build()
    expect(feed([v6]).verdict).toMatchObject({
      source: { address: '2001:db8::23', port: 1 },
      destination: { address: '::1', port: 3214 },
    })
  })

  test('headers built here parse the same there', () => {
    const v4 = V2ProxyProtocol.parse(buildProxyV2({ source: PAGE, destination: SERVER }))
    expect(v4.command).toBe(Command.PROXY)
    const a4 = v4.proxyAddress as IPv4ProxyAddress
    expect([a4.sourceAddress.address, a4.sourcePort]).toEqual([[192, 168, 0, 23], 51234])
    expect([a4.destinationAddress.address, a4.destinationPort]).toEqual([[127, 0, 0, 1], 3213])
    const v6 = V2ProxyProtocol.parse(V6)
    const a6 = v6.proxyAddress as IPv6ProxyAddress
    expect(a6.sourceAddress.address.slice(0, 4)).toEqual([0x20, 0x01, 0x0d, 0xb8])
    expect([a6.sourcePort, a6.destinationPort]).toEqual([51234, 3214])
  })
})
