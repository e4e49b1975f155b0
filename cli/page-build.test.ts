import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pageIsFresh } from './page-build.ts'

let repo: string
// Sets a path's modification time to `s` seconds after the epoch.
const at = (path: string, s: number) => utimesSync(join(repo, path), s, s)

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'wire-lab-build-'))
  for (const dir of ['web/log', 'shared', 'dist']) mkdirSync(join(repo, dir), { recursive: true })
  for (const file of ['web/log/model.ts', 'web/main.tsx', 'shared/codec.ts', 'vite.config.ts']) {
    writeFileSync(join(repo, file), '')
  }
  writeFileSync(join(repo, 'dist/index.html'), '')
  for (const path of ['web/log/model.ts', 'web/main.tsx', 'web/log', 'web', 'shared/codec.ts']) {
    at(path, 1000)
  }
  for (const path of ['shared', 'vite.config.ts']) at(path, 1000)
  at('dist/index.html', 2000)
})

afterEach(() => rmSync(repo, { recursive: true, force: true }))

describe('pageIsFresh', () => {
  it('is fresh when the build is newer than every source, and stale without a build', () => {
    expect(pageIsFresh(repo)).toBe(true)
    rmSync(join(repo, 'dist/index.html'))
    expect(pageIsFresh(repo)).toBe(false)
  })

  it('is stale after a change deep in web/, in shared/ or in the Vite config', () => {
    for (const path of ['web/log/model.ts', 'shared/codec.ts', 'vite.config.ts']) {
      at(path, 3000)
      expect(pageIsFresh(repo)).toBe(false)
      at(path, 1000)
      expect(pageIsFresh(repo)).toBe(true)
    }
  })

  it('is stale after a file is deleted or moved, which only its folder shows', () => {
    rmSync(join(repo, 'web/log/model.ts'))
    at('web/log', 3000)
    expect(pageIsFresh(repo)).toBe(false)
  })
})
