import { describe, expect, test } from 'vitest'
import { createProtocolDecoder } from './decoders.ts'
import { formatResp, inlineCommand, respCommand, splitInline } from './resp-values.ts'
import { bytesOf, feed, oneByOne, plain, splitAt, utf8 } from './test-feed.ts'
import type { Direction, ProtocolEvent, ProtocolOptions } from './types.ts'

const run = (dir: Direction, chunks: Uint8Array[], options: ProtocolOptions = {}) =>
  feed(createProtocolDecoder('resp', dir, options), chunks).events
/** Each event as its decoded value (plain) or `!problem`, with its range. */
const summary = (events: ProtocolEvent[]) =>
  events.map((e) =>
    e.type === 'message' && e.message.protocol === 'resp'
      ? [plain(e.message.value), e.start, e.end]
      : [
          `!${e.type === 'error' ? e.problem : ''}${e.type === 'error' && e.fatal ? '!' : ''}`,
          e.start,
          e.end,
        ],
  )

const bulk = (text: string) => ({ type: 'bulk', bytes: text, text, utf8: true })

// Golden replies (RESP2 and RESP3) with the value each decodes to.
const REPLIES: [string, unknown][] = [
  ['+OK\r\n', { type: 'simple', text: 'OK' }],
  [
    '-ERR value is not an integer or out of range\r\n',
    { type: 'error', text: 'ERR value is not an integer or out of range' },
  ],
  [':-42\r\n', { type: 'integer', text: '-42' }],
  ['$5\r\nhe\r\no\r\n', bulk('he\r\no')],
  ['$0\r\n\r\n', bulk('')],
  ['$-1\r\n', { type: 'null', marker: '$' }],
  ['*-1\r\n', { type: 'null', marker: '*' }],
  ['*0\r\n', { type: 'array', items: [] }],
  [
    '*2\r\n$3\r\nfoo\r\n*2\r\n:1\r\n*0\r\n',
    {
      type: 'array',
      items: [
        bulk('foo'),
        {
          type: 'array',
          items: [
            { type: 'integer', text: '1' },
            { type: 'array', items: [] },
          ],
        },
      ],
    },
  ],
  ['_\r\n', { type: 'null', marker: '_' }],
  ['#f\r\n', { type: 'boolean', value: false }],
  [',-1.5e3\r\n', { type: 'double', text: '-1.5e3' }],
  [',inf\r\n', { type: 'double', text: 'inf' }],
  [
    '(3492890328409238509324850943850943825024385\r\n',
    { type: 'bignum', text: '3492890328409238509324850943850943825024385' },
  ],
  [
    '=15\r\ntxt:Some string\r\n',
    { type: 'verbatim', format: 'txt', bytes: 'Some string', text: 'Some string', utf8: true },
  ],
  [
    '!21\r\nSYNTAX invalid syntax\r\n',
    {
      type: 'blob-error',
      bytes: 'SYNTAX invalid syntax',
      text: 'SYNTAX invalid syntax',
      utf8: true,
    },
  ],
  [
    '%2\r\n+a\r\n:1\r\n+b\r\n_\r\n',
    {
      type: 'map',
      entries: [
        [
          { type: 'simple', text: 'a' },
          { type: 'integer', text: '1' },
        ],
        [
          { type: 'simple', text: 'b' },
          { type: 'null', marker: '_' },
        ],
      ],
    },
  ],
  ['~1\r\n#t\r\n', { type: 'set', items: [{ type: 'boolean', value: true }] }],
  [
    '>2\r\n+message\r\n+hi\r\n',
    {
      type: 'push',
      items: [
        { type: 'simple', text: 'message' },
        { type: 'simple', text: 'hi' },
      ],
    },
  ],
  [
    '|1\r\n+ttl\r\n:3600\r\n',
    {
      type: 'attribute',
      entries: [
        [
          { type: 'simple', text: 'ttl' },
          { type: 'integer', text: '3600' },
        ],
      ],
    },
  ],
]

describe('resp replies', () => {
  test.each(REPLIES)('%j decodes at every split point', (wire, value) => {
    const bytes = utf8(wire)
    for (let cut = 0; cut <= bytes.length; cut++)
      expect(summary(run('response', splitAt(bytes, cut))), `cut at ${cut}`).toEqual([
        [value, 0, bytes.length],
      ])
  })

  test('all replies back to back, one byte at a time, keep their boundaries', () => {
    const bytes = utf8(REPLIES.map(([w]) => w).join(''))
    const events = run('response', oneByOne(bytes))
    let at = 0
    expect(summary(events)).toEqual(
      REPLIES.map(([w, v]) => {
        const start = at
        at += utf8(w).length
        return [v, start, at]
      }),
    )
  })

  test('an attribute inside an array is not counted as one of its elements', () => {
    const events = run('response', [utf8('*1\r\n|1\r\n+a\r\n+b\r\n:7\r\n')])
    expect(summary(events)).toEqual([
      [
        {
          type: 'array',
          items: [
            {
              type: 'attribute',
              entries: [
                [
                  { type: 'simple', text: 'a' },
                  { type: 'simple', text: 'b' },
                ],
              ],
            },
            { type: 'integer', text: '7' },
          ],
        },
        0,
        20,
      ],
    ])
  })

  test('a bulk string that is not UTF-8 keeps its bytes', () => {
    const [event] = run('response', [bytesOf('$2\r\n\xff\x00\r\n')])
    expect(plain(event)).toMatchObject({
      message: { value: { type: 'bulk', bytes: '\xff\x00', text: '\ufffd\x00', utf8: false } },
    })
  })

  test('redis-cli style text', () => {
    const [event] = run('response', [utf8('*3\r\n$1\r\na\r\n*2\r\n:1\r\n$-1\r\n-ERR no\r\n')])
    expect(
      event?.type === 'message' &&
        event.message.protocol === 'resp' &&
        formatResp(event.message.value),
    ).toBe('1) "a"\n2) 1) (integer) 1\n   2) (nil)\n3) (error) ERR no')
  })
})

describe('resp commands (request side)', () => {
  test('inline commands, blank lines skipped, then an array command', () => {
    const wire = utf8("PING\r\n\r\n  \nSET k \"a b\\x41\"\nGET 'it\\'s'\r\n*1\r\n$4\r\nPING\r\n")
    for (let cut = 0; cut <= wire.length; cut++) {
      const events = run('request', splitAt(wire, cut))
      expect(
        summary(events).map(([v, s, e]) => [(v as { args?: unknown }).args ?? v, s, e]),
        `cut at ${cut}`,
      ).toEqual([
        [['PING'], 0, 6],
        [['SET', 'k', 'a bA'], 11, 27],
        [['GET', "it's"], 27, 40],
        [{ type: 'array', items: [bulk('PING')] }, 40, 54],
      ])
    }
  })

  test('an unbalanced quote is marked, as Redis refuses it', () => {
    const events = run('request', [utf8('SET k "open\r\n')])
    expect(plain(events[0])).toMatchObject({
      message: { value: { type: 'inline', unbalanced: true } },
    })
  })

  test('respCommand and inlineCommand build what the decoder reads back', () => {
    expect(new TextDecoder().decode(respCommand(['SET', 'k', 'olá']))).toBe(
      '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nolá\r\n',
    )
    const args = ['SET', 'my key', '', 'a"b\\c\n', 'olá']
    const line = inlineCommand(args)
    expect(new TextDecoder().decode(line)).toBe('SET "my key" "" "a\\"b\\\\c\\n" olá\r\n')
    const split = splitInline(line.subarray(0, line.length - 2))
    expect(split.args.map((a) => new TextDecoder().decode(a))).toEqual(args)
  })
})

describe('resp errors', () => {
  test('a byte that starts no type is fatal, and nothing after it is decoded', () => {
    const events = run('response', [utf8('+OK\r\nhello\r\n+OK\r\n')])
    expect(summary(events)).toEqual([
      [{ type: 'simple', text: 'OK' }, 0, 5],
      ['!bad-type!', 5, 6],
    ])
  })

  test('a missing CR, a bad length, bad CRLF after data, bad integer: each fatal at the byte that shows it', () => {
    expect(summary(run('response', [utf8('+OK\n')]))).toEqual([['!bad-crlf!', 0, 4]])
    expect(summary(run('response', [utf8('$x\r\n')]))).toEqual([['!bad-length!', 0, 4]])
    expect(summary(run('response', [utf8('$?\r\n')]))).toEqual([['!bad-length!', 0, 4]])
    expect(summary(run('response', [utf8('$-2\r\n')]))).toEqual([['!bad-length!', 0, 5]])
    expect(summary(run('response', [utf8('$' + '9'.repeat(40))]))).toEqual([
      ['!bad-length!', 0, 19],
    ])
    expect(summary(run('response', [utf8('$2\r\nabcd')]))).toEqual([['!bad-crlf!', 0, 7]])
    expect(summary(run('response', [utf8(':1x\r\n')]))).toEqual([['!bad-value!', 0, 5]])
    expect(summary(run('response', [utf8('#x\r\n')]))).toEqual([['!bad-value!', 0, 4]])
  })

  test('the stream ending inside a value is incomplete', () => {
    expect(summary(run('response', [utf8('*2\r\n:1\r\n')]))).toEqual([['!incomplete!', 0, 8]])
    expect(summary(run('request', [utf8('PIN')]))).toEqual([['!incomplete!', 0, 3]])
  })

  test('nesting past maxDepth is fatal', () => {
    const deep = '*1\r\n'.repeat(5) + ':1\r\n'
    expect(summary(run('response', [utf8(deep)], { maxDepth: 4 }))).toEqual([['!too-deep!', 0, 20]])
    expect(run('response', [utf8(deep)], { maxDepth: 5 })[0]?.type).toBe('message')
  })

  test('a value over the limit is skipped to its exact end, not kept, and decoding goes on', () => {
    const big = '*3\r\n$50\r\n' + 'x'.repeat(50) + '\r\n+' + 'y'.repeat(60) + '\r\n:1\r\n'
    const wire = utf8(big + '+OK\r\n')
    for (const chunks of [[wire], oneByOne(wire)]) {
      const d = createProtocolDecoder('resp', 'response', { maxMessage: 40 })
      const { events, pending } = feed(d, chunks)
      expect(summary(events)).toEqual([
        ['!too-large', 0, big.length],
        [{ type: 'simple', text: 'OK' }, big.length, big.length + 5],
      ])
      expect(Math.max(...pending)).toBeLessThanOrEqual(40)
    }
  })
})
