// Whether dist/ holds a build of the page's current sources: one walk, for npm start and the e2e setup.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What the built page is made from, relative to the repository. */
export const PAGE_SOURCES = ['web', 'shared', 'vite.config.ts', 'package-lock.json'] as const

/**
 * Newest modification time under `path`, folders included: deleting or renaming a file changes its
 * folder's time, which the files left behind would not show. 0 when `path` does not exist.
 */
export function newestMtime(path: string): number {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = stat.mtimeMs
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)))
  return max
}

/** True when `repo`'s `outDir`/index.html exists and is newer than every page source. */
export function pageIsFresh(repo: string, outDir = 'dist'): boolean {
  const built = newestMtime(join(repo, outDir, 'index.html'))
  const sources = Math.max(...PAGE_SOURCES.map((p) => newestMtime(join(repo, p))))
  return built > sources
}
