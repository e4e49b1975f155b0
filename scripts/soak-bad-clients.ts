// The soak's misbehaving clients: bad inputs that must be refused exactly, and connect/disconnect floods.
import { WebSocket } from 'ws'
import { encodeFrame, type Framing } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'
import { answerMessage } from '../server/handle.ts'
import { MemoryRegistry } from '../server/registry.ts'
import {
  ANSWER_TIMEOUT_MS,
  FramedClient,
  OPEN_TIMEOUT_MS,
  type AnyClient,
} from '../test-support/framed-client.ts'
import { DP, answerText } from '../test-support/requests.ts'
import { EXITS, tcpCycle } from '../test-support/tcp-cycle.ts'

const MAX_MESSAGE = 64 * 1024
/** The server's idle timeout in the soak, so clients that stall mid-message are answered 408 in time. */
export const IDLE_S = 2

/** A connect, then one of: destroy, FIN, reset, or half a message and destroy. True when it connected. */
export async function floodTcp(port: number, n: number): Promise<boolean> {
  const exit = EXITS[n % 4]!
  return (await tcpCycle(port, exit, { half: '{"SERVI', ms: OPEN_TIMEOUT_MS })).connected
}

/** A WebSocket through the bridge, closed or terminated as soon as it opens. True when it opened. */
export function floodWs(url: string, n: number): Promise<boolean> {
  return new Promise((done) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: OPEN_TIMEOUT_MS })
    let opened = false
    const timer = setTimeout(() => ws.terminate(), 2 * OPEN_TIMEOUT_MS)
    ws.on('error', () => {})
    ws.once('close', () => {
      clearTimeout(timer)
      done(opened)
    })
    ws.once('open', () => {
      opened = true
      if (n % 2 === 0) ws.terminate()
      else ws.close(1000)
    })
  })
}

export interface BadContext {
  open: (via: 'tcp' | 'ws', framing: Framing, path?: string) => Promise<AnyClient>
  bridgeUrl: (path: string, framing: Framing) => string
  via: 'tcp' | 'ws'
  ports: Record<Framing, number>
}

/** One kind of bad client: `run` resolves true when the refusal came exactly as expected, throws otherwise. */
export interface BadCase {
  name: string
  tcpOnly?: boolean
  run(ctx: BadContext): Promise<boolean>
}

const utf8 = (text: string) => new TextEncoder().encode(text)
const oracle = (body: Uint8Array) => answerMessage(body, new MemoryRegistry(), 'lesson').text
const lookup = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email })

async function expectAnswer(client: AnyClient, expected: string, what: string): Promise<void> {
  const [got = ''] = await client.nextText(1, IDLE_S * 1000 + ANSWER_TIMEOUT_MS)
  if (got !== expected) throw new Error(`${what}: got ${got.slice(0, 100)}`)
}

/** Sends one bad body (framed), expects `answer`, then checks the connection still answers a request. */
function refusedThenGoesOn(
  name: string,
  framing: Framing,
  body: Uint8Array,
  answer: string,
): BadCase {
  return {
    name: `${name} (${framing})`,
    async run({ open, via }) {
      const client = await open(via, framing)
      try {
        client.sendRaw(encodeFrame(framing, body))
        await expectAnswer(client, answer, name)
        const email = `nobody-${name}@wire.lab`
        client.send(lookup(email))
        await expectAnswer(client, answerText('404', TEXT.notRegistered(email)), `${name}, then`)
        return true
      } finally {
        client.end()
        await client.waitClosed()
      }
    },
  }
}

const NOT_JSON = utf8('{"SERVIÇO": tudo errado}')
const BAD_UTF8 = new Uint8Array([...utf8('{"a": "'), 0xff, 0xfe, ...utf8('"}')])
const ARRAY = utf8('[1, 2]')
const HALF = utf8('{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CONS')
const OVERSIZE = utf8(`{"x": "${'a'.repeat(MAX_MESSAGE + 4000)}"}`)

/** Every kind of bad client, taken in turn by the soak's bad loops. */
export const BAD_CASES: BadCase[] = [
  ...(['json', 'ndjson', 'length'] as const).flatMap((f) => [
    refusedThenGoesOn('not JSON', f, NOT_JSON, oracle(NOT_JSON)),
    refusedThenGoesOn('invalid UTF-8', f, BAD_UTF8, answerText('400', TEXT.notUtf8(7))),
    refusedThenGoesOn('an array', f, ARRAY, answerText('400', TEXT.notObject('um array'))),
  ]),
  refusedThenGoesOn('garbage', 'naive', utf8('hello'), oracle(utf8('hello'))),
  refusedThenGoesOn(
    'oversize',
    'ndjson',
    OVERSIZE,
    answerText('413', TEXT.tooLarge(MAX_MESSAGE, false)),
  ),
  refusedThenGoesOn(
    'oversize',
    'length',
    OVERSIZE,
    answerText('413', TEXT.tooLarge(MAX_MESSAGE, false)),
  ),
  {
    name: 'garbage (json)',
    async run({ open, via }) {
      const client = await open(via, 'json')
      client.sendRaw(utf8('hello'))
      await expectAnswer(client, answerText('400', TEXT.garbage(5)), 'garbage')
      client.end()
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'oversize (json), then the server closes',
    async run({ open, via }) {
      const client = await open(via, 'json')
      client.sendRaw(OVERSIZE)
      await expectAnswer(client, answerText('413', TEXT.tooLarge(MAX_MESSAGE, true)), 'oversize')
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'half a message, then vanish',
    async run({ open, via }) {
      const client = await open(via, 'length')
      client.sendRaw(encodeFrame('length', HALF).subarray(0, HALF.length))
      client.destroy()
      await client.waitClosed()
      return false
    },
  },
  {
    name: 'half a message, then silence until the idle timeout',
    async run({ open, via }) {
      const client = await open(via, 'ndjson')
      client.sendRaw(HALF)
      await expectAnswer(client, answerText('408', TEXT.idle(IDLE_S)), 'stall')
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'half a message, then FIN',
    tcpOnly: true,
    async run({ open }) {
      const client = await open('tcp', 'json')
      client.sendRaw(HALF)
      client.end()
      await expectAnswer(client, answerText('400', TEXT.incomplete(HALF.length)), 'half-close')
      await client.waitClosed()
      return true
    },
  },
  {
    name: 'bridge: a target off the allow-list, a foreign Origin, no target, a huge frame',
    async run({ bridgeUrl }) {
      const codes: number[] = []
      const url = bridgeUrl('/ws', 'json')
      const refused = async (client: Promise<AnyClient>) =>
        codes.push(await (await client).waitClosed())
      await refused(FramedClient.ws(url.replace(/:\d+$/, ':1'), 'json'))
      await refused(FramedClient.ws(url, 'json', { origin: 'https://evil.example' }))
      await refused(FramedClient.ws(url.replace(/\?.*$/, ''), 'json'))
      const huge = await FramedClient.ws(url, 'json')
      huge.sendRaw(new Uint8Array((1 << 20) + 1))
      codes.push(await huge.waitClosed())
      if (codes.join() !== '4004,4005,4008,1009') throw new Error(`close codes ${codes.join()}`)
      return true
    },
  },
]
