// The first screen's weight: what a student's browser downloads before opening any mode.
import { fileURLToPath } from 'node:url'
import { firstScreen } from '../scripts/first-screen.ts'
import { expect, test } from './fixtures.ts'

const dist = fileURLToPath(new URL('../dist', import.meta.url))

test("the first screen's JavaScript is at most 100 KB gzip, and no mode's code or strings come with it", async ({
  page,
  lab,
}) => {
  const files = firstScreen(dist)
  const js = files.filter((f) => f.path.endsWith('.js'))
  const gzip = js.reduce((n, f) => n + f.gzip, 0)
  expect(gzip, js.map((f) => `${f.path} ${f.gzip}`).join('\n')).toBeLessThanOrEqual(100_000)

  // What Chromium really fetches on the first screen: those files, no mode and no English.
  const scripts: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.slice(1))
  })
  await page.goto(lab.url)
  await expect(page.getByRole('button', { name: 'Conectar' })).toBeVisible()
  for (const f of js) expect(scripts).toContain(f.path)
  const early = scripts.filter((s) => !js.some((f) => f.path === s))
  // Only the paused log's virtual list may come early: it is prefetched when the page is idle.
  expect(early.filter((s) => !/^assets\/VirtualRows-/.test(s))).toEqual([])

  // The tour's code and its Portuguese strings arrive when it opens, and it reads in Portuguese.
  await page.getByRole('tab', { name: 'Tour guiado' }).click()
  await expect(page.getByRole('navigation', { name: 'Passos do tour' })).toBeVisible()
  await expect(page.getByText('Passo 1 de 5')).toBeVisible()
  await expect(page.getByRole('tabpanel')).not.toContainText('undefined')
  expect(scripts.length).toBeGreaterThan(js.length + early.length)
})
