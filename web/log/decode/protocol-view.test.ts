import { describe, expect, it } from 'vitest'
import { respCommand } from '../../../shared/protocols/resp-values.ts'
import { protocolSummary, viewOfBytes } from './protocol-view.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)

// Decodes one message's bytes as an exported log is read back, then says it in a few words.
function summary(
  protocol: 'http' | 'resp' | 'lines',
  dir: 'sent' | 'received',
  text: string | Uint8Array,
) {
  const view = viewOfBytes(protocol, dir, typeof text === 'string' ? utf8(text) : text)
  if (view.type !== 'protocol') throw new Error(`not decoded: ${JSON.stringify(view)}`)
  return protocolSummary(view.message)
}

describe('another protocol message in a few words', () => {
  it('names HTTP start lines, RESP commands and replies, and lines', () => {
    expect(summary('http', 'sent', 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n')).toBe('GET /x')
    expect(summary('http', 'received', 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')).toBe(
      '404 Not Found',
    )
    expect(summary('resp', 'sent', respCommand(['SET', 'aluno', 'Ana']))).toBe('SET aluno Ana')
    expect(summary('resp', 'received', '+PONG\r\n')).toBe('PONG')
    expect(summary('resp', 'received', '$3\r\nAna\r\n')).toBe('"Ana"')
    expect(summary('resp', 'received', '-ERR no\r\n')).toBe('ERR no')
    expect(summary('resp', 'received', '*2\r\n:1\r\n:2\r\n')).toBe('array[2]')
    expect(summary('lines', 'received', `250 ${'x'.repeat(40)}\r\n`)).toHaveLength(34)
  })

  it('reads an incomplete stored message as incomplete', () => {
    expect(viewOfBytes('http', 'received', utf8('HTTP/1.1 200 OK\r\n'))).toMatchObject({
      type: 'protocol-error',
      problem: 'incomplete',
    })
  })
})
