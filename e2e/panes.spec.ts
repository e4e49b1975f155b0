// Two clients side by side: each pane its own connection, so one sees what the other changed.
import { connectPane, connectionState, expect, shot, test } from './fixtures.ts'

test('pane A creates a user and sets Telefone, pane B reads the record and sees it', async ({
  page,
  lab,
}) => {
  await page.goto(lab.url)
  await page.getByRole('button', { name: 'Adicionar cliente' }).click()
  const a = page.getByRole('region', { name: 'Cliente A' })
  const b = page.getByRole('region', { name: 'Cliente B' })
  await connectPane(a, lab)
  await connectPane(b, lab, 'ndjson')

  const email = `duo-${Date.now()}@escola.br`
  await a.getByLabel('AÇÃO').selectOption('CRIAR USUARIO')
  await a.getByLabel('EMAIL_USUARIO').fill(email)
  await a.getByRole('button', { name: /^Enviar/ }).click()
  await expect(a.getByRole('article', { name: /^Resposta 1,/ })).toContainText(
    `Novo usuário registrado com email:${email}`,
  )
  await a.getByLabel('AÇÃO').selectOption('MODIFICAR USUARIO')
  await a.getByLabel('CAMPO').selectOption('Telefone')
  await a.getByLabel('VALOR').fill('3218181')
  // With two panes, Ctrl+Enter sends from the pane that has the focus.
  await page.keyboard.press('Control+Enter')
  await expect(a.getByRole('article', { name: /^Resposta 2,/ }).locator('.badge')).toHaveText('200')

  await b.getByLabel('AÇÃO').selectOption('CONSULTAR USUARIO')
  await b.getByLabel('EMAIL_USUARIO').fill(email)
  await b.getByRole('button', { name: /^Enviar/ }).click()
  const record = b.getByRole('table', { name: 'Registro do usuário' })
  await expect(record.getByRole('cell')).toHaveText(['— (vazio)', '— (vazio)', '3218181', email])
  await expect(b.getByRole('article', { name: /^Resposta 1,/ }).locator('.badge')).toHaveText('200')
  await expect(a.getByRole('article', { name: /^Resposta 3,/ })).toHaveCount(0)
  await b
    .getByRole('heading', { name: 'Registro ao vivo' })
    .evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'start' }))
  await shot(page, '6a-two-panes')

  await b.getByRole('button', { name: 'Remover o cliente B' }).click()
  await expect(b).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Adicionar cliente' })).toBeVisible()
  await expect(connectionState(a)).toContainText('Conectado')
})
