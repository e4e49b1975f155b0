// The log at scale: 100k entries appended as a fast stream would, then scrolled; prints the figures.
import { expect, test } from './fixtures.ts'

interface Fill {
  appendMs: number
  renderMs: number
  entries: number
}
interface Frames {
  frames: number
  p50: number
  p95: number
  max: number
}

test(
  'a 100k-entry log fills, scrolls at a usable frame rate, and every entry can be reached',
  {
    tag: '@scale',
  },
  async ({ page, lab }, testInfo) => {
    test.setTimeout(120_000)
    await page.goto(`${lab.url}?test-hooks`)
    const log = page.getByRole('log')
    await expect(log).toContainText('Nada ainda')
    // The hooks run in the page; the e2e tsconfig has no DOM types, hence the string expressions.
    const fill = (await page.evaluate(`window.wireLab.fillLog('A', 100000)`)) as Fill
    expect(fill.entries).toBe(100_000)
    await expect(page.getByRole('button', { name: /^Eventos/ })).toContainText('2042')
    await page.getByRole('button', { name: 'Rolagem automática' }).click()
    const scroll = async (step: number | string) =>
      (await page.evaluate(`window.wireLab.scrollLog('A', 240, ${JSON.stringify(step)})`)) as Frames
    const up = await scroll(-400)
    const down = await scroll(400)
    const fling = await scroll(100)
    const jumps = await scroll('jump')
    const line = (what: string, f: Frames) =>
      `${what}, ${f.frames} frames: p50 ${f.p50} ms, p95 ${f.p95} ms, max ${f.max} ms`
    const report = [
      `append 100000 entries: ${fill.appendMs} ms (+ ${fill.renderMs} ms to the next painted frame)`,
      line('scroll up from the newest entry, 400 px/frame', up),
      line('scroll down from the oldest entry, 400 px/frame', down),
      line('scroll down from the oldest entry, 100 px/frame', fling),
      line('jump to a random place every frame', jumps),
    ]
    console.log(`\n[log-scale]\n  ${report.join('\n  ')}\n`)
    for (const figure of report) testInfo.annotations.push({ type: 'figure', description: figure })

    // Generous bounds only: this machine is shared, and the figures above are what to read.
    expect(fill.appendMs).toBeLessThan(20_000)
    for (const f of [up, down, fling, jumps]) expect(f.p50).toBeLessThan(250)

    await log.press('Home')
    await expect(log).toContainText('Nova conexão com 127.0.0.1:3213 (framing json)')
    await log.press('End')
    await expect(page.getByRole('article', { name: /^Resposta 24489,/ })).toBeInViewport()
  },
)
