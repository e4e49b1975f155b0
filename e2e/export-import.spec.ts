// Export every pane's log to one file, import it back into a read-only review, and refuse a bad file.
import type { Locator } from '@playwright/test'
import { connectPane, connectionState, expect, shot, test } from './fixtures.ts'

// What a pane's log shows: its counts, and the rows rendered at its oldest and at its newest entry.
async function viewOf(pane: Locator) {
  const log = pane.getByRole('log')
  const rows = () => log.locator('.log-row').allInnerTexts()
  await log.press('Home')
  await expect(log).toContainText('Nova conexão com')
  const oldest = await rows()
  await log.press('End')
  // Each pane's newest entry here is its one response.
  await expect(log.locator('.log-row').last()).toContainText('Resposta 1')
  const newest = await rows()
  const counts = await pane.getByRole('group', { name: 'Filtros do registro' }).innerText()
  return { counts, oldest, newest }
}

// The two views agree on the counts and on every row both rendered (the windows differ in height).
function expectSame(after: Awaited<ReturnType<typeof viewOf>>, before: typeof after) {
  expect(after.counts).toBe(before.counts)
  const n = Math.min(after.oldest.length, before.oldest.length)
  expect(after.oldest.slice(0, n)).toEqual(before.oldest.slice(0, n))
  const m = Math.min(after.newest.length, before.newest.length)
  expect(after.newest.slice(-m)).toEqual(before.newest.slice(-m))
}

test('export then import shows the same log of both panes, read-only, and goes back to live', async ({
  page,
  lab,
}, testInfo) => {
  await page.goto(lab.url)
  await page.getByRole('button', { name: 'Adicionar cliente' }).click()
  const a = page.getByRole('region', { name: 'Cliente A' })
  const b = page.getByRole('region', { name: 'Cliente B' })
  await connectPane(a, lab)
  await connectPane(b, lab, 'length')
  await a.getByRole('button', { name: /^Enviar/ }).click()
  await expect(a.getByRole('article', { name: /^Resposta 1,/ })).toBeVisible()
  await b.getByText('Exemplos e cenário da aula').click()
  await b.getByRole('button', { name: 'Vírgula sobrando' }).click()
  await b.getByRole('button', { name: /^Enviar/ }).click()
  await expect(b.getByRole('article', { name: /^Resposta 1,/ }).locator('.badge')).toHaveText('400')
  const before = { a: await viewOf(a), b: await viewOf(b) }
  expect(before.a.oldest.length).toBeGreaterThan(5)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Exportar' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toMatch(/^wire-lab-\d{4}-\d\d-\d\d-\d{4}\.json$/)
  const file = testInfo.outputPath(saved.suggestedFilename())
  await saved.saveAs(file)

  await page.getByLabel('Importar um registro exportado').setInputFiles(file)
  const banner = page.getByRole('region', { name: 'Revisão' })
  await expect(banner).toContainText('Somente leitura, sem conexão')
  await expect(a.getByText(`127.0.0.1:${lab.server.ports.json} · framing json`)).toBeVisible()
  await expect(b.getByText(`127.0.0.1:${lab.server.ports.length} · framing length`)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Conectar' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Limpar' })).toHaveCount(0)
  expectSame(await viewOf(a), before.a)
  expectSame(await viewOf(b), before.b)
  await a.getByRole('log').press('Home')
  await shot(page, '6a-review')

  await b.getByRole('button', { name: 'Diagrama', exact: true }).click()
  await expect(b.locator('[data-kind="response"][data-hop="bridge-page"]')).toHaveCount(1)

  await page.getByRole('button', { name: 'Voltar ao vivo' }).click()
  await expect(banner).toHaveCount(0)
  await expect(connectionState(a)).toContainText('Conectado')
  await expect(connectionState(b)).toContainText('Conectado')
})

test('a file that is not a valid export is refused with the reason', async ({ page, lab }) => {
  await page.goto(lab.url)
  const input = page.getByLabel('Importar um registro exportado')
  await input.setInputFiles({
    name: 'notas.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '{"format": "wire-lab-log", "version": 1, "exportedAt": "ontem", "panes": []}',
    ),
  })
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Não foi possível importar notas.json: em exportedAt:')
  await page.getByRole('button', { name: 'Fechar' }).click()
  await expect(alert).toHaveCount(0)

  await input.setInputFiles({
    name: 'foto.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50]),
  })
  await expect(
    alert.getByText('Não foi possível importar foto.png: o arquivo não é JSON.'),
  ).toBeVisible()
  await expect(page.getByRole('region', { name: 'Revisão' })).toHaveCount(0)
  await expect(connectionState(page)).toContainText('Desconectado')
})
