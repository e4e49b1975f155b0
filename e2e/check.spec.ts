// The checker end to end: deliberately broken Python servers behind the bridge, checked in the page.
import type { Page } from '@playwright/test'
import { startPython, type PythonServer } from '../conformance/python-server.ts'
import { expect, shot, startLab, stopLab, test, type Lab } from './fixtures.ts'

/** A framed.py server making one mistake, allowed by a lab of its own under a student's name. */
async function studentLab(
  mistake: string,
  label: string,
): Promise<{ lab: Lab; python: PythonServer; port: number }> {
  const python = await startPython('framed.py', ['--mistake', mistake], ['framed'])
  const port = python.ports.framed!
  const lab = await startLab({
    allow: [{ host: '127.0.0.1', from: port, to: port, framing: 'ndjson', label }],
  }).catch(async (err: unknown) => {
    await python.stop()
    throw err
  })
  return { lab, python, port }
}

async function openChecker(page: Page, lab: Lab, option: string) {
  await page.goto(`${lab.url}#check`)
  await page.getByRole('combobox', { name: 'Servidor' }).selectOption({ label: option })
}

// The opened part of a case row (the row's button controls it).
async function bodyOf(page: Page, row: ReturnType<Page['getByRole']>) {
  return page.locator(`#${await row.getAttribute('aria-controls')}`)
}

test('compact separators: the failed case, its byte diff and its sentence, by keyboard, in pt and en', async ({
  page,
}) => {
  const { lab, python, port } = await studentLab('compact', 'Ana')
  try {
    await openChecker(page, lab, `127.0.0.1:${port} — Ana (ndjson)`)
    // The allow-list entry says ndjson, so the framing follows it.
    await expect(page.getByRole('combobox', { name: 'Framing' })).toHaveValue('ndjson')
    await expect(page.getByRole('radio', { name: 'O nível da aula' })).toBeChecked()

    // From the server select: framing, level, codes, then Run; Enter runs.
    await page.getByRole('combobox', { name: 'Servidor' }).focus()
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab')
    const run = page.getByRole('button', { name: 'Executar' })
    await expect(run).toBeFocused()
    await page.keyboard.press('Enter')
    const results = page.getByRole('region', { name: /^Result/ })
    await expect(results.getByRole('heading', { name: 'O nível da aula: 0/23' })).toBeVisible()
    await expect(results.getByRole('status')).toContainText('23 casos executados')

    // The row by its case id, the same in both languages.
    const row = results.getByRole('button', { name: / check-1 / })
    await expect(row).toHaveAccessibleName('Linha 1: sem SERVIÇO check-1 falhou')
    await expect(row).toHaveAttribute('aria-expanded', 'false')
    await row.focus()
    await page.keyboard.press('Enter')
    await expect(row).toHaveAttribute('aria-expanded', 'true')
    await page.keyboard.press(' ')
    await expect(row).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('Enter')

    const body = await bodyOf(page, row)
    await expect(body.getByRole('listitem').first()).toHaveText(
      'Sua resposta usa , e : sem espaço; o json.dumps escreve ,  e : ',
    )
    await expect(body).toContainText('passo 1 de 2, conexão 1')
    const diff = body.getByRole('table')
    await expect(diff.locator('caption')).toHaveText('primeiro byte diferente: 18')
    // The first differing byte: json.dumps's space against the student's quote, as text and as hex.
    await expect(diff.getByRole('row', { name: /^texto/ }).locator('mark')).toHaveText([' ', '"'])
    await expect(diff.getByRole('row', { name: /^hex/ }).locator('mark')).toHaveText(['20', '22'])
    await expect(diff.getByRole('cell').nth(1)).toContainText('{"CODIGO DE ERRO": "404"')
    await expect(diff.getByRole('cell').nth(2)).toContainText('{"CODIGO DE ERRO":"404"')

    // Re-run this one case (Tab from the row reaches its button).
    await page.keyboard.press('Tab')
    const again = body.getByRole('button', { name: 'Repetir este caso' })
    await expect(again).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(results.getByRole('status')).toContainText('O caso foi executado de novo.')
    await expect(row).toHaveAccessibleName(/falhou$/)

    await page.getByRole('button', { name: 'English' }).click()
    await expect(results.getByRole('heading', { name: "The lesson's level: 0/23" })).toBeVisible()
    await expect(row).toHaveAccessibleName('Row 1: no SERVIÇO check-1 failed')
    await expect(body.getByRole('listitem').first()).toHaveText(
      'Your answer uses , and : without spaces; json.dumps writes ,  and : ',
    )
    await expect(diff.locator('caption')).toHaveText('first differing byte: 18')

    await page.setViewportSize({ width: 1920, height: 1080 })
    await row.scrollIntoViewIfNeeded()
    await shot(page, 'check-failed-1920')
    await page.setViewportSize({ width: 1024, height: 768 })
    await page.getByRole('button', { name: 'Large text' }).click()
    await results
      .getByRole('heading', { name: "The lesson's level: 0/23" })
      .evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(page, 'check-failed-1024-large')
    await page.getByRole('button', { name: 'Dark theme' }).click()
    await page.getByRole('heading', { name: 'Check a server' }).scrollIntoViewIfNeeded()
    await shot(page, 'check-top-1024-large-dark')
  } finally {
    await stopLab(lab)
    await python.stop()
  }
})

test('a server that dies on invalid JSON: the run stops with that sentence, the rest not run', async ({
  page,
}) => {
  const { lab, python, port } = await studentLab('exit-on-invalid-json', 'Bia')
  try {
    await openChecker(page, lab, `127.0.0.1:${port} — Bia (ndjson)`)
    await page.getByRole('radio', { name: /^Todos os casos/ }).check()
    await page.getByRole('button', { name: 'Executar' }).click()
    const results = page.getByRole('region', { name: /^Result/ })
    await expect(results.getByRole('alert')).toHaveText(
      /^A execução parou: o servidor parou de responder depois do caso \d+ \(bad-invalid-json\): ele caiu com JSON inválido \(\{not json\}\)\?$/,
    )
    await expect(page.getByRole('button', { name: 'Executar' })).toBeEnabled()
    await expect(results.getByRole('heading', { name: 'O nível da aula: 23/23' })).toBeVisible()
    await expect(
      results.getByRole('heading', { name: 'Além da aula: 9/13 (3 não executado)' }),
    ).toBeVisible()
    await expect(results.getByRole('button', { name: /não executado$/ })).toHaveCount(3)
    const crashed = results.getByRole('button', { name: /bad-invalid-json falhou$/ })
    await crashed.click()
    await crashed.scrollIntoViewIfNeeded()
    await shot(page, 'check-stopped')
    await expect(await bodyOf(page, crashed)).toContainText(
      'A conexão fechou depois de JSON inválido ({not json}): o servidor da aula cai aí',
    )
  } finally {
    await stopLab(lab)
    await python.stop()
  }
})

test('the bundled server passes the lesson level; Stop ends a run between cases', async ({
  page,
  lab,
}) => {
  await openChecker(page, lab, `127.0.0.1:${lab.server.ports.json} — json`)
  await expect(page.getByRole('combobox', { name: 'Framing' })).toHaveValue('json')
  await page.getByRole('button', { name: 'Executar' }).click()
  const results = page.getByRole('region', { name: /^Result/ })
  await expect(results.getByRole('heading', { name: 'O nível da aula: 23/23' })).toBeVisible()
  await expect(results.getByRole('status')).toContainText('Todos os casos executados passaram.')
  await expect(results.getByRole('button', { name: /falhou$/ })).toHaveCount(0)

  await page.getByRole('radio', { name: /^Todos os casos/ }).check()
  await page.getByRole('button', { name: 'Executar' }).click()
  await page.getByRole('button', { name: 'Parar' }).click()
  await expect(results.getByRole('alert')).toHaveText(
    'A execução parou: a execução foi interrompida',
  )
  await expect(page.getByRole('button', { name: 'Executar' })).toBeEnabled()
  await expect(results.getByRole('button', { name: /não executado$/ }).first()).toBeVisible()
})
