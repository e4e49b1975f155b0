// The generated Python and shell, run for real: python3 against the project's server, printf through sh.
import net from 'node:net'
import fc from 'fast-check'
import { afterEach, describe, expect, test } from 'vitest'
import { startServer, type RunningServer } from '../../server/server.ts'
import { dumps } from '../codec.ts'
import { FRAMINGS, encodeFrame, type Framing } from '../framing.ts'
import { LESSON_SCENARIO, TEXT } from '../protocol.ts'
import { connectDecoding, hasCommand, python3, run } from '../test-tools.node.ts'
import { asPython, asPythonScenario, type CodeRequest } from './as-python.ts'
import { asShell, printfFormat } from './as-shell.ts'
import { INVALID_UTF8_OFFSET, byteExamples } from './byte-examples.ts'
import { pyBytes, pyDumps, pyStr, pyValue } from './python-literals.ts'

const PYTHON = python3()
const NC = hasCommand('nc', ['-h'])
const utf8 = (s: string) => new TextEncoder().encode(s)
const SCENARIO: CodeRequest[] = LESSON_SCENARIO.map((r) => ({ kind: 'text', text: dumps(r) }))

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const start = async () =>
  (server = await startServer({ ports: { json: 0, ndjson: 0, length: 0, naive: 0 } }))

/** The answers a page connected to this port shows for these wire messages, sent one after the other. */
async function pageAnswers(
  port: number,
  framing: Framing,
  wires: Uint8Array[],
): Promise<Uint8Array[]> {
  const page = await connectDecoding(port, 'lesson', { framing })
  const answers: Uint8Array[] = []
  for (const wire of wires) {
    page.send(wire)
    const events = await page.events(answers.length + 1)
    const last = events.at(-1)!
    if (last.type !== 'message' || last.message.protocol !== 'lesson')
      throw new Error('not an answer')
    answers.push(last.message.body)
  }
  page.close()
  return answers
}

const END = '--- end of script ---'

/**
 * Runs generated scripts one after the other in one interpreter (each in a fresh namespace, so each runs
 * as it would alone) and returns the lines each printed.
 */
async function pythonPrints(...scripts: string[]): Promise<string[][]> {
  const driver = [
    ...scripts.map(
      (script) =>
        `exec(compile(${pyStr(script)}, "<wire-lab>", "exec"), {"__name__": "__main__"})\nprint(${pyStr(END)})`,
    ),
    '',
  ].join('\n')
  const { code, stdout, stderr } = await run(PYTHON!, ['-'], driver)
  expect(stderr).toBe('')
  expect(code).toBe(0)
  const outputs = stdout.toString().split(END + '\n')
  expect(outputs.pop()).toBe('')
  return outputs.map((out) => out.trimEnd().split('\n'))
}

describe.skipIf(!PYTHON)(
  'Copy as Python, run by python3 against the server (python3 missing: skipped)',
  () => {
    test('the lesson scenario on every port prints the answers the page shows', async () => {
      const s = await start()
      const targets = FRAMINGS.map((framing) => ({
        host: '127.0.0.1',
        port: s.ports[framing],
        framing,
      }))
      // Each run leaves the registry as it found it (the scenario removes the user it creates).
      const printed = await pythonPrints(...targets.map((t) => asPythonScenario(SCENARIO, t)))
      for (const [i, { framing, port }] of targets.entries()) {
        const wires = SCENARIO.map((r) =>
          encodeFrame(framing, utf8(r.kind === 'text' ? r.text : '')),
        )
        const shown = await pageAnswers(port, framing, wires)
        expect(printed[i], framing).toEqual(shown.map((a) => `Cliente: ${pyBytes(a)}`))
        expect(shown).toHaveLength(10)
      }
    })

    test('one request, as text (framed by the script) or as framed bytes, on each port', async () => {
      const s = await start()
      const text = dumps(LESSON_SCENARIO[0])
      const scripts = FRAMINGS.flatMap((framing) => {
        const target = { host: '127.0.0.1', port: s.ports[framing], framing }
        const bytes = encodeFrame(framing, utf8(text))
        return [
          asPython({ kind: 'text', text }, target),
          asPython({ kind: 'bytes', bytes }, target),
        ]
      })
      const printed = await pythonPrints(...scripts)
      for (const [i, framing] of FRAMINGS.entries()) {
        const shown = await pageAnswers(s.ports[framing], framing, [
          encodeFrame(framing, utf8(text)),
        ])
        const line = `Cliente: ${pyBytes(shown[0]!)}`
        expect(printed.slice(2 * i, 2 * i + 2), framing).toEqual([[line], [line]])
      }
    })

    test('the byte examples get the answers the lesson promises: 400 naming the offset, 400, 404', async () => {
      const s = await start()
      const target = { host: '127.0.0.1', port: s.ports.length, framing: 'length' as const }
      const scripts = byteExamples('length').map(({ bytes }) =>
        asPython({ kind: 'bytes', bytes }, target),
      )
      const answer = (code: string, text: string) =>
        `Cliente: ${pyBytes(utf8(dumps({ 'CODIGO DE ERRO': code, EXPLICAÇÃO: text })))}`
      const [utf, nul, prefix] = await pythonPrints(...scripts)
      expect(utf).toEqual([answer('400', TEXT.notUtf8(INVALID_UTF8_OFFSET))])
      expect(nul?.[0]).toMatch(
        /^Cliente: b'\{"CODIGO DE ERRO": "400", "EXPLICA\\\\u00c7\\\\u00c3O": "Mensagem n\\\\u00e3o \\\\u00e9 um JSON/,
      )
      expect(prefix).toEqual([answer('404', TEXT.notRegistered('eu@gmail.com'))])
    })

    test('a raw-protocol request reads until the server closes', async () => {
      const peer = net.createServer((socket) =>
        socket.once('data', () => socket.end('HTTP/1.0 200 OK\r\n\r\nolá')),
      )
      await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve))
      const port = (peer.address() as net.AddressInfo).port
      const request = { kind: 'bytes' as const, bytes: utf8('GET / HTTP/1.0\r\n\r\n') }
      const printed = await pythonPrints(
        asPython(request, { host: '127.0.0.1', port, framing: 'raw' }),
      )
      peer.close()
      expect(printed).toEqual([[`Cliente: ${pyBytes(utf8('HTTP/1.0 200 OK\r\n\r\nolá'))}`]])
    })

    test("pyBytes is Python's own repr, and dict literals give json.dumps's exact bytes", async () => {
      const samples = fc.sample(
        fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.constant(utf8(`'"\\`)),
          fc.constant(utf8(`it's`)),
        ),
        200,
      )
      const values = fc.sample(
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
        100,
      )
      const lines = [
        'import json',
        ...samples.map((b) => `print(repr(bytes.fromhex("${Buffer.from(b).toString('hex')}")))`),
        ...values.map(
          (v) => `print(json.dumps(${pyValue(v, '')}).encode("utf-8", "surrogatepass").hex())`,
        ),
        ...values.map(
          (v) =>
            `print(json.dumps(${pyValue(v)}, ensure_ascii=False).encode("utf-8", "surrogatepass").hex())`,
        ),
      ]
      const [printed] = await pythonPrints(lines.join('\n') + '\n')
      const hex = (s: string) => Buffer.from(new TextEncoder().encode(s)).toString('hex')
      expect(printed).toEqual([
        ...samples.map(pyBytes),
        ...values.map((v) => hex(pyDumps(v, true))),
        ...values.map((v) => wtf8Hex(pyDumps(v, false))),
      ])
    })
  },
)

/** UTF-8 as Python's "surrogatepass" writes it: lone surrogates as their 3-byte forms. */
function wtf8Hex(s: string): string {
  const out: number[] = []
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!
    if (cp > 0xffff) i++
    out.push(
      ...(cp >= 0xd800 && cp <= 0xdfff
        ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        : new TextEncoder().encode(String.fromCodePoint(cp))),
    )
  }
  return Buffer.from(out).toString('hex')
}

describe('Copy as shell', () => {
  const anyBytes = fc.oneof(
    fc.uint8Array({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 30 }).map(utf8),
    fc
      .array(fc.constantFrom('%', '%s', '\\', "'", '-', '\0', '\r\n', 'ç', '\x7f', '0', '7'), {
        maxLength: 20,
      })
      .map((p) => utf8(p.join(''))),
  )

  test.each(['sh', 'bash'])(
    '%s: printf writes exactly the bytes, UTF-8 kept or escaped',
    async (shell) => {
      const samples = fc.sample(fc.tuple(anyBytes, fc.boolean()), 200)
      // One shell for all samples: their outputs follow each other, each exactly its bytes.
      const script = samples
        .map(([b, keep]) => asShell(b, 'h', 1, { utf8: keep }).replace(/ \| nc h 1$/, ''))
        .join('\n')
      const { code, stdout, stderr } = await run(shell, ['-c', script])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(stdout.toString('hex')).toBe(
        Buffer.concat(samples.map(([b]) => Buffer.from(b))).toString('hex'),
      )
    },
  )

  test('the format is readable: text stays text, quotes and % escaped', () => {
    expect(printfFormat(utf8('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe(
      "'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'",
    )
    expect(printfFormat(utf8("it's 100%\\\0ç"))).toBe("'it\\047s 100%%\\\\\\000ç'")
    expect(printfFormat(utf8('ç'), { utf8: false })).toBe("'\\303\\247'")
    expect(asShell(utf8('-x'), '::1', 6379)).toBe("printf -- '-x' | nc ::1 6379")
    expect(asShell(utf8('x'), 'a;b', 1)).toBe("printf 'x' | nc 'a;b' 1")
  })

  test.skipIf(!NC)(
    'printf | nc delivers exactly the bytes to a TCP server (nc missing: skipped)',
    async () => {
      const bytes = utf8("*1\r\n$4\r\nPING\r\n%'\\\0ç\xff")
      const got: Buffer[] = []
      const peer = net.createServer((socket) => {
        socket.on('data', (b: Buffer) => {
          got.push(b)
          if (Buffer.concat(got).length >= bytes.length) socket.end('+PONG\r\n')
        })
      })
      await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve))
      const port = (peer.address() as net.AddressInfo).port
      const { code, stdout } = await run('sh', ['-c', asShell(bytes, '127.0.0.1', port)])
      peer.close()
      expect(code).toBe(0)
      expect(Buffer.concat(got).toString('hex')).toBe(Buffer.from(bytes).toString('hex'))
      expect(stdout.toString()).toBe('+PONG\r\n')
    },
  )
})
