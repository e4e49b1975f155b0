import { describe, expect, it } from 'vitest'
import {
  MAX_FILE_BYTES,
  bytesEditorFrom,
  bytesEditorReducer,
  readFileBytes,
  type BytesEditorState,
} from './bytes-editor.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const run = (state: BytesEditorState, ...actions: Parameters<typeof bytesEditorReducer>[1][]) =>
  actions.reduce(bytesEditorReducer, state)

describe('the bytes editor', () => {
  it('writes bytes as text with escapes, line feeds as line breaks, and reads them back', () => {
    const bytes = Uint8Array.of(0x50, 0x0d, 0x0a, 0xff, 0x00, 0x5c)
    const state = bytesEditorFrom(bytes)
    expect(state.text).toBe('P\\r\n\\xff\\0\\\\')
    expect(run(state, { type: 'edit', text: state.text }).bytes).toEqual(bytes)
  })

  it('switches to hex and back with the same bytes', () => {
    const start = bytesEditorFrom(utf8('{"a"}\n'))
    const hex = run(start, { type: 'mode', mode: 'hex' })
    expect(hex).toEqual({ mode: 'hex', text: '7b 22 61 22 7d 0a', bytes: utf8('{"a"}\n') })
    const edited = run(hex, { type: 'edit', text: '7b 22 ff 00' })
    expect(edited.bytes).toEqual(Uint8Array.of(0x7b, 0x22, 0xff, 0x00))
    expect(run(edited, { type: 'mode', mode: 'text' }).text).toBe('{"\\xff\\0')
  })

  it('keeps the last good bytes while the text is wrong, and refuses to switch mode then', () => {
    const hex = bytesEditorFrom(utf8('ok'), 'hex')
    const bad = run(hex, { type: 'edit', text: '6f 6' })
    expect(bad.bytes).toEqual(utf8('ok'))
    expect(bad.error).toMatchObject({ problem: 'odd-digits', at: 3 })
    expect(run(bad, { type: 'mode', mode: 'text' })).toBe(bad)
    const text = run(bytesEditorFrom(utf8('x')), { type: 'edit', text: 'a\\q' })
    expect(text.error).toMatchObject({ problem: 'bad-escape', at: 1, text: '\\q' })
    expect(run(text, { type: 'edit', text: '' })).toEqual({
      mode: 'text',
      text: '',
      bytes: new Uint8Array(0),
    })
  })

  it('loads bytes in the current mode', () => {
    const hex = bytesEditorFrom(new Uint8Array(0), 'hex')
    expect(run(hex, { type: 'load', bytes: Uint8Array.of(1, 2) }).text).toBe('01 02')
  })

  it('reads a file within the limit and refuses a larger one before reading it', async () => {
    const small = new Blob([Uint8Array.of(0, 0xff)])
    expect(await readFileBytes(small)).toEqual({ ok: true, bytes: Uint8Array.of(0, 0xff) })
    const big = {
      size: MAX_FILE_BYTES + 1,
      arrayBuffer: () => Promise.reject(new Error('must not be read')),
    }
    expect(await readFileBytes(big)).toEqual({ ok: false, reason: 'too-large' })
    const broken = { size: 1, arrayBuffer: () => Promise.reject(new Error('gone')) }
    expect(await readFileBytes(broken)).toEqual({ ok: false, reason: 'unreadable' })
  })
})
