// SIGKILL in the middle of a write load on --data: every change answered 200 survives, nothing else.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, test } from 'vitest'
import { startChild, type Child } from '../test-support/spawn.ts'
import { FIELDS, TEXT, newRecord, type FieldName, type UserRecord } from '../shared/protocol.ts'
import { FramedClient } from '../test-support/framed-client.ts'
import { answerText } from '../test-support/requests.ts'
import { openSqliteRegistry } from './registry-sqlite.ts'

const CLIENTS = 8
// Requests each client keeps in flight, so the kill always lands with some unanswered.
const DEPTH = 4
const KILL_AFTER = 800
const SEEDS = 20
const DP = 'Dados Pessoais'

const dir = mkdtempSync(join(tmpdir(), 'wire-lab-durability-'))
const children: Child[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.process.kill('SIGKILL')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Op {
  request: Record<string, string>
  /** The exact 200 answer. */
  answer: string
}
type State = Map<string, UserRecord>

async function startServer(file: string): Promise<Child> {
  const ports = ['json', 'ndjson', 'length', 'naive'].flatMap((f) => [`--${f}-port`, '0'])
  const child = await startChild('server/main.ts', ['--data', file, '--quiet', ...ports], ['json'])
  children.push(child)
  return child
}

const ok = (explanation: string | UserRecord) => answerText('200', explanation)

/** The state after a request, as MemoryRegistry would have it. */
function apply(state: State, { request }: Op): void {
  const email = request.EMAIL_USUARIO!
  switch (request.AÇÃO) {
    case 'CRIAR USUARIO':
      state.set(email, newRecord(email))
      break
    case 'REMOVER USUARIO':
      state.delete(email)
      break
    case 'MODIFICAR USUARIO': {
      const field = request.CAMPO as FieldName
      const record = { ...state.get(email)!, [field]: request.VALOR! }
      state.delete(email)
      state.set(record.Email, record)
    }
  }
}

/** A client's deterministic stream of writes on its own emails: creates, modifies, renames, removes. */
function writer(client: number) {
  let seed = client + 1
  // A fixed-seed generator, so a failure names a reproducible request stream.
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const state: State = new Map()
  const ops: Op[] = []
  const emails = new Set<string>()
  let n = 0
  const fresh = () => (client === 0 && n === 0 ? (n++, '__proto__') : `c${client}-${n++}@wire.lab`)
  const next = (): Op => {
    const users = [...state.keys()]
    const pick = random()
    let op: Op
    if (users.length < 3 || pick < 0.25) {
      const email = fresh()
      op = {
        request: { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email },
        answer: ok(TEXT.created(email)),
      }
    } else {
      const email = users[Math.floor(random() * users.length)]!
      if (pick < 0.35) {
        op = {
          request: { SERVIÇO: DP, AÇÃO: 'REMOVER USUARIO', EMAIL_USUARIO: email },
          answer: ok(TEXT.removed(email)),
        }
      } else {
        const field = FIELDS[Math.floor(random() * FIELDS.length)]!
        const value = field === 'Email' ? (pick < 0.4 ? email : fresh()) : `${field} ${n++} ç😀`
        op = {
          request: {
            SERVIÇO: DP,
            AÇÃO: 'MODIFICAR USUARIO',
            EMAIL_USUARIO: email,
            CAMPO: field,
            VALOR: value,
          },
          answer: ok(TEXT.modified(email, field, value)),
        }
      }
    }
    apply(state, op)
    emails.add(op.request.EMAIL_USUARIO!)
    if (op.request.CAMPO === 'Email') emails.add(op.request.VALOR!)
    ops.push(op)
    return op
  }
  return { ops, emails, next }
}

/** The CONSULTAR answer for an email in a state. */
const consulted = (state: State, email: string) => {
  const record = state.get(email)
  return record ? ok(record) : answerText('404', TEXT.notRegistered(email))
}
const consult = (email: string) => ({
  SERVIÇO: DP,
  AÇÃO: 'CONSULTAR USUARIO',
  EMAIL_USUARIO: email,
})

test('SIGKILL during a write load: every 200 is on disk after restart, and nothing else changed', async () => {
  const started = Date.now()
  const file = join(dir, 'class.db')
  const first = await startServer(file)

  // Users the load never touches: they must come back unchanged.
  const seeds: State = new Map()
  const seeder = await FramedClient.connect(first.ports.json!, 'json')
  for (let i = 0; i < SEEDS; i++) {
    const email = `seed-${i}@wire.lab`
    seeder.send({ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email })
    seeder.send({
      SERVIÇO: DP,
      AÇÃO: 'MODIFICAR USUARIO',
      EMAIL_USUARIO: email,
      CAMPO: 'Telefone',
      VALOR: `${i}`,
    })
    seeds.set(email, { ...newRecord(email), Telefone: `${i}` })
  }
  const seeded = (await seeder.nextJson(SEEDS * 2)) as Record<string, string>[]
  expect(seeded.every((a) => a['CODIGO DE ERRO'] === '200')).toBe(true)
  seeder.end()

  // The load: each client pipelines DEPTH writes on its own emails and checks every answer exactly.
  const writers = Array.from({ length: CLIENTS }, (_, i) => writer(i))
  const acked = writers.map(() => 0)
  let answered = 0
  let answeredAtKill = -1
  let inFlightAtKill = -1
  const exited = new Promise((resolve) => first.process.once('exit', resolve))
  const wrong: string[] = []
  await Promise.all(
    writers.map(async (w, i) => {
      const client = await FramedClient.connect(first.ports.json!, 'json')
      for (let k = 0; k < DEPTH; k++) client.send(w.next().request)
      for (;;) {
        let body: Uint8Array | undefined
        try {
          ;[body] = await client.next()
        } catch {
          return // the server is gone
        }
        const got = Buffer.from(body!).toString('utf8')
        const want = w.ops[acked[i]!]!.answer
        if (got !== want && wrong.length < 5) wrong.push(`client ${i}: ${got} != ${want}`)
        acked[i]!++
        answered++
        if (answeredAtKill >= 0) continue
        client.send(w.next().request)
        if (answered >= KILL_AFTER) {
          answeredAtKill = answered
          inFlightAtKill = writers.reduce((sum, w, j) => sum + w.ops.length - acked[j]!, 0)
          first.process.kill('SIGKILL')
        }
      }
    }),
  )
  await exited
  expect(wrong).toEqual([])
  expect(answeredAtKill).toBe(KILL_AFTER)

  // Restart on the same file and read back every email any request named.
  const second = await startServer(file)
  const reader = await FramedClient.connect(second.ports.json!, 'json')
  const named = [...seeds.keys(), ...writers.flatMap((w) => [...w.emails])]
  reader.socket.cork()
  for (const email of named) reader.send(consult(email))
  reader.socket.uncork()
  const bodies = await reader.next(named.length)
  const found = new Map(named.map((email, k) => [email, Buffer.from(bodies[k]!).toString('utf8')]))
  reader.end()

  for (const [email] of seeds) expect(found.get(email)).toBe(consulted(seeds, email))
  // Per client: the state after all its answered writes, plus some prefix of the unanswered ones
  // (one connection's requests are applied in order), must be exactly what the server has.
  let users = seeds.size
  let unansweredApplied = 0
  writers.forEach((w, i) => {
    const state: State = new Map()
    for (const op of w.ops.slice(0, acked[i])) apply(state, op)
    const matches = () => [...w.emails].every((e) => found.get(e) === consulted(state, e))
    let applied = 0
    while (!matches() && acked[i]! + applied < w.ops.length)
      apply(state, w.ops[acked[i]! + applied++]!)
    expect(matches(), `client ${i}: no prefix of its unanswered writes explains the file`).toBe(
      true,
    )
    users += state.size
    unansweredApplied += applied
  })

  await second.stop()
  const registry = openSqliteRegistry(file)
  const size = registry.size
  registry.close()
  expect(size).toBe(users)

  console.log(
    `durability: ${answeredAtKill} 200s at SIGKILL (${answered} received in all), ${inFlightAtKill} ` +
      `in flight, ${unansweredApplied} unanswered write(s) found applied; ${named.length} emails ` +
      `checked, ${users} users; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}, 30_000)
