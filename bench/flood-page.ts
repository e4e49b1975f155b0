// One measured run of bench:flood: a build of the page in a fresh Chromium, connected to a flooding server.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { CHROMIUM } from '../test-support/chromium.ts'
import { newTeacherKey, loopbackStack, startStack } from '../cli/stack.ts'
import { startFloodServer, type FloodOptions } from '../test-support/flood.ts'

/** What one run measured; times in ms, sizes in bytes. */
export interface Figures {
  /** Click-to-frame latencies of every click made during the flood. */
  clicks: number[]
  /** Largest JS heap (used, plus ArrayBuffer backing stores) and renderer RSS seen. */
  heap: number
  rss: number
  /** Samples of the log taken, and how many had a row inside its visible box. */
  samples: number
  rowsInView: number
  /** Bytes the server managed to write (the page's reading pace sets it). */
  sent: number
  /** Chunk runs only: the chunk's size, its click-to-frame time, and the elements it added. */
  chunk?: { bytes: number; ms: number; elements: number }
}

// In the page (no DOM types in the node tsconfig, hence strings). Each click's latency: from the
// click event's timestamp (when the input reached the page) to the next animation frame's callbacks,
// which run only after every handler of the click has run and before that frame is painted.
const INSTALL = `void (window.__clicks = [], window.addEventListener('click', (e) => {
  const t0 = e.timeStamp
  requestAnimationFrame(() => window.__clicks.push(performance.now() - t0))
}, true))`
const ROWS_IN_VIEW = `(() => {
  const log = document.querySelector('[role=log]')
  const box = log.getBoundingClientRect()
  return [...log.querySelectorAll('.log-row')].some((row) => {
    const r = row.getBoundingClientRect()
    return r.bottom > box.top + 1 && r.top < box.bottom - 1
  })
})()`
const ELEMENTS = `document.getElementsByTagName('*').length`

async function rendererRss(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession()
  const info = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[]
  }
  await session.detach()
  let max = 0
  for (const p of info.processInfo.filter((p) => p.type === 'renderer')) {
    const status = await readFile(`/proc/${p.id}/status`, 'utf8').catch(() => '')
    max = Math.max(max, Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024)
  }
  return max
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  const heap = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number
    backingStorageSize?: number
  }
  return heap.usedSize + (heap.backingStorageSize ?? 0)
}

// Opens the largest chunk in the log ("Mostrar os N bytes") and times it as a click.
async function openChunk(page: Page): Promise<NonNullable<Figures['chunk']>> {
  // Only chunks: the answers that follow would otherwise be the newest rows.
  await page.getByRole('button', { name: /^Mensagens/ }).click()
  const show = page.getByRole('button', { name: /^Mostrar os \d+ bytes$/ })
  await show.first().waitFor({ timeout: 60_000 })
  const labels = await show.allInnerTexts()
  const sizes = labels.map((l) => Number(/\d+/.exec(l)?.[0]))
  const biggest = sizes.indexOf(Math.max(...sizes))
  const before = (await page.evaluate(ELEMENTS)) as number
  const clicks = ((await page.evaluate('window.__clicks.length')) as number) + 1
  await show.nth(biggest).click({ timeout: 120_000 })
  await page.waitForFunction(`window.__clicks.length >= ${clicks}`, null, { timeout: 120_000 })
  const ms = (await page.evaluate('window.__clicks.at(-1)')) as number
  const elements = ((await page.evaluate(ELEMENTS)) as number) - before
  return { bytes: sizes[biggest]!, ms, elements }
}

/** Serves `dist` with a bridge allowing one flooding server, floods a fresh page for `seconds`, and measures. */
export async function floodRun(
  dist: string,
  flood: FloodOptions,
  seconds: number,
  chunk = false,
): Promise<Figures> {
  const server = await startFloodServer(flood)
  const lab = await startStack(
    loopbackStack(newTeacherKey(), {
      allow: [{ host: '127.0.0.1', from: server.port, to: server.port, label: 'flood' }],
      staticDir: dist,
    }),
  )
  const browser = await chromium.launch(CHROMIUM)
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const cdp = await page.context().newCDPSession(page)
    await page.goto(lab.bridge.url)
    await page.evaluate(INSTALL)
    await page.getByLabel('Alvo').selectOption(`127.0.0.1:${server.port}`)
    await page.getByRole('button', { name: 'Conectar' }).click()
    const figures: Figures = { clicks: [], heap: 0, rss: 0, samples: 0, rowsInView: 0, sent: 0 }
    const end = Date.now() + seconds * 1000
    const sampler = (async () => {
      while (Date.now() < end) {
        figures.heap = Math.max(figures.heap, await heapUsed(cdp))
        figures.rss = Math.max(figures.rss, await rendererRss(browser))
        figures.samples++
        if (await page.evaluate(ROWS_IN_VIEW)) figures.rowsInView++
        await new Promise((r) => setTimeout(r, 1000))
      }
    })()
    if (chunk) {
      await server.ended()
      figures.chunk = await openChunk(page)
    } else {
      // A person clicking a filter (Enviados: nothing is sent in a flood) four times a second.
      const box = await page.getByRole('button', { name: /^Enviados/ }).boundingBox()
      if (!box) throw new Error('no Enviados button')
      while (Date.now() < end) {
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    await sampler
    figures.clicks = (await page.evaluate('window.__clicks')) as number[]
    figures.sent = server.sent()
    return figures
  } finally {
    await browser.close()
    await lab.stop()
    await server.close()
  }
}
