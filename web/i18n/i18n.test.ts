import { describe, expect, it } from 'vitest'
import { CLOSE } from '../../shared/bridge-protocol.ts'
import {
  closeSentence,
  codeMeaning,
  eventSentence,
  reasonSentence,
  targetsFailureSentence,
} from './describe.ts'
import { MESSAGES } from './messages.ts'

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
    expect(closeSentence(4999, 'odd', undefined, pt)).toBe('Conexão encerrada (código 4999: odd).')
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
      text: 'A ponte fechou o WebSocket (código 4000). «target closed»',
      detail: '1 byte enviados, 98 bytes recebidos.',
    })
    expect(eventSentence({ type: 'ws-open' }, en).text).toBe(
      'WebSocket open; the bridge connects over TCP.',
    )
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
