import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { FRAMINGS } from '../framing.ts'
import { formatAllowEntry, parseAllowEntry, type AllowEntry } from './allow-entry.ts'
import { PROTOCOLS } from './types.ts'

const entry = (text: string) => {
  const r = parseAllowEntry(text)
  return r.ok ? r.entry : r.reason
}

describe('allow-list entries', () => {
  test.each<[string, AllowEntry]>([
    [
      '127.0.0.1:6379=resp:Redis',
      { host: '127.0.0.1', from: 6379, to: 6379, protocol: 'resp', label: 'Redis' },
    ],
    [
      '127.0.0.1:8000=http:My web server',
      { host: '127.0.0.1', from: 8000, to: 8000, protocol: 'http', label: 'My web server' },
    ],
    [
      "192.168.0.42:3213:Ana's server",
      { host: '192.168.0.42', from: 3213, to: 3213, label: "Ana's server" },
    ],
    ['192.168.0.42:3213', { host: '192.168.0.42', from: 3213, to: 3213 }],
    [
      '[::1]:3214=ndjson',
      { host: '::1', from: 3214, to: 3214, protocol: 'lesson', framing: 'ndjson' },
    ],
    [
      '[fe80::1]:25-26=LINES:Mail: test = 1',
      { host: 'fe80::1', from: 25, to: 26, protocol: 'lines', label: 'Mail: test = 1' },
    ],
    [
      '  mail.local:110=lines:POP3  ',
      { host: 'mail.local', from: 110, to: 110, protocol: 'lines', label: 'POP3' },
    ],
    ['localhost:9000-9010=raw', { host: 'localhost', from: 9000, to: 9010, protocol: 'raw' }],
    ['localhost:3213=lesson', { host: 'localhost', from: 3213, to: 3213, protocol: 'lesson' }],
    ['h:1:8000 server', { host: 'h', from: 1, to: 1, label: '8000 server' }],
  ])('%s', (text, expected) => {
    expect(entry(text)).toEqual(expected)
  })

  test.each([
    ['127.0.0.1', 'not an allow-list entry'],
    ['::1:3213', 'not an allow-list entry'],
    ['127.0.0.1:0', 'bad host or port'],
    ['127.0.0.1:70000', 'bad host or port'],
    ['127.0.0.1:5-4', 'low to high'],
    [
      '127.0.0.1:6379=redis',
      'unknown protocol "redis" (use lesson, http, resp, lines, raw, json, ndjson, length, naive)',
    ],
    ['127.0.0.1:6379=resp:', 'an empty name'],
    ['127.0.0.1:6379=resp:  ', 'an empty name'],
    ['127.0.0.1:6379:a\tb', 'control characters'],
    ['127.0.0.1:6379:' + 'x'.repeat(61), 'longer than 60'],
    ['127.0.0.1:6379=', 'not an allow-list entry'],
  ])('%s is refused: %s', (text, why) => {
    expect(entry(text)).toContain(why)
    expect(entry(text)).toContain('HOST:PORT[-PORT][=PROTOCOL][:Name]')
  })

  test('format and parse are inverses', () => {
    const host = fc.oneof(
      fc.ipV4(),
      fc.ipV6().map((h) => h.toLowerCase()),
      fc.domain(),
    )
    const anEntry = fc
      .record({
        host,
        from: fc.integer({ min: 1, max: 65535 }),
        span: fc.nat(100),
        word: fc.option(fc.constantFrom(...PROTOCOLS, ...FRAMINGS)),
        label: fc.option(
          fc
            .string({ minLength: 1, maxLength: 60 })
            .filter((s) => s.trim() === s && s !== '' && !/\p{Cc}/u.test(s)),
        ),
      })
      .map(({ host, from, span, word, label }): AllowEntry => {
        const e: AllowEntry = { host, from, to: Math.min(65535, from + span) }
        if (word && (FRAMINGS as readonly string[]).includes(word))
          Object.assign(e, { protocol: 'lesson', framing: word })
        else if (word) e.protocol = word as AllowEntry['protocol']
        if (label !== null) e.label = label
        return e
      })
    fc.assert(
      fc.property(anEntry, (e) => {
        expect(entry(formatAllowEntry(e))).toEqual(e)
      }),
      { numRuns: 300 },
    )
  })
})
