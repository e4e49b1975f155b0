// Ready-made requests per protocol, as the exact bytes to send: HTTP, Redis (RESP and inline), text lines.
import { formatTarget } from '../bridge-constants.ts'
import { concatBytes } from '../pieces.ts'
import { inlineCommand, respCommand } from '../protocols/resp-values.ts'
import type { Protocol } from '../protocols/types.ts'
import type { Framing } from '../framing.ts'

/** One preset: an id (the page's i18n holds its label) and the bytes it sends, unchanged. */
export interface ProtocolPreset {
  id: string
  protocol: Protocol
  /** For the lesson's presets: the framing the bytes are framed for (its port). */
  framing?: Framing
  bytes: Uint8Array
}

/** Where the request goes: HTTP presets name it in `Host`. */
export interface PresetTarget {
  host: string
  port: number
}

const encoder = new TextEncoder()

/** What an HTTP request is made of; `headers` come after `Host`, in order. */
export interface HttpRequestParts {
  method: string
  path: string
  target: PresetTarget
  headers?: readonly [string, string][]
  /** A body gets its Content-Length. */
  body?: string | Uint8Array
}

/** An HTTP/1.1 request's bytes: request line, `Host` (the port left out when 80), headers, body. */
export function httpRequest(parts: HttpRequestParts): Uint8Array {
  const { host, port } = parts.target
  const hostHeader =
    port === 80 ? formatTarget(host, 80).replace(/:80$/, '') : formatTarget(host, port)
  const body = typeof parts.body === 'string' ? encoder.encode(parts.body) : parts.body
  const headers: [string, string][] = [['Host', hostHeader], ...(parts.headers ?? [])]
  if (body) headers.push(['Content-Length', String(body.length)])
  const head = `${parts.method} ${parts.path} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`
  return concatBytes([encoder.encode(head), body ?? new Uint8Array(0)])
}

/** HTTP: a GET, a HEAD (its answer has no body), two requests on one keep-alive connection, a POST. */
export function httpPresets(target: PresetTarget): ProtocolPreset[] {
  const preset = (id: string, bytes: Uint8Array): ProtocolPreset => ({
    id,
    protocol: 'http',
    bytes,
  })
  return [
    preset('http-get', httpRequest({ method: 'GET', path: '/', target })),
    preset('http-head', httpRequest({ method: 'HEAD', path: '/', target })),
    preset(
      'http-keep-alive',
      concatBytes([
        httpRequest({ method: 'GET', path: '/', target, headers: [['Connection', 'keep-alive']] }),
        httpRequest({
          method: 'GET',
          path: '/nao-existe',
          target,
          headers: [['Connection', 'close']],
        }),
      ]),
    ),
    preset(
      'http-post',
      httpRequest({
        method: 'POST',
        path: '/',
        target,
        headers: [['Content-Type', 'application/json']],
        body: '{"nome": "Ana", "turma": "Redes"}',
      }),
    ),
    preset('http-garbage', encoder.encode('olá, servidor!\r\n\r\n')),
  ]
}

/** Redis: commands as clients send them (RESP arrays), an error reply on purpose, and inline commands. */
export const RESP_PRESETS: readonly ProtocolPreset[] = [
  ['resp-ping', respCommand(['PING'])],
  ['resp-set', respCommand(['SET', 'aluno', 'Ana'])],
  ['resp-get', respCommand(['GET', 'aluno'])],
  ['resp-incr', respCommand(['INCR', 'visitas'])],
  // Two commands in one write (a pipeline): +OK, then "-ERR value is not an integer or out of range".
  [
    'resp-incr-error',
    concatBytes([respCommand(['SET', 'aluno', 'Ana']), respCommand(['INCR', 'aluno'])]),
  ],
  ['resp-inline-ping', inlineCommand(['PING'])],
  ['resp-inline-set', inlineCommand(['SET', 'aluno', 'Ana Maria'])],
  ['resp-inline-get', inlineCommand(['GET', 'aluno'])],
].map(([id, bytes]) => ({ id: id as string, protocol: 'resp', bytes: bytes as Uint8Array }))

/** An SMTP-like dialogue, one command per line, in the order a client sends them. */
export const LINE_DIALOGUE: readonly string[] = [
  'HELO wire-lab',
  'MAIL FROM:<aluno@escola.br>',
  'RCPT TO:<professor@escola.br>',
  'DATA',
  'Subject: Oi\r\n\r\nMensagem enviada pelo wire-lab.\r\n.',
  'QUIT',
]

/** Text lines: each step of `LINE_DIALOGUE`, ended by CRLF. */
export const LINE_PRESETS: readonly ProtocolPreset[] = LINE_DIALOGUE.map((line, i) => ({
  id: `lines-${['helo', 'mail-from', 'rcpt-to', 'data', 'message', 'quit'][i]}`,
  protocol: 'lines',
  bytes: encoder.encode(line + '\r\n'),
}))

/** The presets of a protocol for a target (the lesson's live in web/presets.ts and byte-examples.ts). */
export function presetsFor(protocol: Protocol, target: PresetTarget): readonly ProtocolPreset[] {
  switch (protocol) {
    case 'http':
      return httpPresets(target)
    case 'resp':
      return RESP_PRESETS
    case 'lines':
      return LINE_PRESETS
    case 'lesson':
    case 'raw':
      return []
  }
}
