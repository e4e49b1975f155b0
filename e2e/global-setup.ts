// Builds the page into dist/ once before the e2e run, unless the build is newer than every source.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))

// Newest modification time under a path (files and folders alike), 0 when it does not exist.
function newest(path: string): number {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = stat.mtimeMs
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)))
  return max
}

/** Runs `vite build` when dist/index.html is missing or older than web/, shared/ or the Vite config. */
export default function globalSetup(): void {
  const built = newest(join(repo, 'dist', 'index.html'))
  const sources = Math.max(
    newest(join(repo, 'web')),
    newest(join(repo, 'shared')),
    newest(join(repo, 'vite.config.ts')),
    newest(join(repo, 'package-lock.json')),
  )
  if (built > sources) return
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' })
}
