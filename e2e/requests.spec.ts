// Requests end to end: the lesson scenario, an invalid request answered 400, and a valid one after it.
import { connect, connectionState, expect, shot, showSection, test } from './fixtures.ts'

const CODES = ['404', '200', '200', '404', '200', '200', '200', '200', '200', '404']

test('runs the lesson scenario and shows the ten decoded answers', async ({ page, lab }) => {
  await connect(page, lab)
  await page.getByRole('button', { name: 'Executar tudo' }).click()
  await expect(page.getByText('Cenário concluído')).toBeVisible()
  const steps = page.getByRole('list', { name: 'Passos do cenário' }).getByRole('listitem')
  await expect(steps).toHaveCount(10)
  for (const [i, code] of CODES.entries()) await expect(steps.nth(i)).toContainText(code)
  // The log is a virtual list: the newest rows are rendered, and auto-scroll keeps the last in view.
  const last = page.getByRole('article', { name: /^Resposta 10,/ })
  await expect(last).toBeInViewport()
  await expect(last.locator('.badge')).toHaveText('404')
  // Only received messages: the ten responses, the record of the eighth among the newest rows.
  for (const filter of [/^Enviados/, /^Pedaços/, /^Eventos/]) {
    await page.getByRole('button', { name: filter }).click()
  }
  const record = page.getByRole('table', { name: 'Registro do usuário' }).last()
  await expect(record.getByRole('cell')).toHaveText([
    'Cabron',
    '— (vazio)',
    '3218181',
    'meu@gmail.com',
  ])
  // Home on the log scrolls to the oldest row, however long the log is.
  await page.getByRole('log').press('Home')
  const first = page.getByRole('article', { name: /^Resposta 1,/ })
  await expect(first).toBeInViewport()
  await expect(first.locator('.badge')).toHaveText('404')
  await expect(first).toContainText('Usuário não registrado:eu@gmail.com')
  // End follows the newest entries again.
  await page.getByRole('log').press('End')
  await expect(page.getByRole('button', { name: 'Rolagem automática' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect(record).toBeInViewport()
  await showSection(page, 'Cenário da aula')
  await shot(page, 'scenario')
})

test('text that is not JSON is one run of garbage: one 400, and the log shows the bytes discarded', async ({
  page,
  lab,
}) => {
  await connect(page, lab)
  await page.getByRole('button', { name: 'Texto qualquer' }).click()
  // The hint says what the json port will answer: the framing finds no value, so the bytes are discarded.
  const hints = page.locator('.raw-editor .hints')
  await expect(hints).toContainText('O servidor responderia:')
  await expect(hints).toContainText('15 byte(s) que não iniciam um valor JSON foram descartados')
  await page.getByRole('button', { name: /^Enviar/ }).click()
  const first = page.getByRole('article', { name: /^Resposta 1,/ })
  await expect(first.locator('.badge')).toHaveText('400')
  await expect(first).toContainText('byte(s) que não iniciam um valor JSON foram descartados')
  await expect(page.getByRole('log')).toContainText('Bytes descartados')
  // One answer for the run, however long one waits (checked again below, with no clock).
  await expect(page.getByRole('article', { name: /^Resposta \d+,/ })).toHaveCount(1)
  await expect(connectionState(page)).toContainText('Conectado')
  await shot(page, 'garbage')
  // Another run, sent now, is answered after the same pause: a second answer to the first run would
  // come before it and take its number.
  await page.getByLabel('Texto exato que vai para o fio').fill('mais texto')
  await page.getByRole('button', { name: /^Enviar/ }).click()
  await expect(page.getByRole('article', { name: /^Resposta 2,/ })).toContainText(
    '10 byte(s) que não iniciam um valor JSON foram descartados',
  )
  // And nothing after it: the log follows the newest entry, so a third answer would be in view.
  await expect(page.getByRole('article', { name: /^Resposta 3,/ })).toHaveCount(0)

  // A value left open is waited for on the json port, not refused: the hint says so.
  await page.getByLabel('Texto exato que vai para o fio').fill('{"SERVIÇO": "Dados Pessoais",')
  await expect(hints).toContainText('O servidor ainda não responde')
  await shot(page, 'open-value-hint')
})

test('invalid JSON gets a 400 answer, the connection stays open, and a valid request works', async ({
  page,
  lab,
}) => {
  await connect(page, lab)
  await page.getByRole('button', { name: 'Vírgula sobrando' }).click()
  await expect(page.getByRole('tab', { name: 'Texto bruto' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(page.getByLabel('Texto exato que vai para o fio')).toHaveValue(/,}$/)
  await page.getByRole('button', { name: /^Enviar/ }).click()
  const first = page.getByRole('article', { name: /^Resposta 1,/ })
  await expect(first.locator('.badge')).toHaveText('400')
  await expect(first).toContainText('Mensagem não é um JSON válido')
  await expect(connectionState(page)).toContainText('Conectado')
  await shot(page, 'error-answer')

  const email = `e2e-${Date.now()}@escola.br`
  await page.getByRole('tab', { name: 'Formulário' }).click()
  await page.getByLabel('AÇÃO').selectOption('CRIAR USUARIO')
  await page.getByLabel('EMAIL_USUARIO').fill(email)
  await expect(page.getByLabel('Texto exato que vai para o fio')).toHaveValue(
    new RegExp(`"EMAIL_USUARIO": "${email.replace(/[.]/g, '\\.')}"}$`),
  )
  await page.keyboard.press('Control+Enter')
  const second = page.getByRole('article', { name: /^Resposta 2,/ })
  await expect(second.locator('.badge')).toHaveText('200')
  await expect(second).toContainText(`Novo usuário registrado com email:${email}`)
})

test('log filters hide chunks, copy puts hex on the clipboard, and the log survives a reload', async ({
  page,
  context,
  lab,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await connect(page, lab)
  await page.getByRole('button', { name: /^Enviar/ }).click()
  await expect(page.getByRole('article', { name: /^Resposta 1,/ })).toBeVisible()
  await page.getByRole('button', { name: 'Copiar o pedaço #1 como hex' }).click()
  await expect(page.getByText('Pedaço #1 copiado como hex.')).toBeVisible()
  // A string expression: the e2e tsconfig has Node's types, not the DOM's.
  expect(await page.evaluate('navigator.clipboard.readText()')).toMatch(/^7b 22 53 45 52 56 49/)

  await page.getByRole('button', { name: /^Pedaços/ }).click()
  await expect(page.getByRole('button', { name: /^Pedaços/ })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await expect(page.getByRole('article', { name: /pedaço #1,/ })).toHaveCount(0)
  await page.getByRole('button', { name: /^Pedaços/ }).click()
  await expect(page.getByRole('article', { name: /pedaço #1,/ })).toHaveCount(1)

  await page.reload()
  await expect(page.getByRole('log')).toContainText('Sessão anterior:')
  await expect(page.getByRole('article', { name: /^Resposta 1,/ })).toContainText('sessão anterior')
  await expect(connectionState(page)).toContainText('Desconectado')
})
