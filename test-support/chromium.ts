// How every test, bench and check here starts a browser: Debian's Chromium, headless, no downloads.

/**
 * Launch options for Playwright's `chromium.launch`: `npx playwright install` cannot download a
 * browser on these machines, so Debian's package is the browser, with flags that keep it quiet.
 */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
}
