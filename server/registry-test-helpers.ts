// For the registry tests: data files in a temp dir, closed after each test, and the unusual emails
// every registry must keep as ordinary, distinct keys.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'
import { openSqliteRegistry, type SoleSqliteRegistry } from './registry-sqlite.ts'

/** Emails that are easy to get wrong: prototype names, empty, case, NUL, lone surrogates, 70 kB. */
export const UNUSUAL = [
  '__proto__',
  'constructor',
  '',
  ' eu@gmail.com ',
  'EU@gmail.com',
  'joão@exemplo.com.br',
  '😀@emoji',
  'a\u0000b',
  '\ud800',
  '\udc00',
  '\ud800\udc00',
  'x'.repeat(70_000),
]

/** Registers an afterEach that closes the files tracked during the test, and an afterAll that removes the dir. */
export function useDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'wire-lab-registry-'))
  let files = 0
  const opened: { close(): void }[] = []
  afterEach(() => {
    for (const r of opened.splice(0)) r.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const data = {
    /** A path in the dir: `name`, or a new name each call. */
    path: (name = `f${++files}.db`) => join(dir, name),
    /** Closes `file` after the test. */
    track<T extends { close(): void }>(file: T): T {
      opened.push(file)
      return file
    },
    /** A new data file in the dir, opened as one registry; closed after the test. */
    openNew: (): SoleSqliteRegistry => data.track(openSqliteRegistry(data.path())),
  }
  return data
}
