// The allow-list and Origin rule as plain values: parsing, matching without DNS, and the same-host check.
import { describe, expect, it } from 'vitest'
import {
  defaultAllowList,
  findAllowed,
  normalizeOrigin,
  originChecker,
  parseAllow,
} from './allow.ts'
import { checkAllowed } from './admission.ts'
import { AllowedTarget } from '../shared/bridge-protocol.ts'

describe('parseAllow', () => {
  it('reads HOST:PORT, HOST:PORT-PORT and bracketed IPv6', () => {
    expect(parseAllow('127.0.0.1:3213')).toEqual({ host: '127.0.0.1', from: 3213, to: 3213 })
    expect(parseAllow(' lab.local:3213-3216 ')).toEqual({ host: 'lab.local', from: 3213, to: 3216 })
    expect(parseAllow('[::1]:80-81')).toEqual({ host: '::1', from: 80, to: 81 })
  })

  it('reads a protocol and a name after the port', () => {
    expect(parseAllow('127.0.0.1:6379=resp:Redis')).toEqual({
      host: '127.0.0.1',
      from: 6379,
      to: 6379,
      protocol: 'resp',
      label: 'Redis',
    })
    expect(parseAllow("192.168.0.42:3213:Ana's server")).toEqual({
      host: '192.168.0.42',
      from: 3213,
      to: 3213,
      label: "Ana's server",
    })
    expect(parseAllow('[::1]:3214=ndjson')).toEqual({
      host: '::1',
      from: 3214,
      to: 3214,
      protocol: 'lesson',
      framing: 'ndjson',
    })
    expect(() => parseAllow('127.0.0.1:80=gopher')).toThrow(/unknown protocol "gopher"/)
  })

  it('rejects anything else with a message naming the flag and the text', () => {
    for (const bad of [
      '',
      '3213',
      'host',
      'host:',
      'host:0',
      'host:65536',
      'host:10-9',
      'host:1-65536',
      'host:1-',
      '::1:80',
      'a b:80',
      'http://host:80',
    ]) {
      expect(() => parseAllow(bad), bad).toThrow(`--allow must be HOST:PORT or HOST:PORT-PORT`)
    }
    expect(() => parseAllow('x', '--target')).toThrow(/^--target .*"x"/)
  })
})

describe('findAllowed', () => {
  const allow = [parseAllow('127.0.0.1:3213-3216'), parseAllow('Lab.Local:7')]

  it('matches a host as written and a port inside a range', () => {
    expect(findAllowed(allow, '127.0.0.1', 3213)).toBe(allow[0])
    expect(findAllowed(allow, '127.0.0.1', 3216)).toBe(allow[0])
    expect(findAllowed(allow, 'lab.local', 7)).toBe(allow[1])
  })

  it('does not resolve or normalise addresses', () => {
    expect(findAllowed(allow, '127.0.0.1', 3217)).toBeUndefined()
    expect(findAllowed(allow, '127.0.0.1', 3212)).toBeUndefined()
    for (const host of ['localhost', '127.1', '127.0.0.01', '0x7f.0.0.1', '::ffff:127.0.0.1']) {
      expect(findAllowed(allow, host, 3213), host).toBeUndefined()
    }
  })
})

describe('defaultAllowList', () => {
  it('lists the four framings on their ports, labelled', () => {
    expect(defaultAllowList()).toEqual([
      {
        host: '127.0.0.1',
        from: 3213,
        to: 3213,
        protocol: 'lesson',
        framing: 'json',
        label: 'json',
      },
      {
        host: '127.0.0.1',
        from: 3214,
        to: 3214,
        protocol: 'lesson',
        framing: 'ndjson',
        label: 'ndjson',
      },
      {
        host: '127.0.0.1',
        from: 3215,
        to: 3215,
        protocol: 'lesson',
        framing: 'length',
        label: 'length',
      },
      {
        host: '127.0.0.1',
        from: 3216,
        to: 3216,
        protocol: 'lesson',
        framing: 'naive',
        label: 'naive',
      },
    ])
    const moved = defaultAllowList('10.0.0.1', { json: 1, ndjson: 2, length: 3, naive: 4 })
    expect(moved.map((t) => `${t.host}:${t.from}`)).toEqual([
      '10.0.0.1:1',
      '10.0.0.1:2',
      '10.0.0.1:3',
      '10.0.0.1:4',
    ])
  })
})

describe('origins', () => {
  it('normalises --origin values and rejects non-origins', () => {
    expect(normalizeOrigin('http://192.168.1.10:5173/')).toBe('http://192.168.1.10:5173')
    expect(normalizeOrigin('HTTP://Lab.Local:80')).toBe('http://lab.local')
    expect(normalizeOrigin('*')).toBe('*')
    for (const bad of ['lab.local', 'ftp://x', 'http://x/page', 'http://x/?a', '']) {
      expect(() => normalizeOrigin(bad), bad).toThrow('--origin must be an origin')
    }
  })

  it('allows no Origin, the same host, listed origins; refuses the rest', () => {
    const check = originChecker(['http://192.168.1.10:5173'])
    expect(check(undefined, '127.0.0.1:8080')).toBe(true)
    expect(check('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true)
    expect(check('http://LAB.local:8080', 'lab.local:8080')).toBe(true)
    expect(check('http://lab.local', 'lab.local:80')).toBe(true)
    expect(check('https://lab.local', 'lab.local:443')).toBe(true)
    expect(check('http://192.168.1.10:5173', '192.168.1.10:8080')).toBe(true)
    expect(check('http://localhost:8080', '127.0.0.1:8080')).toBe(false)
    expect(check('http://127.0.0.1:8081', '127.0.0.1:8080')).toBe(false)
    expect(check('https://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true)
    expect(check('http://evil.example', '127.0.0.1:8080')).toBe(false)
    expect(check('null', '127.0.0.1:8080')).toBe(false)
    expect(check('http://127.0.0.1:8080', undefined)).toBe(false)
    expect(check('file://', '127.0.0.1:8080')).toBe(false)
  })

  it("allows any page with '*'", () => {
    const check = originChecker(['*'])
    expect(check('http://evil.example', '127.0.0.1:8080')).toBe(true)
    expect(check('null', '127.0.0.1:8080')).toBe(true)
  })
})

describe('one allow-list rule', () => {
  it("the bridge's options and /api/targets' schema accept and refuse the same entries", () => {
    const entries = [
      { host: '127.0.0.1', from: 3213, to: 3216 },
      { host: 'lab.local', from: 1, to: 65535 },
      { host: '', from: 3213, to: 3213 },
      { host: '127.0.0.1', from: 3216, to: 3213 },
      { host: '127.0.0.1', from: 0, to: 10 },
      { host: '127.0.0.1', from: 10, to: 65536 },
      { host: '127.0.0.1', from: 1.5, to: 10 },
    ]
    const bridge = entries.map((e) => {
      try {
        checkAllowed(e)
        return true
      } catch {
        return false
      }
    })
    const schema = entries.map((e) => AllowedTarget.safeParse(e).success)
    expect(bridge).toEqual([true, true, false, false, false, false, false])
    expect(schema).toEqual(bridge)
  })
})
