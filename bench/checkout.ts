// Another build of wire-lab beside this one, for benches that compare the two in one run (--ab REF).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** This checkout's root. */
export const repo = fileURLToPath(new URL('..', import.meta.url))

/** A tree of another commit: where it is, its short hash, and how to remove it. */
export interface Checkout {
  dir: string
  commit: string
  remove(): Promise<void>
}

/**
 * REF's tree in a temporary directory; `remove` deletes it. It shares this checkout's node_modules
 * when its package-lock.json is this one's; otherwise, with `install`, it gets its own (npm ci
 * without install scripts: an older build may need packages this one dropped, such as sirv).
 */
export async function checkout(ref: string, { install = false } = {}): Promise<Checkout> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, maxBuffer: 1 << 30 })
  const commit = git('rev-parse', '--short', `${ref}^{commit}`).toString().trim()
  const dir = await mkdtemp(join(os.tmpdir(), `wire-lab-${commit}-`))
  // git archive, not a worktree: this repository's own state is left as it was.
  execFileSync('tar', ['-x', '-C', dir], { input: git('archive', '--format=tar', commit) })
  const lock = (root: string) => readFileSync(join(root, 'package-lock.json'), 'utf8')
  if (install && lock(dir) !== lock(repo)) {
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      stdio: 'inherit',
    })
  } else {
    await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'))
  }
  return { dir, commit, remove: () => rm(dir, { recursive: true, force: true }) }
}
