import { describe, expect, test } from 'vitest'
import { buildProxyV2 } from '../shared/proxy-v2.ts'
import { ProxyGate, ProxyTrust, type GateRead } from './proxy-gate.ts'
import { Workspaces } from './workspaces.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const REQUEST = utf8(
  '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "eu"}',
)
const HEADER = buildProxyV2({
  source: { address: '192.168.0.23', port: 51234 },
  destination: { address: '127.0.0.1', port: 3213 },
  group: 'grupo-3',
})
const join = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b])

describe('ProxyTrust', () => {
  test('127.0.0.1 and ::1 always, however written; other addresses only when given', () => {
    const trust = new ProxyTrust(['::ffff:10.0.0.5', '2001:DB8::1'])
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.5', '2001:db8::1']) {
      expect(trust.trusts(address), address).toBe(true)
    }
    for (const address of [
      '10.0.0.6',
      '192.168.0.23',
      '2001:db8::2',
      'localhost',
      undefined,
      // Another loopback address stands for another computer, not for the bundled bridge.
      '127.0.0.2',
      '127.0.1.1',
    ]) {
      expect(trust.trusts(address), address).toBe(false)
    }
    expect(new ProxyTrust().trusts('10.0.0.5')).toBe(false)
  })

  test('a trusted address that is not an address is a usage error', () => {
    expect(() => new ProxyTrust(['bridge.local'])).toThrow(
      expect.objectContaining({ code: 'WL_ERR_TRUST' }),
    )
  })
})

describe('ProxyGate', () => {
  const ready = (address: string, data: Uint8Array, group?: string): GateRead => ({
    type: 'ready',
    visitor: { address, group },
    data,
    header: expect.anything(),
  })

  test('trusted: the header names the visitor and its group; the rest is data', () => {
    const gate = new ProxyGate('127.0.0.1', true)
    const read = gate.push(join(HEADER, REQUEST))
    expect(read).toEqual(ready('192.168.0.23', REQUEST, 'grupo-3'))
    expect(read).toMatchObject({ header: { command: 'proxy', length: 38 } })
    const workspaces = new Workspaces()
    if (read.type === 'ready') expect(workspaces.keyOf(read.visitor)).toBe('group:grupo-3')
  })

  test('trusted, split over reads: wait, then ready', () => {
    const gate = new ProxyGate('::1', true)
    expect(gate.push(HEADER.subarray(0, 20))).toEqual({ type: 'more' })
    expect(gate.push(join(HEADER.subarray(20), REQUEST))).toEqual(
      ready('192.168.0.23', REQUEST, 'grupo-3'),
    )
  })

  test('trusted without a header: its own visitor, every byte data', () => {
    expect(new ProxyGate('127.0.0.1', true).push(REQUEST)).toEqual({
      type: 'ready',
      visitor: { address: '127.0.0.1' },
      data: REQUEST,
    })
    const gate = new ProxyGate('127.0.0.1', true)
    expect(gate.push(utf8('\r\n'))).toEqual({ type: 'more' })
    expect(gate.end()).toEqual({
      type: 'ready',
      visitor: { address: '127.0.0.1' },
      data: utf8('\r\n'),
    })
  })

  test('not trusted: a header is only bytes, and no one is spoken for', () => {
    const bytes = join(HEADER, REQUEST)
    expect(new ProxyGate('192.168.0.99', false).push(bytes)).toEqual({
      type: 'ready',
      visitor: { address: '192.168.0.99' },
      data: bytes,
    })
  })

  test('trusted, a broken or cut header refuses the connection', () => {
    const broken = HEADER.slice()
    broken[12] = 0x22
    expect(new ProxyGate('127.0.0.1', true).push(broken)).toEqual({
      type: 'refused',
      reason: 'unknown PROXY command 2',
    })
    const cut = new ProxyGate('127.0.0.1', true)
    cut.push(HEADER.subarray(0, 30))
    expect(cut.end()).toMatchObject({ type: 'refused', reason: expect.stringMatching(/30 of 38/) })
  })

  test('LOCAL (a health check) names no one: the peer stands', () => {
    const local = HEADER.slice(0, 16)
    local[12] = 0x20
    local[15] = 0
    expect(new ProxyGate('127.0.0.1', true).push(join(local, REQUEST))).toEqual(
      ready('127.0.0.1', REQUEST),
    )
  })
})
