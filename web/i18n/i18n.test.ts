import { describe, expect, it } from 'vitest'
import { CLOSE } from '../../shared/bridge-protocol.ts'
import {
  closeSentence,
  codeMeaning,
  eventSentence,
  reasonSentence,
  statusSentence,
  targetsFailureSentence,
} from './describe.ts'
import { MESSAGES } from './all-messages.ts'
import type { LogEvent } from '../log/entries.ts'

// Every key path of a dictionary, with the arity of functions, so shapes can be compared.
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()${value.length}`]
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k))
  }
  return [path]
}

describe('dictionaries', () => {
  it('English has exactly the keys of Portuguese, with the same parameters', () => {
    expect(shape(MESSAGES.en).sort()).toEqual(shape(MESSAGES.pt).sort())
  })

  it('has no empty strings', () => {
    for (const lang of ['pt', 'en'] as const) {
      const empty = Object.entries(MESSAGES[lang]).filter(([, v]) => v === '')
      expect(empty).toEqual([])
    }
  })
})

describe('sentences', () => {
  const pt = MESSAGES.pt
  const en = MESSAGES.en

  it('turns a refused TCP connect into words, in both languages', () => {
    const reason = {
      kind: 'closed',
      code: CLOSE.TARGET_UNREACHABLE,
      reason: 'x',
      errno: 'ECONNREFUSED',
    } as const
    expect(reasonSentence(reason, pt)).toBe(
      'O servidor TCP recusou a conexão (ECONNREFUSED). Ele está rodando nessa porta?',
    )
    expect(reasonSentence(reason, en)).toMatch(
      /^The TCP server refused the connection \(ECONNREFUSED\)/,
    )
  })

  it('translates every close code the bridge uses, and falls back for others', () => {
    for (const code of Object.values(CLOSE)) {
      expect(pt.close[code], `pt ${code}`).toBeDefined()
      expect(en.close[code], `en ${code}`).toBeDefined()
    }
    expect(closeSentence(4999, 'odd', undefined, pt)).toBe('Conexão encerrada (código 4999).')
    expect(closeSentence(CLOSE.TARGET_ERROR, '', 'EWEIRD', en)).toBe('TCP error (EWEIRD).')
  })

  it('describes bridge events with their byte counts', () => {
    const closed = eventSentence(
      {
        type: 'closed',
        at: 1,
        code: 4000,
        reason: 'target closed',
        bytes: { toTarget: 1, fromTarget: 98 },
      },
      pt,
    )
    expect(closed).toEqual({
      text: 'A ponte fechou o WebSocket (código 4000).',
      detail: '1 byte enviados, 98 bytes recebidos. A ponte disse: «target closed».',
    })
    expect(eventSentence({ type: 'ws-open' }, en).text).toBe(
      'WebSocket open; the bridge connects over TCP.',
    )
  })

  it('gives every close its code and its meaning in the page language, never the bridge English', () => {
    // The page closed: the status says so with the code the page sends.
    expect(statusSentence({ kind: 'user' }, pt)).toBe(
      'Você encerrou a conexão. Código 1000: fechamento normal.',
    )
    expect(statusSentence({ kind: 'user' }, en)).toContain('Code 1000')
    // Every code the bridge closes with is in its sentence, in both languages.
    for (const code of Object.values(CLOSE)) {
      for (const t of [pt, en]) {
        const reason = { kind: 'closed', code, reason: 'target closed the connection' } as const
        const sentence = statusSentence(reason, t)
        expect(sentence, `${code}`).toContain(String(code))
        expect(sentence, `${code}`).not.toContain('target closed')
      }
    }
    // A TCP error's own sentence, with the close code after it.
    const refused = { kind: 'closed', code: 4002, reason: 'x', errno: 'ECONNREFUSED' } as const
    expect(statusSentence(refused, en)).toMatch(/\(ECONNREFUSED\).*\(code 4002\)$/)
    // A code the page does not know: the code, not the bridge's English words.
    const odd = statusSentence({ kind: 'closed', code: 4321, reason: 'weird thing' }, pt)
    expect(odd).toBe('Conexão encerrada (código 4321).')
    // The log's closed event keeps the bridge's words, but only in its detail line.
    const bytes = { toTarget: 0, fromTarget: 0 }
    const event = {
      type: 'closed',
      at: 1,
      code: 4000,
      reason: 'target closed the connection',
      bytes,
    }
    const row = eventSentence(event as LogEvent, pt)
    expect(row.text).not.toContain('target closed')
    expect(row.detail).toContain('«target closed the connection»')
  })

  it('gives status codes a meaning', () => {
    expect(codeMeaning('200', pt)).toBe('sucesso')
    expect(codeMeaning('404', en)).toMatch(/refused/)
    expect(codeMeaning('418', en)).toBe('HTTP code')
  })

  it('says which way fetching the allow-list failed', () => {
    const why = (code: Parameters<typeof targetsFailureSentence>[0]['code'], httpStatus?: number) =>
      targetsFailureSentence({ status: 'error', code, ...(httpStatus ? { httpStatus } : {}) }, pt)
    expect(why('WL_ERR_TARGETS_UNREACHABLE')).toBe('A ponte não respondeu.')
    expect(why('WL_ERR_TARGETS_HTTP', 403)).toBe('A ponte respondeu com HTTP 403.')
    expect(why('WL_ERR_TARGETS_INVALID')).toBe('A resposta da ponte não é uma lista de alvos.')
    expect(
      targetsFailureSentence({ status: 'error', code: 'WL_ERR_TARGETS_HTTP', httpStatus: 500 }, en),
    ).toBe('The bridge answered with HTTP 500.')
  })
})
