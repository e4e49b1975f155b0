// A class of thirty on what npm start runs: a registry per computer, groups, and no speaking for others.
import { afterEach, expect, test } from 'vitest'
import { buildProxyV2 } from '../shared/proxy-v2.ts'
import { DP, LESSON_ANSWERS } from '../test-support/requests.ts'
import { FramedClient } from '../test-support/framed-client.ts'
import { LESSON_SCENARIO } from '../shared/protocol.ts'
import { loopbackStack, startStack, type Stack } from './stack.ts'

let stack: Stack | undefined
afterEach(async () => {
  await stack?.stop()
  stack = undefined
})

const start = async () => {
  stack = await startStack(loopbackStack('test-key'))
  return stack
}

/** A student's page on computer 127.0.0.N: a WebSocket through the bridge to the json port. */
function student(p: Stack, n: number, group?: string) {
  const query = group === undefined ? '' : `&group=${group}`
  const url = `ws://127.0.0.1:${p.bridge.port}/ws?target=127.0.0.1:${p.server.ports.json}${query}`
  return FramedClient.ws(url, 'json', { localAddress: `127.0.0.${n}` })
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

test("thirty computers step through the lesson together, and every one gets the lesson's answers", async () => {
  const p = await start()
  const students = await Promise.all(Array.from({ length: 30 }, (_, i) => student(p, i + 2)))
  const answers: string[][] = students.map(() => [])
  // Lock-step, as a class does when the teacher says "next": every student sends step k, then k+1.
  for (const request of LESSON_SCENARIO) {
    for (const s of students) s.send(request)
    const round = await Promise.all(students.map((s) => s.next(1)))
    round.forEach(([bytes], i) => answers[i]!.push(text(bytes!)))
  }
  for (const got of answers) expect(got).toEqual(LESSON_ANSWERS)
  expect(p.server.workspaces!.list().filter((w) => w.key.startsWith('ip:127.0.0.'))).toHaveLength(
    30,
  )
  for (const s of students) s.end()
}, 60_000)

test('two computers in one group share its users; a third sees none of them', async () => {
  const p = await start()
  const [ana, bia, caio] = await Promise.all([
    student(p, 40, 'grupo-3'),
    student(p, 41, 'Grupo-3'),
    student(p, 42),
  ])
  const create = { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: 'ana@escola.br' }
  const read = { ...create, AÇÃO: 'CONSULTAR USUARIO' }
  expect(await ana!.request(create)).toMatchObject({ 'CODIGO DE ERRO': '200' })
  expect(await bia!.request(read)).toMatchObject({
    'CODIGO DE ERRO': '200',
    EXPLICAÇÃO: { Email: 'ana@escola.br' },
  })
  expect(await caio!.request(read)).toMatchObject({ 'CODIGO DE ERRO': '404' })
  expect(p.server.workspaces!.list()).toContainEqual({
    key: 'group:grupo-3',
    users: 1,
    connections: 2,
  })
})

test('a computer that is not the bridge cannot speak for another with a PROXY header', async () => {
  const p = await start()
  const victim = await student(p, 50)
  const create = { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: 'vitima@escola.br' }
  expect(await victim.request(create)).toMatchObject({ 'CODIGO DE ERRO': '200' })
  // A student on 127.0.0.51 dials the server itself and claims to be 127.0.0.50.
  const header = buildProxyV2({
    source: { address: '127.0.0.50', port: 40000 },
    // A fixed port: a free port's bytes could hold a '{' or '[' and start a JSON value in the header.
    destination: { address: '127.0.0.1', port: 3213 },
  })
  const forger = await FramedClient.connect(p.server.ports.json, 'json', {
    localAddress: '127.0.0.51',
  })
  forger.sendRaw(header)
  forger.send({ ...create, AÇÃO: 'REMOVER USUARIO' })
  const [refusal, answer] = await forger.nextJson(2)
  // The header is an ordinary malformed message from an untrusted peer (400), and the request after
  // it works in the forger's own workspace.
  expect(refusal).toMatchObject({ 'CODIGO DE ERRO': '400' })
  expect(String((refusal as Record<string, unknown>)['EXPLICAÇÃO'])).toMatch(/byte/)
  expect(answer).toMatchObject({
    'CODIGO DE ERRO': '404',
    EXPLICAÇÃO: 'Usuário não registrado:vitima@escola.br',
  })
  expect(await victim.request({ ...create, AÇÃO: 'CONSULTAR USUARIO' })).toMatchObject({
    'CODIGO DE ERRO': '200',
  })
})
