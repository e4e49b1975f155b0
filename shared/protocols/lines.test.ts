import { describe, expect, test } from 'vitest'
import { createProtocolDecoder } from './decoders.ts'
import { feed, oneByOne, plain, splitAt, utf8 } from './test-feed.ts'
import type { ProtocolEvent } from './types.ts'

const run = (chunks: Uint8Array[], maxMessage?: number) =>
  feed(createProtocolDecoder('lines', 'response', maxMessage ? { maxMessage } : {}), chunks)
const summary = (events: ProtocolEvent[]) =>
  events.map((e) =>
    e.type === 'message' && e.message.protocol === 'lines'
      ? [e.message.text, e.message.terminator, e.start, e.end]
      : [`!${e.type === 'error' ? e.problem : ''}`, e.start, e.end],
  )

const SMTP = '220 mail.escola.br ESMTP\r\n250-mail\r\n250 OK\n\r\n221 Tchau'

describe('lines decoder', () => {
  test('one event per line, empty lines too, with the terminator; the last at end()', () => {
    const wire = utf8(SMTP)
    const expected = [
      ['220 mail.escola.br ESMTP', 'crlf', 0, 26],
      ['250-mail', 'crlf', 26, 36],
      ['250 OK', 'lf', 36, 43],
      ['', 'crlf', 43, 45],
      ['221 Tchau', 'none', 45, 54],
    ]
    for (let cut = 0; cut <= wire.length; cut++)
      expect(summary(run(splitAt(wire, cut)).events), `cut at ${cut}`).toEqual(expected)
    expect(summary(run(oneByOne(wire)).events)).toEqual(expected)
  })

  test('the terminator is the frame; a CR alone is content', () => {
    const { events } = run([utf8('a\rb\r\n')])
    expect(plain(events)).toEqual([
      {
        type: 'message',
        start: 0,
        end: 5,
        frame: [{ start: 3, end: 5 }],
        message: { protocol: 'lines', text: 'a\rb', bytes: 'a\rb', terminator: 'crlf' },
      },
    ])
  })

  test('invalid UTF-8 shows as U+FFFD and keeps its bytes', () => {
    const { events } = run([Uint8Array.of(0x61, 0xff, 0x0a)])
    expect(plain(events[0])).toMatchObject({ message: { text: 'a\ufffd', bytes: 'a\xff' } })
  })

  test('a line over the limit is refused at the byte past it, skipped to its LF, then lines go on', () => {
    const wire = utf8('x'.repeat(30) + '\r\nok\r\n')
    for (const chunks of [[wire], oneByOne(wire)]) {
      const { events, pending } = run(chunks, 10)
      expect(summary(events)).toEqual([
        ['!too-large', 0, 11],
        ['ok', 'crlf', 32, 36],
      ])
      expect(Math.max(...pending)).toBeLessThanOrEqual(10)
    }
    // Exactly the limit (CR included) passes.
    expect(summary(run([utf8('x'.repeat(9) + '\r\n')], 10).events)).toEqual([
      ['x'.repeat(9), 'crlf', 0, 11],
    ])
  })
})
