import net from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { FRAMINGS, encodeFrame } from '../shared/framing.ts'
import { startServer, type RunningServer } from '../server/server.ts'
import { FramedClient, type AnyClient } from './framed-client.ts'
import { cycleStep } from './requests.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
const track = <C extends AnyClient>(client: C): C => {
  cleanups.push(() => client.destroy())
  return client
}

async function server(): Promise<RunningServer> {
  const s = await startServer({ ports: { json: 0, ndjson: 0, length: 0, naive: 0 } })
  cleanups.push(() => s.close())
  return s
}

/** A raw TCP server on 127.0.0.1 that hands each connection to `onSocket`. */
async function rawServer(onSocket: (socket: net.Socket) => void): Promise<number> {
  const s = net.createServer((socket) => {
    socket.on('error', () => {})
    onSocket(socket)
  })
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((r) => s.close(r)))
  return (s.address() as net.AddressInfo).port
}

describe.each(FRAMINGS)('%s', (framing) => {
  test("a client's request cycle gets its exact answers", async () => {
    const s = await server()
    const client = track(await FramedClient.connect(s.ports[framing], framing))
    for (let k = 0; k < 10; k++) {
      const { request, answer } = cycleStep('cycle@wire.lab', k)
      client.send(request)
      expect(await client.nextText()).toEqual([answer])
    }
  })
})

test('connects from a given local address, so tests can stand for other computers', async () => {
  const peers: string[] = []
  const port = await rawServer((socket) => peers.push(socket.remoteAddress!))
  for (const localAddress of ['127.0.0.2', '127.0.0.3']) {
    const client = track(await FramedClient.connect(port, 'json', { localAddress }))
    client.end()
    await client.closed
  }
  expect(peers).toEqual(['127.0.0.2', '127.0.0.3'])
})

test('answers glued into one read, and one cut across reads, are told apart', async () => {
  const answers = ['{"a": 1}', '{"b": "}"}', '{"c": [2]}']
  const port = await rawServer((socket) => {
    socket.write(answers[0]! + answers[1]! + answers[2]!.slice(0, 4))
    socket.once('data', () => socket.end(answers[2]!.slice(4)))
  })
  // naive answers have no framing: the client finds each JSON object itself.
  const client = track(await FramedClient.connect(port, 'naive'))
  expect(await client.nextText(2)).toEqual(answers.slice(0, 2))
  client.sendRaw('go')
  expect(await client.nextText()).toEqual(answers.slice(2))
  expect(await client.closed).toBe(0)
})

test('next() rejects when the connection closes first, and when no answer comes in time', async () => {
  const port = await rawServer((socket) => socket.once('data', () => socket.end()))
  const closing = track(await FramedClient.connect(port, 'ndjson'))
  const pending = closing.next(2)
  closing.sendRaw('bye\n')
  await expect(pending).rejects.toMatchObject({ code: 'WL_ERR_CLOSED' })
  const silent = track(await FramedClient.connect(port, 'ndjson'))
  await expect(silent.next(1, 50)).rejects.toMatchObject({ code: 'WL_ERR_TIMEOUT' })
})

test('onAnswer takes every answer instead of next()', async () => {
  const port = await rawServer((socket) => socket.write(encodeFrame('length', Buffer.from('{}'))))
  const client = track(await FramedClient.connect(port, 'length'))
  const got = await new Promise<string>((resolve) => {
    client.onAnswer = (body) => resolve(Buffer.from(body).toString())
  })
  expect(got).toBe('{}')
})

test('over a WebSocket: binary frames are the bytes, text frames are not answers, the close code is kept', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  cleanups.push(() => new Promise((r) => wss.close(r)))
  await new Promise((r) => wss.once('listening', r))
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'connected' }))
    ws.on('message', (data: Buffer) => {
      ws.send(data, { binary: true })
      ws.close(4010, 'done')
    })
  })
  const url = `ws://127.0.0.1:${(wss.address() as net.AddressInfo).port}/`
  const client = track(await FramedClient.ws(url, 'ndjson'))
  client.send({ echo: 'ç' })
  expect(await client.nextJson()).toEqual([{ echo: 'ç' }])
  expect(await client.waitClosed()).toBe(4010)
})
