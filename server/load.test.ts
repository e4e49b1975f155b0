// Load on loopback: 500 concurrent clients, 100 requests each across all four actions, every answer checked.
import { expect, test } from 'vitest'
import type { Framing } from '../shared/framing.ts'
import { cycleStep } from '../test-support/requests.ts'
import { useTestServer } from './test-server.ts'

const CLIENTS = 500
const REQUESTS = 100
// naive is left out: its reads may legitimately split or merge messages, which is its lesson.
const FRAMINGS: Framing[] = ['json', 'ndjson', 'length']

const lab = useTestServer()

test(`${CLIENTS} concurrent clients x ${REQUESTS} requests, every answer exact`, async () => {
  // One process stands for every client here, so the limit per computer is lifted.
  const server = await lab.start({ maxPerClient: CLIENTS })
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => lab.connect(FRAMINGS[i % FRAMINGS.length]!)),
  )
  // The server accepts asynchronously after the clients' connect callbacks.
  await lab.until(() => server.connections === CLIENTS, 2_000, 'every client accepted')
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
