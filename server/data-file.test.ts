import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { openDataFile } from './data-file.ts'
import { openSqliteData, openSqliteRegistry } from './registry-sqlite.ts'

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
const dir = mkdtempSync(join(tmpdir(), 'wire-lab-data-file-'))
// Traversable by the unprivileged user the permission tests run as when the tests run as root.
chmodSync(dir, 0o755)
const opened: { close(): void }[] = []
afterEach(() => {
  for (const f of opened.splice(0)) f.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Failure = { code?: string; message: string }
/** The error opening `path` throws (the test fails if it opens). */
function failure(path: string): Failure {
  try {
    opened.push(openSqliteData(path))
  } catch (err) {
    const e = err as Error & { code?: string }
    expect(e.message).not.toMatch(/\n/)
    return { code: e.code, message: e.message }
  }
  throw new Error(`${path} opened`)
}
const refused = (path: string, message: RegExp) =>
  expect(failure(path)).toEqual({ code: 'WL_ERR_DATA', message: expect.stringMatching(message) })

// The schema of data version 1, as the server wrote it before workspaces.
const V1 = `CREATE TABLE users (
  "Nome" TEXT, "Endereço" TEXT, "Telefone" TEXT, "Email" TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID`
/** A version-1 file made as the old server made it, with these users (email, Nome). */
function makeV1(file: string, users: [string | Buffer, string | null][]): void {
  const db = new Database(file)
  db.exec(V1)
  db.pragma('application_id = 1464615234') // "WLAB"
  db.pragma('user_version = 1')
  db.pragma('journal_mode = WAL')
  const insert = db.prepare('INSERT INTO users ("Nome", "Email") VALUES (?, ?)')
  for (const [email, nome] of users) insert.run(nome, email)
  db.close()
}

describe('open errors are one clear sentence with a code', () => {
  test('a file that is not SQLite', () => {
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'not a database, but long enough to look like one to a reader\n'.repeat(20))
    refused(file, /notes\.txt is not a SQLite database; give --data a new file name/)
  })

  test('a SQLite file of another program, left unchanged', () => {
    const file = join(dir, 'other.db')
    const other = new Database(file)
    other.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)')
    other.close()
    const bytes = readFileSync(file)
    refused(file, /other\.db is a SQLite database of another program \(tables: users\)/)
    // Not even switched to WAL: nothing is written before the file is known to be ours.
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  test('a wire-lab file of a newer data version, or with a changed table', () => {
    const newer = join(dir, 'newer.db')
    openSqliteData(newer).close()
    const db = new Database(newer)
    db.pragma('user_version = 3')
    db.close()
    refused(newer, /newer\.db has wire-lab data version 3, and this server reads 2/)

    const changed = join(dir, 'changed.db')
    openSqliteData(changed).close()
    const db2 = new Database(changed)
    db2.exec('ALTER TABLE users ADD COLUMN "Idade" TEXT')
    db2.close()
    refused(changed, /changed\.db is a wire-lab data file whose users table was changed/)
  })

  test('a directory, a missing directory, a path under a file', () => {
    const sub = join(dir, 'a-directory')
    mkdirSync(sub)
    refused(sub, /cannot open .*a-directory: it is a directory/)
    refused(
      join(dir, 'missing', 'x.db'),
      /cannot open .*x\.db: the directory .*missing does not exist/,
    )
    const file = join(dir, 'plain')
    writeFileSync(file, '')
    refused(join(file, 'x.db'), /cannot open .*x\.db: .*plain is not a directory/)
  })

  test('a file another server has open', () => {
    const file = join(dir, 'busy.db')
    opened.push(openSqliteData(file))
    refused(file, /busy\.db is in use by another process \(another wire-lab server\?\)/)
  })
})

describe('a damaged file is refused before anything writes, and not one byte of it changes', () => {
  /** A valid file of many pages, closed. */
  function makeValid(file: string): Buffer {
    const data = openSqliteData(file)
    const registry = data.open('ip:10.0.0.1')
    for (let i = 0; i < 120; i++) {
      registry.create(`user${i}@wire.lab`)
      registry.update(`user${i}@wire.lab`, 'Endereço', `Rua ${i}, `.repeat(40))
    }
    data.close()
    return readFileSync(file)
  }
  const damaged = (file: string) =>
    expect(failure(file)).toEqual({
      code: 'WL_ERR_DATA_DAMAGED',
      message: expect.stringMatching(
        /^\S+\.db is damaged \(SQLite .+\); it was left as it is: restore a copy, or give --data a new file name/,
      ),
    })

  test('a page of users zeroed in the middle', () => {
    const file = join(dir, 'damaged.db')
    const bytes = makeValid(file)
    const pages = bytes.length / 4096
    expect(pages).toBeGreaterThan(8)
    const middle = Math.floor(pages / 2) * 4096
    bytes.fill(0, middle, middle + 4096)
    writeFileSync(file, bytes)
    damaged(file)
    expect(readFileSync(file).equals(bytes)).toBe(true)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  test("the users table's root page with a wrong type: quick_check's own words", () => {
    const file = join(dir, 'root.db')
    const bytes = makeValid(file)
    const db = new Database(file, { readonly: true })
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'users'").pluck().get()
    db.close()
    bytes[(Number(root) - 1) * 4096] = 0x07
    writeFileSync(file, bytes)
    damaged(file)
    expect(failure(file).message).toMatch(
      new RegExp(
        `quick_check: .*Tree ${root} page ${root}: btreeInitPage\\(\\) returns error code 11`,
      ),
    )
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  test('the schema page damaged: SQLite itself says corrupt', () => {
    const file = join(dir, 'schema.db')
    const bytes = makeValid(file)
    bytes.fill(0xa5, 100, 4096)
    writeFileSync(file, bytes)
    damaged(file)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })
})

describe('permission denied names the path', () => {
  // Root is never denied by file modes, so as root the open runs in a child as the user nobody.
  const asRoot = process.getuid?.() === 0
  const repo = fileURLToPath(new URL('..', import.meta.url))
  const module = new URL('./data-file.ts', import.meta.url).href
  function failureAsUser(path: string): Failure | 'opened' {
    if (!asRoot) {
      try {
        openDataFile(path).db.close()
        return 'opened'
      } catch (err) {
        return { code: (err as Failure).code, message: (err as Error).message }
      }
    }
    const script = `import(${JSON.stringify(module)}).then((m) => {
      try { m.openDataFile(${JSON.stringify(path)}).db.close(); console.log('"opened"') }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }
    })`
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: repo, uid: 65534, gid: 65534, encoding: 'utf8', timeout: 60_000 },
    )
    expect(child.stderr).toBe('')
    return JSON.parse(child.stdout) as Failure | 'opened'
  }
  const denied = (path: string, what: string) =>
    expect(failureAsUser(path)).toEqual({
      code: 'WL_ERR_DATA_PERMISSION',
      message: `cannot open ${path}: permission denied for ${what}`,
    })

  test('a read-only file', () => {
    const sub = join(dir, 'read-only-file')
    mkdirSync(sub, { mode: 0o777 })
    chmodSync(sub, 0o777)
    const file = join(sub, 'ro.db')
    openSqliteData(file).close()
    chmodSync(file, 0o444)
    denied(file, `${file} (the server must read and write it)`)
    chmodSync(file, 0o666)
    expect(failureAsUser(file)).toBe('opened')
  }, 60_000)

  test('a read-only folder, with the file in it or not yet', () => {
    const sub = join(dir, 'read-only-folder')
    mkdirSync(sub)
    const file = join(sub, 'rw.db')
    openSqliteData(file).close()
    chmodSync(file, 0o666)
    chmodSync(sub, 0o555)
    try {
      denied(file, `the directory ${sub} (the server writes rw.db-wal there)`)
      denied(join(sub, 'new.db'), `the directory ${sub} (the server writes new.db there)`)
    } finally {
      chmodSync(sub, 0o755)
    }
  }, 60_000)
})

describe('a version-1 file (one registry) is brought to version 2', () => {
  const surrogate = Buffer.from('\ud800', 'utf16le')

  test("its users become this computer's workspace, each as it was, in one step", () => {
    const file = join(dir, 'v1.db')
    makeV1(file, [
      ['eu@gmail.com', 'Ana'],
      ['__proto__', null],
      [surrogate, 'lone'],
    ])
    const data = openSqliteData(file)
    expect(data.migrated).toEqual({ from: 1, users: 3, workspace: 'ip:127.0.0.1' })
    expect(data.keys()).toEqual(['ip:127.0.0.1'])
    const registry = data.open('ip:127.0.0.1')
    expect(registry.get('eu@gmail.com')).toEqual({
      Nome: 'Ana',
      Endereço: null,
      Telefone: null,
      Email: 'eu@gmail.com',
    })
    expect(registry.get('\ud800')?.Nome).toBe('lone')
    expect(registry.has('__proto__')).toBe(true)
    data.close()

    const db = new Database(file)
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(
      ['users'],
    )
    db.close()
    const again = openSqliteData(file)
    opened.push(again)
    expect(again.migrated).toBeUndefined()
    expect(again.size).toBe(3)
  })

  test('the server before workspaces (openSqliteRegistry) still finds them', () => {
    const file = join(dir, 'v1-sole.db')
    makeV1(file, [['eu@gmail.com', 'Ana']])
    const registry = openSqliteRegistry(file)
    opened.push(registry)
    expect(registry.get('eu@gmail.com')?.Nome).toBe('Ana')
  })

  test('a version-1 file whose table was changed is refused, unchanged', () => {
    const file = join(dir, 'v1-changed.db')
    makeV1(file, [['eu@gmail.com', 'Ana']])
    const db = new Database(file)
    db.exec('ALTER TABLE users ADD COLUMN "Idade" TEXT')
    db.close()
    const bytes = readFileSync(file)
    refused(file, /v1-changed\.db is a wire-lab data file whose users table was changed/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })
})
