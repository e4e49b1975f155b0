import { describe, expect, it } from 'vitest'
import {
  codeTarget,
  requestAsPython,
  requestAsShell,
  scenarioAsPython,
  wireBytes,
} from './as-code.ts'

describe('copy as code for the chosen target', () => {
  it('reads the target, with the lesson framing or raw for other protocols', () => {
    expect(codeTarget('127.0.0.1:3215', 'length', 'lesson')).toEqual({
      host: '127.0.0.1',
      port: 3215,
      framing: 'length',
    })
    expect(codeTarget('[::1]:6379', 'json', 'resp')).toEqual({
      host: '::1',
      port: 6379,
      framing: 'raw',
    })
    expect(codeTarget(undefined, 'json', 'lesson')).toBeUndefined()
    expect(codeTarget('nonsense', 'json', 'lesson')).toBeUndefined()
  })

  it('frames a text for its port and sends bytes as they are', () => {
    const ndjson = codeTarget('127.0.0.1:3214', 'ndjson', 'lesson')!
    expect(wireBytes({ kind: 'text', text: '{}' }, ndjson)).toEqual(
      new TextEncoder().encode('{}\n'),
    )
    expect(wireBytes({ kind: 'bytes', bytes: Uint8Array.of(0xff) }, ndjson)).toEqual(
      Uint8Array.of(0xff),
    )
    expect(requestAsShell({ kind: 'text', text: '{}' }, ndjson)).toBe(
      "printf '{}\\n' | nc 127.0.0.1 3214",
    )
  })

  it('writes the lesson style: a dict and json.dumps for a lesson text, bytes for RESP', () => {
    const json = codeTarget('127.0.0.1:3213', 'json', 'lesson')!
    const py = requestAsPython({ kind: 'text', text: '{"SERVICO": "USUARIO"}' }, json)
    expect(py).toContain('mensagem = {')
    expect(py).toContain('json.dumps(mensagem).encode("utf-8")')
    const resp = codeTarget('127.0.0.1:6379', 'json', 'resp')!
    const ping = requestAsPython(
      { kind: 'bytes', bytes: new TextEncoder().encode('PING\r\n') },
      resp,
    )
    expect(ping).toContain("mensagem_bytes = b'PING\\r\\n'")
    expect(scenarioAsPython(json).match(/^ {4}\{/gm)).toHaveLength(10)
  })
})
