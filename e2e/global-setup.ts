// Builds the page into dist/ once before the e2e run, unless the build is newer than every source.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { pageIsFresh } from '../cli/page-build.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))

/**
 * Runs `vite build` when the page the tests serve is missing or older than its sources: dist/, or
 * (for npm run bench:log) the benchmark's own build with the test hooks, dist-bench/.
 */
export default function globalSetup(): void {
  const bench = process.env.WIRE_LAB_PAGE === 'bench'
  const outDir = bench ? 'dist-bench' : 'dist'
  if (pageIsFresh(repo, outDir)) return
  const mode = bench ? ['--mode', 'bench', '--outDir', `../${outDir}`] : []
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', ...mode], {
    cwd: repo,
    stdio: 'inherit',
  })
}
