import { describe, expect, test } from 'vitest'
import { dumps } from '../codec.ts'
import { asPython, asPythonScenario } from './as-python.ts'
import { pyBytes, pyStr, pyValue } from './python-literals.ts'

const CONSULT = dumps({
  SERVIÇO: 'Dados Pessoais',
  AÇÃO: 'CONSULTAR USUARIO',
  EMAIL_USUARIO: 'eu@gmail.com',
})
const json = { host: '127.0.0.1', port: 3213, framing: 'json' as const }

describe('Copy as Python', () => {
  test("a request the form built is the lesson's own code", () => {
    expect(asPython({ kind: 'text', text: CONSULT }, json)).toBe(
      [
        '# wire-lab: 127.0.0.1:3213',
        'import json',
        'import socket',
        '',
        'cliente = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
        'cliente.connect(("127.0.0.1", 3213))',
        '',
        'mensagem = {',
        '    "SERVIÇO": "Dados Pessoais",',
        '    "AÇÃO": "CONSULTAR USUARIO",',
        '    "EMAIL_USUARIO": "eu@gmail.com",',
        '}',
        'mensagem_bytes = json.dumps(mensagem).encode("utf-8")',
        'cliente.sendall(mensagem_bytes)',
        'resposta = cliente.recv(512)',
        'print("Cliente:", resposta)',
        'cliente.close()',
        '',
      ].join('\n'),
    )
  })

  test('raw UTF-8 JSON uses ensure_ascii=False; other texts and bytes are bytes literals', () => {
    const raw = '{"SERVIÇO": "Dados Pessoais"}'
    expect(asPython({ kind: 'text', text: raw }, json)).toContain(
      'mensagem_bytes = json.dumps(mensagem, ensure_ascii=False).encode("utf-8")',
    )
    // Spacing json.dumps would not write, an array, invalid JSON: sent exactly as typed.
    for (const text of ['{"a":1}', '[1, 2]', '{"a": 1,}', 'olá'])
      expect(asPython({ kind: 'text', text }, json)).toContain(
        `mensagem_bytes = ${pyBytes(new TextEncoder().encode(text))}`,
      )
    const bytes = Uint8Array.of(0x7b, 0xff, 0x00, 0x27)
    expect(asPython({ kind: 'bytes', bytes }, json)).toContain(`mensagem_bytes = b"{\\xff\\x00'"`)
  })

  test('framings: a text is framed by the script, bytes are sent as given', () => {
    const length = { ...json, framing: 'length' as const }
    const text = asPython({ kind: 'text', text: CONSULT }, length)
    expect(text).toContain('import struct')
    expect(text).toContain(
      'cliente.sendall(struct.pack(">I", len(mensagem_bytes)) + mensagem_bytes)',
    )
    expect(text).toContain('tamanho = struct.unpack(">I", leitor.read(4))[0]')
    const bytes = asPython({ kind: 'bytes', bytes: new Uint8Array(4) }, length)
    expect(bytes).toContain('cliente.sendall(mensagem_bytes)\n')
    const ndjson = asPython({ kind: 'text', text: CONSULT }, { ...json, framing: 'ndjson' })
    expect(ndjson).toContain('cliente.sendall(mensagem_bytes + b"\\n")')
    expect(ndjson).toContain('resposta = leitor.readline().rstrip(b"\\n")')
  })

  test('a scenario is a list of dicts, or of bytes literals (framed) when one message cannot be a dict', () => {
    const dicts = asPythonScenario([{ kind: 'text', text: CONSULT }], json)
    expect(dicts).toContain('mensagens = [\n    {\n        "SERVIÇO": "Dados Pessoais",')
    expect(dicts).toContain(
      'for mensagem in mensagens:\n    mensagem_bytes = json.dumps(mensagem).encode("utf-8")',
    )
    const mixed = asPythonScenario(
      [
        { kind: 'text', text: CONSULT },
        { kind: 'bytes', bytes: Uint8Array.of(0xff) },
      ],
      { ...json, framing: 'ndjson' },
    )
    expect(mixed).toContain(
      `    ${pyBytes(new TextEncoder().encode(CONSULT + '\n'))},\n    b'\\xff',\n]`,
    )
    expect(mixed).toContain(
      'for mensagem_bytes in mensagens:\n    cliente.sendall(mensagem_bytes)\n',
    )
  })

  test('literals: strings escape what Python would misread, values map to Python', () => {
    expect(pyStr('a"b\\c\n\t\u0000\u200b\ud800😀ç')).toBe(
      '"a\\"b\\\\c\\n\\t\\x00\\u200b\\ud800😀ç"',
    )
    expect(pyValue({ a: [null, true, false, 1.5, 1e21, 'x'], b: {} })).toBe(
      '{"a": [None, True, False, 1.5, 1e+21, "x"], "b": {}}',
    )
    expect(pyBytes(new TextEncoder().encode(`it's`))).toBe(`b"it's"`)
    expect(pyBytes(new TextEncoder().encode(`'"`))).toBe(`b'\\'"'`)
  })
})
