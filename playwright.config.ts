// Playwright: the page end to end, against the real server and bridge, in Debian's Chromium.
import { defineConfig } from '@playwright/test'
import { CHROMIUM } from './test-support/chromium.ts'

export default defineConfig({
  testDir: 'e2e',
  // The @scale tests measure rather than check and take most of a minute: `npm run bench:log` runs them.
  // The @shots tests only take screenshots for a person to look at: `npm run shots` runs them.
  grepInvert: /@scale|@shots/,
  forbidOnly: !!process.env.CI,
  // Each worker starts its own server and bridge; two workers fit the 2-core machines.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: CHROMIUM,
      },
    },
  ],
})
