// Playwright for `npm run shots`: only the @shots tests, which save every mode's screenshots at
// projector and desktop sizes (SHOTS_DIR, default /tmp/wire-lab-shots/projector) for a person to check.
import { defineConfig } from '@playwright/test'
import base from './playwright.config.ts'

export default defineConfig({
  ...base,
  grep: /@shots/,
  grepInvert: undefined,
  reporter: [['list']],
})
