// Playwright for `npm run bench:log`: only the @scale tests (the 100k-entry log), which print figures.
import { defineConfig } from '@playwright/test'
import base from './playwright.config.ts'

export default defineConfig({
  ...base,
  grep: /@scale/,
  grepInvert: undefined,
  reporter: [['list']],
})
