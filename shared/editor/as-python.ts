// "Copy as Python": the current request, or a whole scenario, as a script in the lesson's own style.
import { formatTarget } from '../bridge-constants.ts'
import { encodeFrame, type Framing } from '../framing.ts'
import { pyBytes, pyDumps, pyStr, pyValue } from './python-literals.ts'

/** What to send: a lesson message's text (framed as the port expects), or bytes sent exactly as they are. */
export type CodeRequest = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array }

/** Where to connect, and how the answers are framed: a lesson framing, or `raw` for any other protocol. */
export interface CodeTarget {
  host: string
  port: number
  framing: Framing | 'raw'
}

/** How Python builds a message's bytes: `json.dumps` of a dict (exactly these bytes), or a bytes literal. */
type Built = { json: unknown; ensureAscii: boolean } | { bytes: Uint8Array }

const encoder = new TextEncoder()
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** A text that json.dumps of its own parse reproduces byte for byte is written as a dict; else as bytes. */
function build(request: CodeRequest): Built {
  if (request.kind === 'bytes') return { bytes: request.bytes }
  const text = request.text
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { bytes: encoder.encode(text) }
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
  if (isObject && pyDumps(value, true) === text) return { json: value, ensureAscii: true }
  if (isObject && !LONE_SURROGATE.test(text) && pyDumps(value, false) === text)
    return { json: value, ensureAscii: false }
  return { bytes: encoder.encode(text) }
}

// The lines that send `mensagem_bytes` (framed for the port when `framed`) and print the answer.
function exchange(framing: CodeTarget['framing'], framed: boolean): string[] {
  const send =
    framed && framing === 'ndjson'
      ? 'cliente.sendall(mensagem_bytes + b"\\n")'
      : framed && framing === 'length'
        ? 'cliente.sendall(struct.pack(">I", len(mensagem_bytes)) + mensagem_bytes)'
        : 'cliente.sendall(mensagem_bytes)'
  const receive: Record<CodeTarget['framing'], string[]> = {
    json: ['resposta = cliente.recv(512)'],
    naive: ['resposta = cliente.recv(512)'],
    ndjson: ['resposta = leitor.readline().rstrip(b"\\n")'],
    length: ['tamanho = struct.unpack(">I", leitor.read(4))[0]', 'resposta = leitor.read(tamanho)'],
    raw: [
      'resposta = b""',
      'try:',
      '    while True:',
      '        parte = cliente.recv(4096)',
      '        if not parte:',
      '            break',
      '        resposta += parte',
      'except socket.timeout:',
      '    pass',
    ],
  }
  return [send, ...receive[framing], 'print("Cliente:", resposta)']
}

function script(target: CodeTarget, usesJson: boolean, body: string[]): string {
  const family = target.host.includes(':') ? 'AF_INET6' : 'AF_INET'
  return [
    `# wire-lab: ${formatTarget(target.host, target.port)}`,
    ...(usesJson ? ['import json'] : []),
    'import socket',
    ...(target.framing === 'length' ? ['import struct'] : []),
    '',
    `cliente = socket.socket(socket.${family}, socket.SOCK_STREAM)`,
    `cliente.connect((${pyStr(target.host)}, ${target.port}))`,
    ...(target.framing === 'ndjson' || target.framing === 'length'
      ? ['leitor = cliente.makefile("rb")']
      : []),
    // Other protocols have no framing the script knows: it reads until the server is quiet for 2 s.
    ...(target.framing === 'raw' ? ['cliente.settimeout(2)'] : []),
    '',
    ...body,
    'cliente.close()',
    '',
  ].join('\n')
}

function encodeLine(ensureAscii: boolean): string {
  return `mensagem_bytes = json.dumps(mensagem${ensureAscii ? '' : ', ensure_ascii=False'}).encode("utf-8")`
}

/**
 * One request as a Python script: connect, send, read the answer as the port frames it, print it.
 * A text that is a JSON object json.dumps writes back byte for byte becomes a dict and
 * `json.dumps(...).encode("utf-8")`, as the lesson does; anything else a bytes literal. A text is framed
 * for the port (`+ b"\n"`, `struct.pack(">I", ...)`); bytes are sent exactly as given.
 */
export function asPython(request: CodeRequest, target: CodeTarget): string {
  const built = build(request)
  const body =
    'json' in built
      ? [`mensagem = ${pyValue(built.json, '')}`, encodeLine(built.ensureAscii)]
      : [`mensagem_bytes = ${pyBytes(built.bytes)}`]
  return script(target, 'json' in built, [
    ...body,
    ...exchange(target.framing, request.kind === 'text'),
  ])
}

/**
 * A whole scenario (the lesson's ten messages, say) as one script on one connection: a list of dicts
 * when every message is one json.dumps writes back exactly (all with the same ensure_ascii), else a
 * list of bytes literals of what goes on the wire; then send each and print each answer, in order.
 */
export function asPythonScenario(requests: readonly CodeRequest[], target: CodeTarget): string {
  const built = requests.map(build)
  const texts = requests.every((r) => r.kind === 'text')
  const ascii = built.map((b) => ('json' in b ? b.ensureAscii : undefined))
  const dicts = texts && ascii.length > 0 && ascii.every((a) => a !== undefined && a === ascii[0])
  const items = built.map((b, i) => {
    if (dicts && 'json' in b) return pyValue(b.json, '    ')
    const r = requests[i]!
    if (r.kind === 'bytes') return pyBytes(r.bytes)
    // Sent as they are (some messages are bytes): a text goes framed for its port.
    const text = encoder.encode(r.text)
    return pyBytes(texts || target.framing === 'raw' ? text : encodeFrame(target.framing, text))
  })
  const loop = dicts
    ? ['for mensagem in mensagens:', `    ${encodeLine(ascii[0] === true)}`]
    : ['for mensagem_bytes in mensagens:']
  const steps = exchange(target.framing, texts).map((line) => '    ' + line)
  return script(target, dicts, [
    'mensagens = [',
    ...items.map((it) => `    ${it},`),
    ']',
    ...loop,
    ...steps,
  ])
}
