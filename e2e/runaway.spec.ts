// A student's runaway server: the log follows a flood live, a 64 KiB chunk opens a page at a time, huge files are refused.
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { startFloodServer, type FloodServer } from '../test-support/flood.ts'
import { connectionState, expect, startLab, stopLab, test, type Lab } from './fixtures.ts'

// What the log's visible box shows right now: rows inside it, and the newest answer drawn at all.
interface Sample {
  rowsInBox: number
  newestInBox: number
  newestDrawn: number
}

// Runs in the page (the e2e tsconfig has no DOM types, hence a string): rows' boxes against the log's.
const SAMPLE = `(() => {
  const log = document.querySelector('[role=log]')
  const box = log.getBoundingClientRect()
  const answer = (row) => Number(/^Resposta (\\d+),/.exec(row.querySelector('article')?.getAttribute('aria-label') ?? '')?.[1] ?? 0)
  const rows = [...log.querySelectorAll('.log-row')]
  const inBox = rows.filter((row) => {
    const r = row.getBoundingClientRect()
    return r.bottom > box.top + 1 && r.top < box.bottom - 1
  })
  return {
    rowsInBox: inBox.length,
    newestInBox: Math.max(0, ...inBox.map(answer)),
    newestDrawn: Math.max(0, ...rows.map(answer)),
  }
})()`

test.describe('a flooding server', () => {
  let flood: FloodServer
  let lab: Lab
  test.beforeEach(async () => {
    // Bounded: it stops by itself after 60 s or 400 MB, or when the page goes (the test's end).
    flood = await startFloodServer({ kind: 'json', bytes: 400e6, ms: 60_000 })
    const port = flood.port
    lab = await startLab({ allow: [{ host: '127.0.0.1', from: port, to: port, label: 'flood' }] })
  })
  test.afterEach(async () => {
    await stopLab(lab)
    await flood.close()
  })

  test('the newest answers stay in the log box while 1 KiB answers pour in', async ({ page }) => {
    await page.goto(lab.url)
    await page.getByLabel('Alvo').selectOption(`127.0.0.1:${flood.port}`)
    await page.getByRole('button', { name: 'Conectar' }).click()
    await expect(connectionState(page)).toContainText('Conectado')
    let flooding = true
    void flood.ended().then(() => (flooding = false))
    const sample = () => page.evaluate(SAMPLE) as Promise<Sample>
    let last = 0
    for (let i = 0; i < 4; i++) {
      let now: Sample = { rowsInBox: 0, newestInBox: 0, newestDrawn: 0 }
      // A newer answer than the last sample's, inside the box (the flood brings thousands a second).
      await expect
        .poll(async () => (now = await sample()).newestInBox, {
          message: `sample ${i}: a newer answer inside the log box`,
        })
        .toBeGreaterThan(last)
      // And it is the newest one drawn: the view is at the end, not behind it.
      expect(now.newestInBox, `sample ${i}`).toBe(now.newestDrawn)
      last = now.newestInBox
    }
    // Those samples were taken while it flooded: the server still has more to send.
    expect(flooding).toBe(true)
    await expect(page.getByRole('button', { name: 'Rolagem automática' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  })
})

test('a 64 KiB chunk opens a page of 1 KiB at a time, with a bounded number of elements', async ({
  page,
}) => {
  // A server that answers the connection with one 64 KiB write of answers, then stops by itself.
  const burst = await startFloodServer({ kind: 'burst', bytes: 65_536 })
  const lab = await startLab({
    allow: [{ host: '127.0.0.1', from: burst.port, to: burst.port, label: 'burst' }],
  })
  try {
    await page.goto(lab.url)
    await page.getByLabel('Alvo').selectOption(`127.0.0.1:${burst.port}`)
    await page.getByRole('button', { name: 'Conectar' }).click()
    await burst.ended()
    // Only chunks: the chunk's ~1,500 answers would otherwise be the newest rows.
    await page.getByRole('button', { name: /^Mensagens/ }).click()
    // TCP may hand the write over in a few reads: the test opens the biggest chunk, tens of KiB.
    const show = page.getByRole('button', { name: /^Mostrar os \d+ bytes$/ })
    await expect(show.first()).toBeVisible()
    const sizes = (await show.allInnerTexts()).map((label) => Number(/\d+/.exec(label)?.[0]))
    const size = Math.max(...sizes)
    expect(size).toBeGreaterThan(16_384)
    const n = sizes.indexOf(size)
    const name = (await show.nth(n).locator('xpath=ancestor::article').getAttribute('aria-label'))!
    const id = /pedaço #(\d+)/.exec(name)![1]
    const chunk = page.getByRole('article', { name: new RegExp(`pedaço #${id}, ${size} bytes`) })
    await chunk.getByRole('button', { name: `Mostrar os ${size} bytes` }).click()
    const pager = chunk.getByRole('group', { name: `Páginas do pedaço #${id}` })
    const total = size.toLocaleString('pt-BR')
    await expect(pager).toContainText(`bytes 0–1.023 de ${total}`)
    // About three elements a byte for a 1 KiB page (it was ~200,000 for a whole 64 KiB chunk at once).
    const elements = () => chunk.locator('*').count()
    expect(await elements()).toBeLessThan(4000)
    await pager.getByRole('button', { name: 'Próxima página' }).click()
    await expect(pager).toContainText(`bytes 1.024–2.047 de ${total}`)
    const pages = Math.ceil(size / 1024)
    await pager.getByLabel('Página').fill(String(pages))
    const first = ((pages - 1) * 1024).toLocaleString('pt-BR')
    await expect(pager).toContainText(
      `bytes ${first}–${(size - 1).toLocaleString('pt-BR')} de ${total}`,
    )
    await expect(pager.getByRole('button', { name: 'Próxima página' })).toBeDisabled()
    expect(await elements()).toBeLessThan(4000)
    await pager.getByRole('button', { name: 'Recolher' }).click()
    await expect(chunk.getByRole('button', { name: `Mostrar os ${size} bytes` })).toBeVisible()
  } finally {
    await stopLab(lab)
    await burst.close()
  }
})

test('a log file past the limit is refused unread, with its size and the limit', async ({
  page,
  lab,
}, testInfo) => {
  await page.goto(lab.url)
  // A sparse file: 100 MiB on paper, no disk or memory spent.
  const big = testInfo.outputPath('enorme.json')
  mkdirSync(dirname(big), { recursive: true })
  writeFileSync(big, '')
  truncateSync(big, 100 * 1024 * 1024)
  const input = page.getByLabel('Importar um registro exportado')
  await input.setInputFiles(big)
  await expect(page.getByRole('alert')).toContainText(
    'Não foi possível importar enorme.json: o arquivo tem 100 MiB; esta página importa registros de até 64 MiB.',
  )
  await page.getByRole('button', { name: 'Fechar' }).click()
  await input.setInputFiles({
    name: 'texto.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "wire-lab-log", "version": "1", "panes": []}'),
  })
  await expect(page.getByRole('alert')).toContainText(
    'a versão do formato está escrita como texto ("1"); esta página lê a versão 1, escrita como o número 1.',
  )
})
