// The bot menu end to end: create a user, change Telefone, rename Email, and find the record under it.
import { expect, shot, startRangeLab, stopRangeLab, test } from './fixtures.ts'

test('the bot creates a user, changes Telefone and follows the record to a new Email', async ({
  page,
  lab,
}) => {
  const stamp = Date.now()
  const email = `bot-${stamp}@escola.br`
  const renamed = `novo-${stamp}@escola.br`
  await page.goto(`${lab.url}#bot`)
  const bot = page.getByRole('region', { name: 'Menu do bot' })

  await bot.getByLabel('Email do usuário').fill(email)
  await bot.getByRole('button', { name: 'Entrar' }).click()
  await expect(bot.getByText(`Não encontrei ${email}. Quer criar esse usuário?`)).toBeVisible()
  await expect(bot.getByText(`Usuário não registrado:${email}`)).toBeVisible()
  await expect(bot.getByRole('button', { name: 'Criar usuário' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(bot.getByText(`Dados Pessoais de ${email}. Qual campo?`)).toBeVisible()
  await expect(bot.getByText(`Novo usuário registrado com email:${email}`)).toBeVisible()

  await bot.getByRole('button', { name: /^Telefone/ }).click()
  await expect(bot.getByText('Telefone atual:')).toBeVisible()
  await expect(bot.getByRole('button', { name: 'Modificar' })).toBeFocused()
  await page.keyboard.press('Enter')
  const phone = bot.getByLabel('Novo valor de Telefone:')
  await expect(phone).toBeFocused()
  await phone.fill('3218181')
  await page.keyboard.press('Enter')
  await expect(
    bot.getByText(`Usuário ${email} teve o CAMPO:Telefone atualizado para o VALOR:3218181`),
  ).toBeVisible()
  await expect(bot.getByText('3218181', { exact: true })).toBeVisible()
  await shot(page, '6b-bot')

  await bot.getByRole('button', { name: /Voltar/ }).click()
  await expect(bot.getByRole('button', { name: /^Telefone/ })).toBeFocused()
  await expect(bot.getByRole('button', { name: /^Telefone/ })).toContainText('3218181')
  await bot.getByRole('button', { name: /^Email/ }).click()
  await bot.getByRole('button', { name: 'Modificar' }).click()
  await bot.getByLabel('Novo valor de Email:').fill(renamed)
  await bot.getByRole('button', { name: 'Confirmar' }).click()
  await expect(
    bot.getByText(`Usuário ${email} teve o CAMPO:Email atualizado para o VALOR:${renamed}`),
  ).toBeVisible()
  await expect(bot.getByText(`Usuário ${renamed}`)).toBeVisible()

  // A fresh CONSULTAR goes out under the new key and finds the whole record there.
  await bot.getByRole('button', { name: /Voltar/ }).click()
  await bot.getByRole('button', { name: /^Telefone/ }).click()
  await expect(bot.getByText('3218181', { exact: true })).toBeVisible()
  const log = page.getByRole('log', { name: 'Bytes dos pedidos e respostas do bot' })
  await expect(log.getByRole('article', { name: /^Pedido \d+,/ }).last()).toContainText(
    `EMAIL_USUARIO ${renamed}`,
  )
  const record = log.getByRole('table', { name: 'Registro do usuário' }).last()
  await expect(record.getByRole('cell')).toHaveText(['— (vazio)', '— (vazio)', '3218181', renamed])

  await page.getByRole('button', { name: 'Tema escuro' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await shot(page, '6b-bot-dark')
})

test('the bot speaks English, in large text, and shows a 404 plainly', async ({ page, lab }) => {
  const email = `nobody-${Date.now()}@escola.br`
  await page.goto(`${lab.url}#bot`)
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('button', { name: 'Large text' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-size', 'large')
  const bot = page.getByRole('region', { name: 'Bot menu' })
  await expect(bot.getByText('What is your email?')).toBeVisible()
  await bot.getByLabel("User's email").fill(email)
  await page.keyboard.press('Enter')
  await expect(bot.getByText(`I could not find ${email}. Create this user?`)).toBeVisible()
  await expect(bot.getByText(`Usuário não registrado:${email}`)).toBeVisible()
  await expect(bot.getByRole('button', { name: 'Create user' })).toBeFocused()
  await expect(page.getByRole('img', { name: 'Menu diagram' })).toBeVisible()
  await shot(page, '6b-bot-large-en')
})

test("the bot talks to a student's own server on a port typed inside an allowed range", async ({
  page,
}) => {
  const lab = await startRangeLab('json')
  try {
    const { from, to } = lab.range
    const email = `own-${Date.now()}@escola.br`
    await page.goto(`${lab.url}#bot`)
    const bot = page.getByRole('region', { name: 'Menu do bot' })
    await bot.getByLabel('Servidor', { exact: true }).selectOption(`127.0.0.1:${from}-${to}`)
    const port = bot.getByLabel('Porta', { exact: true })
    await expect(port).toHaveValue(String(from))
    await expect(bot.getByText(`de ${from} a ${to}`, { exact: true })).toBeVisible()

    await port.fill(String(to + 1))
    await expect(port).toHaveAttribute('aria-invalid', 'true')
    await expect(bot.getByText(`Escolha uma porta de ${from} a ${to}.`)).toBeVisible()
    await bot.getByLabel('Email do usuário').fill(email)
    await bot.getByRole('button', { name: 'Entrar' }).click()
    await expect(
      bot.getByText('Escolha um servidor com uma porta válida antes de continuar.'),
    ).toBeVisible()
    await shot(page, '6b-bot-range-invalid')

    await port.fill(String(lab.ownPort))
    await expect(port).toHaveAttribute('aria-invalid', 'false')
    await bot.getByRole('button', { name: 'Entrar' }).click()
    await expect(bot.getByText(`Não encontrei ${email}. Quer criar esse usuário?`)).toBeVisible()
    await bot.getByRole('button', { name: 'Criar usuário' }).click()
    await expect(bot.getByText(`Novo usuário registrado com email:${email}`)).toBeVisible()
    // The user lives on the student's server, not on the bundled one.
    expect(lab.own.registry.has(email)).toBe(true)
    expect(lab.server.registry.has(email)).toBe(false)
    await shot(page, '6b-bot-range')

    await page.getByRole('button', { name: 'English' }).click()
    const botEn = page.getByRole('region', { name: 'Bot menu' })
    await expect(botEn.getByLabel('Port', { exact: true })).toHaveValue(String(lab.ownPort))
    await expect(botEn.getByText(`${from} to ${to}`, { exact: true })).toBeVisible()
    await botEn.getByLabel('Port', { exact: true }).fill('0')
    await expect(botEn.getByText(`Pick a port from ${from} to ${to}.`)).toBeVisible()
    await shot(page, '6b-bot-range-en')
  } finally {
    await stopRangeLab(lab)
  }
})
