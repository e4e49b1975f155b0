// Builds the page into dist/ once before the e2e run, unless the build is newer than every source.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { pageIsFresh } from '../cli/page-build.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))

/** Runs `vite build` when dist/index.html is missing or older than the page's sources. */
export default function globalSetup(): void {
  if (pageIsFresh(repo)) return
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' })
}
