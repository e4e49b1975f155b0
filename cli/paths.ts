// Where wire-lab is on disk: its package root, found the same way from the sources and from the build.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder holding wire-lab's package.json: the clone's root when run from cli/*.ts, and the
 * installed package's root when run from build/cli/*.js.
 */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && /"name":\s*"wire-lab"/.test(readFileSync(manifest, 'utf8'))) {
      return dir
    }
    if (dirname(dir) === dir) return dirname(dirname(from))
  }
}

/** wire-lab's version, from its package.json. */
export function packageVersion(root = packageRoot()): string {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version?: string
  }
  return manifest.version ?? '0.0.0'
}

/** True in a clone (the page's sources are there to build from); false in an installed package. */
export function isClone(root = packageRoot()): boolean {
  return existsSync(join(root, 'web', 'main.tsx'))
}
