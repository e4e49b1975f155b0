// The connection bar end to end: connect, keyboard, ?bridge=, and the server or bridge going away.
import { connect, connectionState, expect, shot, test } from './fixtures.ts'

test('connects to the json target and logs the TCP handshake', async ({ page, lab }) => {
  await page.goto(lab.url)
  await expect(connectionState(page)).toContainText('Desconectado')
  await expect(page.getByLabel('Alvo')).toHaveValue(`127.0.0.1:${lab.server.ports.json}`)
  await expect(page.getByLabel('Framing')).toHaveValue('json')
  await shot(page, 'idle')
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
  await expect(connectionState(page)).toContainText(`127.0.0.1:${lab.server.ports.json}`)
  await expect(page.getByRole('log')).toContainText('TCP conectado')
  await expect(page.getByRole('button', { name: /^Enviar/ })).toBeEnabled()
})

test('keyboard: Tab reaches Connect and Enter connects', async ({ page, lab }) => {
  await page.goto(lab.url)
  const connectButton = page.getByRole('button', { name: 'Conectar' })
  await expect(connectButton).toBeEnabled()
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab')
    if (await connectButton.evaluate((el) => el.matches(':focus'))) break
  }
  await expect(connectButton).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(connectionState(page)).toContainText('Conectado')
})

test('?bridge= chooses the bridge URL', async ({ page, lab }) => {
  const ws = `ws://127.0.0.1:${lab.bridge.port}/ws`
  await page.goto(`${lab.url}?bridge=${encodeURIComponent(ws)}`)
  await expect(connectionState(page)).toContainText(`Ponte: ${ws}`)
  await page.getByLabel('Alvo').selectOption(`127.0.0.1:${lab.server.ports.ndjson}`)
  await expect(page.getByLabel('Framing')).toHaveValue('ndjson')
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
})

test('stopping the server closes with its reason, and reconnecting says it is refused', async ({
  page,
  ownLab,
}) => {
  await connect(page, ownLab)
  await ownLab.server.close()
  await expect(connectionState(page)).toContainText('Encerrada')
  await expect(connectionState(page)).toContainText('O servidor TCP encerrou a conexão (FIN)')
  await expect(page.getByRole('log')).toContainText('O servidor fechou o lado dele (FIN).')
  await shot(page, 'closed')
  await page.getByRole('button', { name: 'Reconectar' }).click()
  await expect(connectionState(page)).toContainText(
    'O servidor TCP recusou a conexão (ECONNREFUSED)',
  )
  await expect(page.getByRole('button', { name: 'Reconectar' })).toBeVisible()
  await shot(page, 'refused')
})

test('stopping the bridge says so in words', async ({ page, ownLab }) => {
  await connect(page, ownLab)
  await ownLab.bridge.close()
  await expect(connectionState(page)).toContainText('A ponte está sendo desligada (1001).')
  await expect(page.getByRole('button', { name: 'Reconectar' })).toBeVisible()
})
