import { describe, expect, test } from 'vitest'
import {
  FRAMINGS,
  NAIVE_READ,
  concatBytes,
  createDecoder,
  encodeFrame,
  encodeFrameText,
  type FrameEvent,
  type Framing,
} from './framing.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)
const concat = (...parts: Uint8Array[]) => concatBytes(parts)

/** Feeds the chunks in order, then ends the stream; returns every event. */
function run(framing: Framing, chunks: Uint8Array[], maxMessage?: number): FrameEvent[] {
  const d = createDecoder(framing, maxMessage === undefined ? {} : { maxMessage })
  return [...chunks.flatMap((c) => d.push(c)), ...d.end()]
}
const summary = (events: FrameEvent[]) =>
  events.map((e) => (e.type === 'message' ? text(e.body) : `!${e.problem}${e.fatal ? '!' : ''}`))

const A = '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CRIAR USUARIO", "EMAIL_USUARIO": "eu@gmail.com"}'
const B = '{"s": "}{][\\"\\\\", "n": [1, {"x": []}]}'

// naive is excluded where a framing must reassemble: it cannot, by design.
const REASSEMBLING = FRAMINGS.filter((f) => f !== 'naive')

describe.each(REASSEMBLING)('%s decoder', (framing) => {
  const wire = (s: string) => encodeFrame(framing, utf8(s))

  test('every split point of a message yields the message once, with its offsets', () => {
    const bytes = wire(A)
    for (let cut = 0; cut <= bytes.length; cut++) {
      const events = run(framing, [bytes.subarray(0, cut), bytes.subarray(cut)])
      expect(summary(events), `cut at ${cut}`).toEqual([A])
      expect(events[0]).toMatchObject({ start: 0, end: bytes.length })
    }
  })

  test('one byte at a time', () => {
    const bytes = concat(wire(A), wire(B))
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]))
    expect(summary(run(framing, chunks))).toEqual([A, B])
  })

  test('two messages in one chunk', () => {
    const a = wire(A)
    const events = run(framing, [concat(a, wire(B))])
    expect(summary(events)).toEqual([A, B])
    expect(events[1]).toMatchObject({ start: a.length, end: a.length + wire(B).length })
  })

  test('a message split across three chunks', () => {
    const bytes = wire(A)
    const events = run(framing, [bytes.subarray(0, 3), bytes.subarray(3, 50), bytes.subarray(50)])
    expect(summary(events)).toEqual([A])
  })

  test('a stream ending inside a message reports it incomplete', () => {
    const bytes = wire(A)
    expect(summary(run(framing, [bytes.subarray(0, 20)]))).toEqual(['!incomplete!'])
  })

  test('a message over the limit is refused without keeping its bytes', () => {
    const big = '{"x": "' + 'a'.repeat(200) + '"}'
    const d = createDecoder(framing, { maxMessage: 100 })
    const bytes = wire(big)
    const events = [...d.push(bytes.subarray(0, 150)), ...d.push(bytes.subarray(150))]
    expect(events[0]).toMatchObject({ type: 'error', problem: 'too-large' })
    expect(d.pending).toBe(0)
  })
})

describe('json scanner', () => {
  test('whitespace between values is allowed', () => {
    expect(summary(run('json', [utf8(` \n${A}\r\n\t ${B} `)]))).toEqual([A, B])
  })

  test('garbage between messages is one error up to the next { or [', () => {
    const events = run('json', [utf8(`${A}hello "{not" world${B}`)])
    expect(summary(events)).toEqual([A, '!garbage', B])
    expect(events[1]).toMatchObject({
      start: utf8(A).length,
      end: utf8(A + 'hello "{not" world').length,
    })
  })

  test('a run of garbage cut across reads is one error, when a { ends it', () => {
    const d = createDecoder('json')
    expect(d.push(utf8('hel'))).toEqual([])
    expect(d.push(utf8('lo '))).toEqual([])
    const events = d.push(utf8(A))
    expect(summary(events)).toEqual(['!garbage', A])
    expect(events[0]).toMatchObject({ start: 0, end: 6 })
  })

  test('flush() answers an open run of garbage now, and end() one left open', () => {
    const d = createDecoder('json')
    expect(d.push(utf8('hello'))).toEqual([])
    expect(d.flush()).toEqual([
      { type: 'error', problem: 'garbage', start: 0, end: 5, fatal: false },
    ])
    expect(d.flush()).toEqual([])
    expect(summary(d.push(utf8(A)))).toEqual([A])
    d.push(utf8('bye'))
    expect(summary(d.end())).toEqual(['!garbage'])
  })

  test('a run of garbage in an open string stays one through flush()', () => {
    const d = createDecoder('json')
    d.push(utf8('"ab'))
    expect(summary(d.flush())).toEqual(['!garbage'])
    // Still inside the string: its '{' starts nothing.
    expect(d.push(utf8('{c" '))).toEqual([])
    expect(summary(d.push(utf8(A)))).toEqual(['!garbage', A])
  })

  test('the other framings have nothing to flush', () => {
    for (const framing of ['ndjson', 'length', 'naive'] as const) {
      const d = createDecoder(framing)
      d.push(utf8('{"a'))
      expect(d.flush()).toEqual([])
    }
  })

  test('an unparseable value still ends at its matching bracket', () => {
    expect(summary(run('json', [utf8(`{not json}${A}`)]))).toEqual(['{not json}', A])
  })

  test('arrays are values too (the handler refuses them)', () => {
    expect(summary(run('json', [utf8('[1]')]))).toEqual(['[1]'])
  })

  test('after an oversize message nothing more is decoded', () => {
    const d = createDecoder('json', { maxMessage: 10 })
    expect(summary(d.push(utf8('{"aaaaaaaaaaaa": 1}{}')))).toEqual(['!too-large!'])
    expect(d.push(utf8('{}'))).toEqual([])
    expect(d.end()).toEqual([])
  })

  test('100k nested brackets under the limit are one message', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(run('json', [utf8(deep)], 1 << 20)).toHaveLength(1)
  })
})

describe('ndjson decoder', () => {
  test('empty and blank lines are ignored, CRLF is fine', () => {
    expect(summary(run('ndjson', [utf8(`\n\r\n  \n${A}\r\n${B}\n`)]))).toEqual([`${A}\r`, B])
  })

  test('a line that is not JSON is still one message (the handler answers 400)', () => {
    expect(summary(run('ndjson', [utf8('garbage\n{}\n')]))).toEqual(['garbage', '{}'])
  })

  test('an oversize line is skipped up to its newline, then decoding continues', () => {
    const events = run('ndjson', [utf8('x'.repeat(60)), utf8('x'.repeat(60) + '\n{}\n')], 100)
    expect(summary(events)).toEqual(['!too-large', '{}'])
  })
})

describe('length decoder', () => {
  test('the prefix is 4 bytes, big-endian', () => {
    expect(Array.from(encodeFrame('length', utf8('{}')))).toEqual([0, 0, 0, 2, 0x7b, 0x7d])
    const body = new Uint8Array(0x010203)
    expect(Array.from(encodeFrame('length', body).subarray(0, 4))).toEqual([0, 1, 2, 3])
  })

  test('a declared length over the limit is refused at once and its bytes skipped', () => {
    const d = createDecoder('length', { maxMessage: 100 })
    const big = encodeFrame('length', new Uint8Array(1000))
    expect(summary(d.push(big.subarray(0, 4)))).toEqual(['!too-large'])
    expect(d.push(big.subarray(4, 600))).toEqual([])
    expect(summary(d.push(concat(big.subarray(600), encodeFrame('length', utf8(A)))))).toEqual([A])
  })

  test('a zero length is an empty message', () => {
    expect(summary(run('length', [new Uint8Array(4)]))).toEqual([''])
  })
})

describe('naive decoder', () => {
  test('each read is one message, as recv(512) sees it', () => {
    expect(summary(run('naive', [utf8(A), utf8(B)]))).toEqual([A, B])
  })

  test('two messages in one read are one broken message', () => {
    expect(summary(run('naive', [utf8(A + B)]))).toEqual([A + B])
  })

  test('a message split over two reads is two broken messages', () => {
    expect(summary(run('naive', [utf8(A.slice(0, 10)), utf8(A.slice(10))]))).toEqual([
      A.slice(0, 10),
      A.slice(10),
    ])
  })

  test('a read longer than 512 bytes is cut into 512-byte messages', () => {
    const events = run('naive', [new Uint8Array(NAIVE_READ * 2 + 3)])
    expect(events.map((e) => e.end - e.start)).toEqual([512, 512, 3])
  })

  test('encoding adds nothing', () => {
    expect(encodeFrame('naive', utf8(A))).toEqual(utf8(A))
    expect(encodeFrame('json', utf8(A))).toEqual(utf8(A))
  })
})

test('encodeFrameText is encodeFrame for ASCII text, in every framing', () => {
  const text = '{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "' + 'x'.repeat(300) + '"}'
  for (const framing of FRAMINGS) {
    const expected = encodeFrame(framing, new TextEncoder().encode(text))
    const got = Uint8Array.from(encodeFrameText(framing, text), (c) => c.charCodeAt(0))
    expect(got).toEqual(expected)
  }
})
