import { describe, expect, test } from 'vitest'
import { invalidUtf8Offset, parseMessage } from '../codec.ts'
import { FRAMINGS } from '../framing.ts'
import { createProtocolDecoder } from '../protocols/decoders.ts'
import type { Decoded, Protocol } from '../protocols/types.ts'
import { INVALID_UTF8_OFFSET, byteExamples } from './byte-examples.ts'
import { formatEscaped } from './bytes-text.ts'
import { LINE_PRESETS, RESP_PRESETS, httpPresets, httpRequest, presetsFor } from './presets.ts'

/** What the request side's decoder makes of a preset: its messages, and that nothing else came. */
function decoded(
  protocol: Protocol,
  bytes: Uint8Array,
  framing?: (typeof FRAMINGS)[number],
): Decoded[] {
  const d = createProtocolDecoder(protocol, 'request', framing ? { framing } : {})
  const events = [...d.push(bytes), ...d.end()]
  return events.map((e) => {
    if (e.type !== 'message') throw new Error(`${e.problem}: ${e.detail}`)
    return e.message
  })
}

describe('presets', () => {
  test('HTTP: Host names the target, Content-Length is the body in bytes', () => {
    const get = httpRequest({ method: 'GET', path: '/', target: { host: '::1', port: 8000 } })
    expect(new TextDecoder().decode(get)).toBe('GET / HTTP/1.1\r\nHost: [::1]:8000\r\n\r\n')
    const onPort80 = httpRequest({
      method: 'GET',
      path: '/',
      target: { host: 'example.org', port: 80 },
    })
    expect(new TextDecoder().decode(onPort80)).toContain('Host: example.org\r\n')
    const post = httpRequest({
      method: 'POST',
      path: '/',
      target: { host: 'h', port: 1 },
      body: 'ção',
    })
    expect(new TextDecoder().decode(post)).toBe(
      'POST / HTTP/1.1\r\nHost: h:1\r\nContent-Length: 5\r\n\r\nção',
    )
  })

  test('every HTTP preset but the garbage one decodes as requests', () => {
    const presets = httpPresets({ host: '127.0.0.1', port: 8000 })
    const methods = presets
      .filter((p) => p.id !== 'http-garbage')
      .map((p) =>
        decoded('http', p.bytes).map(
          (m) => m.protocol === 'http' && m.kind === 'request' && m.method,
        ),
      )
    expect(methods).toEqual([['GET'], ['HEAD'], ['GET', 'GET'], ['POST']])
    const garbage = createProtocolDecoder('http', 'request').push(presets.at(-1)!.bytes)
    expect(garbage).toMatchObject([{ type: 'error', problem: 'bad-start-line' }])
  })

  test('Redis presets are commands the decoder reads back', () => {
    const args = RESP_PRESETS.map((p) =>
      decoded('resp', p.bytes).map((m) => {
        if (m.protocol !== 'resp') return undefined
        const v = m.value
        return v.type === 'inline'
          ? v.args
          : v.type === 'array'
            ? v.items.map((i) => (i.type === 'bulk' ? i.text : '?'))
            : v.type
      }),
    )
    expect(args).toEqual([
      [['PING']],
      [['SET', 'aluno', 'Ana']],
      [['GET', 'aluno']],
      [['INCR', 'visitas']],
      [
        ['SET', 'aluno', 'Ana'],
        ['INCR', 'aluno'],
      ],
      [['PING']],
      [['SET', 'aluno', 'Ana Maria']],
      [['GET', 'aluno']],
    ])
  })

  test('line presets are one CRLF line each, but the message, which ends with its lone "."', () => {
    const lines = LINE_PRESETS.map((p) =>
      decoded('lines', p.bytes).map((m) => m.protocol === 'lines' && m.text),
    )
    expect(lines).toEqual([
      ['HELO wire-lab'],
      ['MAIL FROM:<aluno@escola.br>'],
      ['RCPT TO:<professor@escola.br>'],
      ['DATA'],
      ['Subject: Oi', '', 'Mensagem enviada pelo wire-lab.', '.'],
      ['QUIT'],
    ])
    expect(presetsFor('lines', { host: 'h', port: 25 })).toBe(LINE_PRESETS)
    expect(presetsFor('raw', { host: 'h', port: 25 })).toEqual([])
  })

  test.each(FRAMINGS)(
    'byte examples for the %s port are one message each, as the bytes mode shows them',
    (framing) => {
      const examples = byteExamples(framing)
      expect(examples.map((e) => e.id)).toEqual([
        'lesson-invalid-utf8',
        'lesson-nul',
        ...(framing === 'length' ? ['lesson-length-prefix'] : []),
      ])
      const [utf, nul, prefix] = examples.map((e) => {
        const [m, ...rest] = decoded('lesson', e.bytes, framing)
        expect(rest).toEqual([])
        return m?.protocol === 'lesson' ? m.body : new Uint8Array(0)
      })
      expect(invalidUtf8Offset(utf!)).toBe(INVALID_UTF8_OFFSET)
      expect(formatEscaped(utf!)).toContain('"EMAIL_USUARIO": "eu\\xff@gmail.com"')
      expect(formatEscaped(nul!)).toContain('"eu\\0@gmail.com"')
      expect(parseMessage(nul!)).toMatchObject({ ok: false, problem: 'json' })
      if (prefix) {
        // 106 bytes: the prefix's last byte is 0x6a, which shows as the letter j.
        expect(prefix.length).toBe(0x6a)
        expect(formatEscaped(examples[2]!.bytes)).toMatch(/^\\0\\0\\0j\{"SERVI/)
        expect(parseMessage(prefix)).toMatchObject({ ok: true })
      }
    },
  )
})
