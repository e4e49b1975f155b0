// Load on loopback: 500 concurrent clients, 100 requests each across all four actions, every answer checked.
import { afterEach, expect, test } from 'vitest'
import type { Framing } from '../shared/framing.ts'
import { FramedClient } from '../test-support/framed-client.ts'
import { cycleStep } from '../test-support/requests.ts'
import { startServer, type RunningServer } from './server.ts'

const CLIENTS = 500
const REQUESTS = 100
// naive is left out: its reads may legitimately split or merge messages, which is its lesson.
const FRAMINGS: Framing[] = ['json', 'ndjson', 'length']

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

test(`${CLIENTS} concurrent clients x ${REQUESTS} requests, every answer exact`, async () => {
  // One process stands for every client here, so the limit per computer is lifted.
  server = await startServer({
    ports: { json: 0, ndjson: 0, length: 0, naive: 0 },
    maxPerClient: CLIENTS,
  })
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
        const { request, answer: expected } = cycleStep(email, k)
        client.send(request)
        const [got] = await client.nextText()
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
