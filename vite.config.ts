// Vite (the page in web/, built to dist/) and Vitest (unit tests beside the code, whole repo).
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { precompress } from './scripts/precompress.ts'

const repo = fileURLToPath(new URL('.', import.meta.url))
// `npm run dev` proxies the bridge's paths to a bridge started by scripts/dev.ts (or by hand).
const bridge = process.env.WIRE_LAB_BRIDGE ?? 'http://127.0.0.1:8080'

// The built page runs on Preact's React-compatible core: a tenth of react-dom's size, which is most
// of what thirty students on one classroom Wi-Fi download. `npm run dev` and the unit tests keep
// React; the e2e tests run the built page, so they test what students get.
const preact = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
]

export default defineConfig(({ command }) => ({
  root: 'web',
  plugins: [react(), precompress()],
  resolve: { alias: command === 'build' ? preact : [] },
  build: { outDir: '../dist', emptyOutDir: true },
  server: {
    proxy: {
      '/ws': { target: bridge, ws: true },
      '/api': { target: bridge },
    },
  },
  test: {
    root: repo,
    include: ['{shared,server,bridge,web,cli,scripts,test-support,conformance}/**/*.test.{ts,tsx}'],
    // Vitest leaves one core idle by default: on CI's two cores that made the run 1.6x longer.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
}))
