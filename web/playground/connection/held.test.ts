import { describe, expect, it } from 'vitest'
import { createDecoder } from '../../../shared/framing.ts'
import { LogModel } from '../../log/model.ts'
import { PRESETS } from '../request/presets.ts'
import { INITIAL_FORM, formToRaw } from '../request/request.ts'
import { closerOf, lastBytes } from './held.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const closer = (s: string) => closerOf(utf8(s))

describe('closerOf', () => {
  it('closes the brackets still open, innermost first', () => {
    expect(closer(PRESETS.broken)).toBe('}')
    expect(closer('{"a": [1, {"b": 2')).toBe('}]}')
    expect(closer('[[')).toBe(']]')
  })

  it('closes an open string first, after a backslash that waits for its escaped character', () => {
    expect(closer('{"SERVIÇO": "Dados')).toBe('"}')
    expect(closer('{"a": "x\\')).toBe('\\"}')
    expect(closer('{"a": "x\\\\')).toBe('"}')
    // Brackets inside strings are text, and an escaped quote does not end the string.
    expect(closer('{"a": "}]\\" {"')).toBe('}')
  })

  it('has nothing to close for a complete value or for no value', () => {
    expect(closer(formToRaw(INITIAL_FORM))).toBeUndefined()
    expect(closer('')).toBeUndefined()
    expect(closer('}')).toBeUndefined()
  })

  it('finishes every prefix of a value into a text the json port reads as one complete value', () => {
    const value = utf8('{"SERVIÇO": "Dados \\"Pessoais\\"", "l": [1, {"x": "]"}]}')
    for (let cut = 1; cut < value.length; cut++) {
      const head = value.subarray(0, cut)
      const end = closerOf(head)
      expect(end, `cut ${cut}`).toBeDefined()
      const whole = new TextDecoder().decode(head) + end
      // The server's scanner reads head + closer as one value that ends at its last byte.
      const bytes = utf8(whole)
      const events = createDecoder('json').push(bytes)
      expect(events, `cut ${cut}`).toEqual([
        expect.objectContaining({ type: 'message', start: 0, end: bytes.length }),
      ])
    }
  })
})

describe('what the server holds', () => {
  it('the log holds the same unfinished bytes as the json port, sent one byte at a time', () => {
    const model = new LogModel({ schedule: () => {} })
    model.beginSession('127.0.0.1:3213', 'json')
    const broken = utf8(PRESETS.broken)
    for (const b of broken) model.chunk('sent', new Uint8Array([b]), 0)
    expect(model.pending('sent')).toBe(broken.length)
    const held = lastBytes(model.all(), 'sent', broken.length)
    expect(held).toEqual(broken)
    expect(closerOf(held!)).toBe('}')
    // A valid request sent next is swallowed by the open value: still held, one level deeper.
    const next = utf8(formToRaw(INITIAL_FORM))
    model.chunk('sent', next, 0)
    expect(model.pending('sent')).toBe(broken.length + next.length)
    expect(closerOf(lastBytes(model.all(), 'sent', model.pending('sent'))!)).toBe('}')
    model.chunk('sent', utf8('}'), 0)
    expect(model.pending('sent')).toBe(0)
  })

  it('does not guess bytes the log no longer has', () => {
    const model = new LogModel({ schedule: () => {} })
    model.beginSession('127.0.0.1:3213', 'json')
    model.chunk('sent', utf8('{"a": '), 0)
    model.clear()
    model.chunk('sent', utf8('1, "b": '), 0)
    expect(model.pending('sent')).toBe(14)
    expect(lastBytes(model.all(), 'sent', 14)).toBeUndefined()
  })
})
