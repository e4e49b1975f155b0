// Screenshots of every mode at projector and desktop sizes, for a person to look at (`npm run shots`).
import type { Page } from '@playwright/test'
import { connectPane, expect, test } from './fixtures.ts'

const DIR = process.env.SHOTS_DIR ?? '/tmp/wire-lab-shots/projector'

const SIZES = [
  { name: '1024x768-large', width: 1024, height: 768, large: true },
  { name: '1280x720', width: 1280, height: 720, large: false },
  { name: '1920x1080', width: 1920, height: 1080, large: false },
] as const

type Size = (typeof SIZES)[number]

async function open(page: Page, url: string, size: Size, hash = '') {
  await page.setViewportSize({ width: size.width, height: size.height })
  await page.goto(`${url}${hash}`)
  if (size.large) await page.getByRole('button', { name: 'Texto grande' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-size', size.large ? 'large' : 'normal')
}

const save = (page: Page, size: Size, what: string) =>
  page.screenshot({ path: `${DIR}/${size.name}-${what}.png` })

for (const size of SIZES) {
  test(`@shots playground, one client, ${size.name}`, async ({ page, lab }) => {
    await open(page, lab.url, size)
    await save(page, size, '1-playground-idle')
    const a = page.locator('.pane-a')
    await connectPane(a, lab)
    await page.getByRole('button', { name: /^Enviar/ }).click()
    await expect(page.getByRole('article', { name: /^Resposta 1,/ })).toBeInViewport()
    await save(page, size, '2-playground-sent')
    // A term's tip, opened from the keyboard, and the log's legend.
    await page.getByRole('button', { name: 'O que termina uma mensagem?' }).focus()
    await expect(page.getByRole('tooltip')).toBeVisible()
    await save(page, size, '2b-framing-tip')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('tooltip')).toBeHidden()
    await page.getByRole('button', { name: /^Legenda/ }).click()
    await expect(page.getByRole('dialog', { name: 'Como ler o registro' })).toBeVisible()
    await save(page, size, '2c-legend')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'English' }).click()
    await save(page, size, '2d-english')
  })

  test(`@shots playground, two clients, ${size.name}`, async ({ page, lab }) => {
    await open(page, lab.url, size)
    await page.getByRole('button', { name: 'Adicionar cliente' }).click()
    const a = page.getByRole('region', { name: 'Cliente A' })
    const b = page.getByRole('region', { name: 'Cliente B' })
    await connectPane(a, lab)
    await connectPane(b, lab)
    const email = `shot-${Date.now()}@escola.br`
    await a.getByLabel('AÇÃO').selectOption('CRIAR USUARIO')
    await a.getByLabel('EMAIL_USUARIO').fill(email)
    await a.getByRole('button', { name: /^Enviar/ }).click()
    await expect(a.getByRole('article', { name: /^Resposta 1,/ })).toBeAttached()
    await b.getByLabel('EMAIL_USUARIO').fill(email)
    await b.getByRole('button', { name: /^Enviar/ }).click()
    for (const pane of [a, b]) {
      const answer = pane.getByRole('article', { name: /^Resposta 1,/ })
      await expect(answer.locator('.badge')).toBeInViewport({ ratio: 1 })
    }
    await save(page, size, '3-two-clients')
  })

  test(`@shots tour, framing lab and bot menu, ${size.name}`, async ({ page, lab }) => {
    await open(page, lab.url, size, '#tour')
    await page.getByRole('button', { name: /^Experimente/ }).click()
    await expect(page.getByRole('button', { name: /Experimente de novo/ })).toBeVisible()
    await save(page, size, '4-tour')

    await page.getByRole('tab', { name: 'Laboratório de framing' }).click()
    await save(page, size, '5-framing-before-run')
    await page.getByRole('button', { name: 'Executar', exact: true }).click()
    await expect(page.getByText('1 mensagem enviada, 3 respostas de erro')).toBeAttached()
    // Run scrolls the columns into view (smoothly): wait until they are in view and still.
    const json = page.getByRole('region', { name: /^json / })
    await expect(json).toBeInViewport()
    let y = -1
    await expect
      .poll(async () => {
        const was = y
        y = (await json.boundingBox())?.y ?? -1
        return y === was
      })
      .toBe(true)
    await save(page, size, '6-framing-after-run')

    await page.getByRole('tab', { name: 'Menu do bot' }).click()
    const bot = page.getByRole('region', { name: 'Menu do bot' })
    await bot.getByLabel('Email do usuário').fill(`bot-${Date.now()}@escola.br`)
    await bot.getByRole('button', { name: 'Entrar' }).click()
    await expect(bot.getByRole('button', { name: 'Criar usuário' })).toBeVisible()
    await save(page, size, '7-bot')
  })
}
