// The page on a classroom projector (1024x768, large text) and a small laptop (1280x720), in both
// languages: nothing cut, the answers in view without scrolling, the framing lab's four columns in a row.
import type { Locator, Page } from '@playwright/test'
import { connectionState, expect, test, type Lab } from './fixtures.ts'
import { clippedControls, overlappingLabels, pageScroll } from './layout.ts'

const SIZES = [
  { name: '1024x768 large text', width: 1024, height: 768, large: true },
  { name: '1280x720', width: 1280, height: 720, large: false },
] as const
type Size = (typeof SIZES)[number]

const WORDS = {
  pt: {
    lang: 'Português',
    large: 'Texto grande',
    target: 'Alvo',
    connect: 'Conectar',
    connected: 'Conectado',
    send: /^Enviar/,
    response: (n: number) => new RegExp(`^Resposta ${n},`),
    addClient: 'Adicionar cliente',
    client: (name: string) => `Cliente ${name}`,
    framingLab: 'Laboratório de framing',
    run: 'Executar',
    verdict: /enviada/,
  },
  en: {
    lang: 'English',
    large: 'Large text',
    target: 'Target',
    connect: 'Connect',
    connected: 'Connected',
    send: /^Send/,
    response: (n: number) => new RegExp(`^Response ${n},`),
    addClient: 'Add client',
    client: (name: string) => `Client ${name}`,
    framingLab: 'Framing lab',
    run: 'Run',
    verdict: / sent/,
  },
} as const
type Lang = keyof typeof WORDS

// Opens the page at `size` in `lang`, with large text when the size asks for it.
async function open(page: Page, lab: Lab, size: Size, lang: Lang, hash = '') {
  await page.setViewportSize({ width: size.width, height: size.height })
  await page.goto(`${lab.url}${hash}`)
  const w = WORDS[lang]
  await page.getByRole('button', { name: w.lang }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', lang === 'pt' ? 'pt-BR' : 'en')
  if (size.large) await page.getByRole('button', { name: w.large }).click()
  await expect(page.locator('html')).toHaveAttribute('data-size', size.large ? 'large' : 'normal')
  return w
}

async function connectTo(scope: Page | Locator, lab: Lab, lang: Lang) {
  const w = WORDS[lang]
  await scope
    .getByLabel(w.target, { exact: true })
    .selectOption(`127.0.0.1:${lab.server.ports.json}`)
  await scope.getByRole('button', { name: w.connect, exact: true }).click()
  await expect(connectionState(scope)).toContainText(w.connected)
}

// Nothing cut and nothing run together in the connection bars and the request forms.
async function expectReadable(page: Page) {
  const scope = '.connection-bar, .request-form'
  expect(await clippedControls(page, scope)).toEqual([])
  expect(await overlappingLabels(page, scope)).toEqual([])
}

for (const size of SIZES) {
  for (const lang of ['pt', 'en'] as const) {
    test(`one client at ${size.name} (${lang}): every value readable, the answer in view`, async ({
      page,
      lab,
    }) => {
      const w = await open(page, lab, size, lang)
      await expectReadable(page)
      // The longest values the form offers: MODIFICAR with its two extra fields, a long email.
      await page.getByLabel('AÇÃO').selectOption('MODIFICAR USUARIO')
      await page.getByLabel('CAMPO').selectOption('Endereço')
      await page.getByLabel('EMAIL_USUARIO').fill('maria.aparecida.souza@escola.br')
      await page.getByLabel('VALOR').fill('Rua das Laranjeiras, 1200')
      await expectReadable(page)
      await page.getByLabel('AÇÃO').selectOption('CONSULTAR USUARIO')
      await connectTo(page, lab, lang)
      await expectReadable(page)
      await page.getByRole('button', { name: w.send }).click()
      const answer = page.getByRole('article', { name: w.response(1) })
      await expect(answer.locator('.badge')).toBeInViewport({ ratio: 1 })
      expect(await pageScroll(page)).toBe(0)
    })

    test(`two clients at ${size.name} (${lang}): both newest answers in view`, async ({
      page,
      lab,
    }) => {
      const w = await open(page, lab, size, lang)
      await page.getByRole('button', { name: w.addClient }).click()
      const a = page.getByRole('region', { name: w.client('A') })
      const b = page.getByRole('region', { name: w.client('B') })
      await expect(b).toBeVisible()
      await expectReadable(page)
      await connectTo(a, lab, lang)
      await connectTo(b, lab, lang)
      await expectReadable(page)
      // One creates, the other reads.
      const email = `proj-${lang}-${size.width}-${Date.now()}@escola.br`
      await a.getByLabel('AÇÃO').selectOption('CRIAR USUARIO')
      await a.getByLabel('EMAIL_USUARIO').fill(email)
      await a.getByRole('button', { name: w.send }).click()
      await b.getByLabel('EMAIL_USUARIO').fill(email)
      await b.getByRole('button', { name: w.send }).click()
      await expect(b.getByRole('table').getByRole('cell').last()).toHaveText(email)
      for (const pane of [a, b]) {
        const answer = pane.getByRole('article', { name: w.response(1) })
        await expect(answer.locator('.badge')).toBeInViewport({ ratio: 1 })
      }
      await expect(b.getByRole('table').getByRole('cell').last()).toBeInViewport()
      expect(await pageScroll(page)).toBe(0)
    })

    test(`framing lab at ${size.name} (${lang}): Run brings the four columns into view, in one row`, async ({
      page,
      lab,
    }) => {
      const w = await open(page, lab, size, lang, '#framing')
      await page.getByRole('tab', { name: w.framingLab }).click()
      const columns = page.getByRole('region', { name: /^(json|ndjson|length|naive) / })
      await expect(columns).toHaveCount(4)
      const tops = await columns.evaluateAll((els) =>
        els.map((el) => Math.round(el.getBoundingClientRect().top)),
      )
      expect(new Set(tops).size, `column tops ${tops.join(', ')}`).toBe(1)
      await page.getByRole('button', { name: w.run, exact: true }).click()
      for (let i = 0; i < 4; i++) {
        const verdict = columns.nth(i).locator('.verdict-line')
        await expect(verdict).toContainText(w.verdict)
        await expect(verdict).toBeInViewport()
      }
      // naive, the one that fails, is the last column of the same row.
      const naive = page.getByRole('region', { name: /^naive / })
      await expect(naive.locator('.verdict-bad')).toBeInViewport()
    })
  }
}
