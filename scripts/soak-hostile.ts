// The soak's hostile students: requests that once ended a process or locked others out (issue 12's list).
import net from 'node:net'
import { encodeFrame } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'
import { buildProxyV2 } from '../shared/proxy-v2.ts'
import { FramedClient, OPEN_TIMEOUT_MS } from '../test-support/framed-client.ts'
import { DP, answerText } from '../test-support/requests.ts'
import type { BadCase } from './soak-bad-clients.ts'

const UPGRADE =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
  'Sec-WebSocket-Version: 13\r\n'

/** Sends a raw HTTP request to the bridge from `from`; resolves with all it answered once it closes. */
function http(port: number, request: string, from = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from })
    let got = ''
    const timer = setTimeout(() => socket.destroy(), OPEN_TIMEOUT_MS)
    socket.on('error', () => {})
    socket.on('connect', () => socket.write(request))
    socket.on('data', (d) => (got += d.toString('latin1')))
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(got)
    })
  })
}

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)
const portOf = (url: string) => Number(/^ws:\/\/[^/]+:(\d+)\//.exec(url)![1])

function expectStatus(answer: string, allowed: number[], what: string): void {
  if (!allowed.includes(status(answer))) {
    throw new Error(`${what}: got ${JSON.stringify(answer.slice(0, 60))}`)
  }
}

/** Hostile clients, one kind per case; each resolves true when the bridge or server answered right. */
export const HOSTILE_CASES: BadCase[] = [
  {
    name: 'HTTP: malformed and unsatisfiable Ranges',
    async run({ bridgeUrl }) {
      const port = portOf(bridgeUrl('/', 'json'))
      for (const range of [
        'bytes=10-5',
        'bytes=0-99999999999999999999',
        'bytes=0-9007199254740992',
      ]) {
        const get = `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: ${range}\r\n`
        expectStatus(await http(port, `${get}Connection: close\r\n\r\n`), [200, 206, 416], range)
      }
      return true
    },
  },
  {
    name: 'an upgrade whose URL cannot be parsed',
    async run({ bridgeUrl }) {
      const port = portOf(bridgeUrl('/', 'json'))
      const get = `GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}\r\n`
      expectStatus(await http(port, get), [400], '//[')
      return true
    },
  },
  {
    name: 'a page under a foreign Host (DNS rebinding)',
    async run({ bridgeUrl }) {
      const port = portOf(bridgeUrl('/', 'json'))
      const host = `Host: evil.example:${port}\r\nOrigin: http://evil.example:${port}\r\n`
      const get = `GET /api/targets HTTP/1.1\r\n${host}Connection: close\r\n\r\n`
      expectStatus(await http(port, get), [403], 'targets')
      const ws = `GET /ws?target=x HTTP/1.1\r\n${host}${UPGRADE}\r\n`
      expectStatus(await http(port, ws), [403], 'upgrade')
      return true
    },
  },
  {
    name: 'refused WebSockets that never answer the close',
    async run({ bridgeUrl }) {
      const port = portOf(bridgeUrl('/', 'json'))
      // Off the allow-list: accepted, told 4004, and then this client never answers the close.
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          http(
            port,
            `GET /ws?target=127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}\r\n`,
            '127.0.0.66',
          ),
        ),
      )
      for (const answer of answers) expectStatus(answer, [101], 'refused upgrade')
      return true
    },
  },
  {
    name: 'a flood of silent connections from one computer',
    async run({ bridgeUrl }) {
      const port = portOf(bridgeUrl('/', 'json'))
      let dropped = 0
      const sockets = Array.from({ length: 120 }, () => {
        const s = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.67' })
        s.on('error', () => {})
        s.on('close', () => dropped++)
        return s
      })
      await new Promise((r) => setTimeout(r, 500))
      const ok = dropped >= 120 - 2 * 16 - 32
      for (const s of sockets) s.destroy()
      if (!ok) throw new Error(`only ${dropped} of 120 silent connections were dropped`)
      return true
    },
  },
  {
    name: 'a forged PROXY header from a computer that is not the bridge',
    tcpOnly: true,
    async run({ ports }) {
      const client = await FramedClient.connect(ports.json, 'json', { localAddress: '127.0.0.68' })
      try {
        const email = 'forged@wire.lab'
        client.sendRaw(
          buildProxyV2({
            source: { address: '127.0.0.1', port: 1 },
            destination: { address: '127.0.0.1', port: ports.json },
          }),
        )
        client.sendRaw(
          encodeFrame(
            'json',
            Buffer.from(
              JSON.stringify({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email }),
            ),
          ),
        )
        const [refusal, answer] = await client.nextText(2)
        if (!refusal!.startsWith('{"CODIGO DE ERRO": "400"')) throw new Error(`header: ${refusal}`)
        if (answer !== answerText('404', TEXT.notRegistered(email)))
          throw new Error(`then: ${answer}`)
        return true
      } finally {
        client.destroy()
        await client.waitClosed()
      }
    },
  },
  {
    name: 'a client that pipelines and never reads',
    tcpOnly: true,
    async run({ ports }) {
      const client = await FramedClient.connect(ports.ndjson, 'ndjson', {
        localAddress: '127.0.0.69',
      })
      client.socket.pause()
      const lookup = encodeFrame(
        'ndjson',
        Buffer.from(
          JSON.stringify({ SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: 'x@y' }),
        ),
      )
      const burst = Buffer.concat(Array.from({ length: 500 }, () => lookup))
      const until = Date.now() + 1_000
      while (Date.now() < until && client.socket.write(burst))
        await new Promise((r) => setImmediate(r))
      client.destroy()
      await client.waitClosed()
      return false
    },
  },
]
