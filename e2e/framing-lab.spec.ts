// The framing lab end to end: naive beside json, one message split into pieces and two glued into one write.
import type { Page } from '@playwright/test'
import { expect, shot, startRangeLab, stopRangeLab, test } from './fixtures.ts'

// Between pieces, so that each is its own read on a machine busy with the whole e2e suite.
const SAFE_INTERVAL = '500'

// Opens the lab with only the naive and json columns, the pair the lesson compares.
async function openNaiveAndJson(page: Page, url: string) {
  await page.goto(`${url}#framing`)
  for (const name of [/^ndjson/, /^length/]) {
    await page.getByRole('checkbox', { name }).uncheck()
  }
  await expect(page.getByRole('region', { name: /^(json|naive) / })).toHaveCount(2)
  return {
    naive: page.getByRole('region', { name: /^naive / }),
    json: page.getByRole('region', { name: /^json / }),
  }
}

test('a message split into three pieces breaks naive (three 400s) and not json', async ({
  page,
  lab,
}) => {
  const { naive, json } = await openNaiveAndJson(page, lab.url)
  await expect(page.getByLabel('Pedaços', { exact: true })).toHaveValue('3')
  await expect(page.getByLabel('Intervalo entre pedaços', { exact: true })).toHaveValue('200')
  // Pieces 200 ms apart arrive in three reads, unless the machine stalls the process serving both
  // bridge and server for that long (a loaded CI did once: two pieces in one read, two 400s).
  await page.getByLabel('Intervalo entre pedaços', { exact: true }).fill(SAFE_INTERVAL)
  await page.getByRole('button', { name: 'Executar', exact: true }).click()

  await expect(naive.getByText('1 mensagem enviada, 3 respostas de erro')).toBeVisible()
  await expect(naive.getByRole('list', { name: 'Respostas' }).getByRole('listitem')).toHaveText([
    '400',
    '400',
    '400',
  ])
  await expect(naive.getByText(/os pedaços chegaram em leituras separadas/)).toBeVisible()
  await expect(json.getByText('1 mensagem enviada, 1 resposta')).toBeVisible()
  await expect(json.getByRole('list', { name: 'Respostas' }).getByRole('listitem')).toHaveText([
    '404',
  ])
  // The json log shows the one request spanning the three chunks it was written in.
  const log = json.getByRole('log')
  await expect(log.getByRole('article', { name: /^Pedido 1, .*pedaços #1–#3/ })).toBeVisible()
  await expect(log.getByRole('article', { name: /^Resposta 1,/ }).locator('.badge')).toHaveText(
    '404',
  )

  // The results stay when the teacher visits another mode and comes back.
  await page.getByRole('tab', { name: 'Menu do bot' }).click()
  await page.getByRole('tab', { name: 'Laboratório de framing' }).click()
  await expect(naive.getByText('1 mensagem enviada, 3 respostas de erro')).toBeVisible()

  await page.getByLabel('Intervalo entre pedaços', { exact: true }).fill('0')
  await expect(page.getByText('Com 0 ms o TCP pode juntar os pedaços')).toBeVisible()
  await page.getByLabel('Intervalo entre pedaços', { exact: true }).fill('200')
  await json.scrollIntoViewIfNeeded()
  await shot(page, '6b-framing-split')
})

test('two messages glued into one write are one broken message to naive, two to json', async ({
  page,
  lab,
}) => {
  const { naive, json } = await openNaiveAndJson(page, lab.url)
  await page.getByRole('radio', { name: /Colar mensagens/ }).check()
  await expect(page.getByLabel('Mensagens na escrita', { exact: true })).toHaveValue('2')
  await page.getByRole('button', { name: 'Executar', exact: true }).click()

  await expect(naive.getByText('2 mensagens enviadas, 1 resposta de erro')).toBeVisible()
  await expect(naive.getByRole('list', { name: 'Respostas' }).getByRole('listitem')).toHaveText([
    '400',
  ])
  await expect(naive.getByText(/chegaram juntas numa leitura/)).toBeVisible()
  await expect(json.getByText('2 mensagens enviadas, 2 respostas')).toBeVisible()
  await expect(json.getByRole('list', { name: 'Respostas' }).getByRole('listitem')).toHaveText([
    '404',
    '404',
  ])

  await page.getByRole('button', { name: 'Tema escuro' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await json.scrollIntoViewIfNeeded()
  await shot(page, '6b-framing-glue-dark')
})

test('by default the four bundled framings run side by side, and only naive breaks', async ({
  page,
  lab,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(`${lab.url}#framing`)
  const columns = page.getByRole('region', { name: /^(json|ndjson|length|naive) / })
  await expect(columns).toHaveCount(4)
  await page.getByLabel('Intervalo entre pedaços', { exact: true }).fill(SAFE_INTERVAL)
  await page.getByRole('button', { name: 'Executar', exact: true }).click()
  for (const name of ['json', 'ndjson', 'length']) {
    const column = page.getByRole('region', { name: new RegExp(`^${name} `) })
    await expect(column.getByText('1 mensagem enviada, 1 resposta')).toBeVisible()
  }
  const naive = page.getByRole('region', { name: /^naive / })
  await expect(naive.getByText('1 mensagem enviada, 3 respostas de erro')).toBeVisible()
  await shot(page, '6b-framing-four')
  await page.getByRole('button', { name: 'Texto grande' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-size', 'large')
  await shot(page, '6b-framing-four-large')
})

test("a student's own server in an allowed range gets a column of its own", async ({ page }) => {
  // The student's server reads like the lesson's recv(512): the second server's naive port.
  const lab = await startRangeLab('naive')
  try {
    const { from, to } = lab.range
    await page.setViewportSize({ width: 1600, height: 900 })
    await page.goto(`${lab.url}#framing`)
    for (const name of [/^ndjson/, /^length/, /^naive/]) {
      await page.getByRole('checkbox', { name }).uncheck()
    }
    const own = page.getByRole('checkbox', { name: `Seu servidor 127.0.0.1:${from}–${to}` })
    await expect(own).not.toBeChecked()
    await expect(page.getByLabel('Porta', { exact: true })).toHaveCount(0)
    await own.check()
    const port = page.getByLabel('Porta', { exact: true })
    await expect(port).toHaveValue(String(from))
    await expect(page.getByText(`de ${from} a ${to}`, { exact: true })).toBeVisible()
    const servers = page.getByRole('group', { name: 'Servidores' })
    await expect(servers.getByLabel('Framing', { exact: true })).toHaveValue('json')

    await port.fill('70000')
    await expect(page.getByText(`Escolha uma porta de ${from} a ${to}.`)).toBeVisible()
    await expect(page.getByRole('region', { name: /Seu servidor$/ })).toHaveCount(0)
    await port.fill(String(lab.ownPort))
    const column = page.getByRole('region', { name: new RegExp(`^json 127.0.0.1:${lab.ownPort} `) })
    await expect(column).toHaveAccessibleName(`json 127.0.0.1:${lab.ownPort} Seu servidor`)
    await expect(page.getByRole('region', { name: /^json / })).toHaveCount(2)

    await page.getByRole('button', { name: 'Executar', exact: true }).click()
    await expect(column.getByText('1 mensagem enviada, 3 respostas de erro')).toBeVisible()
    await expect(column.getByText(/Seu servidor respondeu com erro/)).toBeVisible()
    const bundled = page.getByRole('region', { name: `json 127.0.0.1:${lab.server.ports.json}` })
    await expect(bundled.getByText('1 mensagem enviada, 1 resposta')).toBeVisible()
    await shot(page, '6b-framing-own')

    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByLabel('Port', { exact: true })).toHaveValue(String(lab.ownPort))
    await expect(column.getByText(/Your server answered with an error/)).toBeVisible()
    await shot(page, '6b-framing-own-en')
  } finally {
    await stopRangeLab(lab)
  }
})
