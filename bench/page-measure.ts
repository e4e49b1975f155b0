// bench:page's measurements of one running wire-lab in Chromium: bytes on the wire, time to an answer.
import type { Browser, CDPSession, Page } from '@playwright/test'

/** One page load as Chromium's network saw it. */
export interface Load {
  /** Bytes received, headers included (CDP `encodedDataLength`), summed over every request. */
  bytes: number
  /** Requests answered by the server (304s included); those the cache answered cost 0 bytes. */
  requests: number
  /** Content-Encoding of each 200 answer with a body ('identity' when none), by URL. */
  encodings: Map<string, string>
}

/** A first visit and a reload, in one fresh browser context. */
export interface Visit {
  first: Load
  reload: Load
}

/** Sums what the network delivers from now until `done()`. */
function tally(cdp: CDPSession): { done(): Load } {
  const load: Load = { bytes: 0, requests: 0, encodings: new Map() }
  const urls = new Map<string, string>()
  const onResponse = (e: {
    requestId: string
    response: { url: string; status: number; headers: Record<string, string> }
  }) => {
    if (e.response.status !== 200) return
    const header = Object.entries(e.response.headers).find(
      ([name]) => name.toLowerCase() === 'content-encoding',
    )
    urls.set(e.requestId, e.response.url)
    load.encodings.set(e.response.url, header?.[1] ?? 'identity')
  }
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    // A cache hit finishes too, having received nothing.
    if (e.encodedDataLength <= 0) {
      const url = urls.get(e.requestId)
      if (url !== undefined) load.encodings.delete(url)
      return
    }
    load.bytes += e.encodedDataLength
    load.requests++
  }
  cdp.on('Network.responseReceived', onResponse)
  cdp.on('Network.loadingFinished', onFinished)
  return {
    done() {
      cdp.off('Network.responseReceived', onResponse)
      cdp.off('Network.loadingFinished', onFinished)
      return load
    },
  }
}

/** Resolves when the page can be used: its "Conectar" button shows and the network is quiet. */
async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Conectar' }).waitFor({ state: 'visible' })
  await page.waitForLoadState('networkidle')
}

/**
 * Opens `url` in a fresh context whose requests say `Accept-Encoding: encoding` (set through CDP,
 * as a page cannot), waits until it is ready, reloads it and waits again, counting bytes each time.
 */
export async function visit(browser: Browser, url: string, encoding: string): Promise<Visit> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } })
    let load = tally(cdp)
    await page.goto(url)
    await ready(page)
    const first = load.done()
    load = tally(cdp)
    await page.reload()
    await ready(page)
    return { first, reload: load.done() }
  } finally {
    await context.close()
  }
}

/**
 * Milliseconds from navigating a fresh context to `url` until the first answer card shows: connect,
 * wait for "Conectado", send the form's default request, wait for "Resposta 1".
 */
export async function firstAnswerMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const t0 = performance.now()
    await page.goto(url)
    await page.getByRole('button', { name: 'Conectar' }).click()
    // Case-sensitive, so "Desconectado" does not count.
    await page
      .getByRole('status', { name: 'Estado da conexão' })
      .filter({ hasText: /Conectado/ })
      .waitFor()
    await page.getByRole('button', { name: /^Enviar/ }).click()
    await page.getByRole('article', { name: /^Resposta 1,/ }).waitFor({ state: 'visible' })
    return performance.now() - t0
  } finally {
    await context.close()
  }
}
