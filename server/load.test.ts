// Load on loopback: 500 concurrent clients, 100 requests each across all four actions, every answer checked.
import { afterEach, expect, test } from 'vitest'
import { dumps } from '../shared/codec.ts'
import type { Framing } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'
import { FramedClient } from './client.ts'
import { startServer, type RunningServer } from './server.ts'

const CLIENTS = 500
const REQUESTS = 100
// naive is left out: its reads may legitimately split or merge messages, which is its lesson.
const FRAMINGS: Framing[] = ['json', 'ndjson', 'length']
const DP = 'Dados Pessoais'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** The k-th request of a client's cycle (create, read, modify, read, remove) and the exact answer text. */
function step(email: string, k: number): [unknown, string] {
  const round = Math.floor(k / 5)
  const nome = `Nome ${round} ç`
  const answer = (explanation: unknown) =>
    dumps({ 'CODIGO DE ERRO': '200', EXPLICAÇÃO: explanation })
  switch (k % 5) {
    case 0:
      return [
        { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email },
        answer(TEXT.created(email)),
      ]
    case 1:
      return [
        { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email },
        answer({ Nome: null, Endereço: null, Telefone: null, Email: email }),
      ]
    case 2:
      return [
        {
          SERVIÇO: DP,
          AÇÃO: 'MODIFICAR USUARIO',
          EMAIL_USUARIO: email,
          CAMPO: 'Nome',
          VALOR: nome,
        },
        answer(TEXT.modified(email, 'Nome', nome)),
      ]
    case 3:
      return [
        { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email },
        answer({ Nome: nome, Endereço: null, Telefone: null, Email: email }),
      ]
    default:
      return [
        { SERVIÇO: DP, AÇÃO: 'REMOVER USUARIO', EMAIL_USUARIO: email },
        answer(TEXT.removed(email)),
      ]
  }
}

test(`${CLIENTS} concurrent clients x ${REQUESTS} requests, every answer exact`, async () => {
  server = await startServer({ ports: { json: 0, ndjson: 0, length: 0, naive: 0 } })
  const ports = server.ports
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => {
      const framing = FRAMINGS[i % FRAMINGS.length]!
      return FramedClient.connect(ports[framing], framing)
    }),
  )
  // The server accepts asynchronously after the clients' connect callbacks; wait (bounded) for it.
  for (let i = 0; i < 200 && server.connections < CLIENTS; i++)
    await new Promise((r) => setTimeout(r, 10))
  expect(server.connections).toBe(CLIENTS)
  const wrong: string[] = []
  let answered = 0
  await Promise.all(
    clients.map(async (client, i) => {
      const email = `load-${i}@wire.lab`
      for (let k = 0; k < REQUESTS; k++) {
        const [request, expected] = step(email, k)
        client.send(request)
        const [body] = await client.next()
        const got = Buffer.from(body!).toString('utf8')
        if (got === expected) answered++
        else if (wrong.length < 5) wrong.push(`${email} #${k}: ${got} != ${expected}`)
      }
      client.end()
      await client.closed
    }),
  )
  expect(wrong).toEqual([])
  expect(answered).toBe(CLIENTS * REQUESTS)
  expect(server.registry.size).toBe(0)
}, 120_000)
