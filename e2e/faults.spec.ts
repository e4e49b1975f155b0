// Faults end to end: the server killed under several pages, the bridge crashing and back, a frame too big.
import type { Page } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { startChild, type Child } from '../test-support/spawn.ts'
import { defaultAllowList } from '../bridge/allow.ts'
import { startBridge } from '../bridge/bridge.ts'
import { startServer } from '../server/server.ts'
import { FRAMINGS, type Framing } from '../shared/framing.ts'
import { connectionState, expect, test } from './fixtures.ts'

const dist = fileURLToPath(new URL('../dist', import.meta.url))

/** The server's main.ts in a child process (so it can be killed), on these ports or free ones. */
function serverChild(ports: Partial<Record<Framing, number>> = {}): Promise<Child> {
  const args = FRAMINGS.flatMap((f) => [`--${f}-port`, String(ports[f] ?? 0)])
  return startChild('server/main.ts', [...args, '--quiet'], [...FRAMINGS])
}

/** Opens the page at `url`, picks `target`, connects, and waits for the open state. */
async function connectTo(page: Page, url: string, target: string): Promise<void> {
  await page.goto(url)
  await page.getByLabel('Alvo').selectOption(target)
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
}

/** Sends CRIAR USUARIO with the form and waits for its answer in the log. */
async function create(page: Page, email: string): Promise<void> {
  await page.getByLabel('AÇÃO').selectOption('CRIAR USUARIO')
  await page.getByLabel('EMAIL_USUARIO').fill(email)
  await page.getByRole('button', { name: /^Enviar/ }).click()
  await expect(page.getByRole('log')).toContainText(`Novo usuário registrado com email:${email}`)
}

/** Presses Reconnect, waits for the open state, and checks a request gets its answer. */
async function reconnect(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Reconectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
  await create(page, email)
}

test('the server killed mid-traffic: three pages each say why, and reconnect once it is back', async ({
  context,
}) => {
  const children: Child[] = []
  const first = await serverChild()
  children.push(first)
  const ports = first.ports as Record<Framing, number>
  const bridge = await startBridge({
    host: '127.0.0.1',
    port: 0,
    staticDir: dist,
    allow: defaultAllowList('127.0.0.1', ports),
  })
  try {
    const target = `127.0.0.1:${ports.json}`
    const pages = await Promise.all([1, 2, 3].map(() => context.newPage()))
    await Promise.all(pages.map((page) => connectTo(page, bridge.url, target)))
    // Each page starts the lesson's scenario and the server is killed at once, usually mid-run.
    await Promise.all(
      pages.map((page) => page.getByRole('button', { name: 'Executar tudo' }).click()),
    )
    first.process.kill('SIGKILL')
    for (const page of pages) {
      await expect(connectionState(page)).toContainText('Encerrada')
      // A FIN, or a reset when the kernel still held unread bytes for the dead process.
      await expect(connectionState(page)).toContainText(
        /O servidor TCP (encerrou|derrubou) a conexão/,
      )
      await expect(page.getByRole('button', { name: 'Reconectar' })).toBeVisible()
    }

    children.push(await serverChild(ports))
    await Promise.all(
      pages.map((page, i) => reconnect(page, `killed-${i}-${Date.now()}@escola.br`)),
    )
  } finally {
    await bridge.close()
    await Promise.all(children.map((c) => c.stop()))
  }
})

test('the bridge crashes: every page says the bridge fell, and reconnects to it restarted on the same port', async ({
  context,
}) => {
  const server = await startServer({
    host: '127.0.0.1',
    ports: { json: 0, ndjson: 0, length: 0, naive: 0 },
  })
  const bridgeArgs = (port: number) => [
    ...['--host', '127.0.0.1', '--port', String(port), '--static', dist, '--quiet'],
    ...FRAMINGS.flatMap((f) => ['--allow', `127.0.0.1:${server.ports[f]}`]),
  ]
  const children: Child[] = []
  try {
    const first = await startChild('bridge/main.ts', bridgeArgs(0), ['bridge'])
    children.push(first)
    const port = first.ports.bridge!
    const url = `http://127.0.0.1:${port}/`
    const target = `127.0.0.1:${server.ports.json}`
    const pages = await Promise.all([1, 2].map(() => context.newPage()))
    await Promise.all(pages.map((page) => connectTo(page, url, target)))
    await create(pages[0]!, `before-${Date.now()}@escola.br`)

    first.process.kill('SIGKILL')
    for (const page of pages) {
      await expect(connectionState(page)).toContainText(
        'A ponte caiu sem fechar a conexão (1006). Ela foi desligada?',
      )
    }
    // Asked to reconnect while the bridge is down, the page says it cannot reach it.
    await pages[0]!.getByRole('button', { name: 'Reconectar' }).click()
    await expect(connectionState(pages[0]!)).toContainText(
      `Não foi possível falar com a ponte WebSocket em ws://127.0.0.1:${port}/ws`,
    )

    children.push(await startChild('bridge/main.ts', bridgeArgs(port), ['bridge']))
    await Promise.all(pages.map((page, i) => reconnect(page, `after-${i}-${Date.now()}@escola.br`)))
  } finally {
    await Promise.all(children.map((c) => c.stop()))
    await server.close()
  }
})

test("a message over the bridge's frame limit: the page says it was too big, and no byte reached the server", async ({
  page,
}) => {
  const lines: string[] = []
  const server = await startServer({
    host: '127.0.0.1',
    ports: { json: 0, ndjson: 0, length: 0, naive: 0 },
    log: (line) => lines.push(line),
  })
  const bridge = await startBridge({
    host: '127.0.0.1',
    port: 0,
    staticDir: dist,
    allow: defaultAllowList('127.0.0.1', server.ports),
    maxFrame: 1024,
  })
  try {
    await connectTo(page, bridge.url, `127.0.0.1:${server.ports.json}`)
    await page.getByRole('tab', { name: 'Texto bruto' }).click()
    await page.getByLabel('Texto exato que vai para o fio').fill(`{"x": "${'a'.repeat(2000)}"}`)
    await page.getByRole('button', { name: /^Enviar/ }).click()
    await expect(connectionState(page)).toContainText('Mensagem grande demais para a ponte (1009).')
    await expect(page.getByRole('button', { name: 'Reconectar' })).toBeVisible()
    expect(lines.filter((l) => / in=\d+B /.test(l))).toEqual([])
  } finally {
    await bridge.close()
    await server.close()
  }
})
