// The registry in a SQLite file (`--data FILE`): every change is on disk before the call returns.
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { wlError } from '../shared/errors.ts'
import { FIELDS, type FieldName, type UserRecord } from '../shared/protocol.ts'
import type { Registry } from './registry.ts'

/** The message when better-sqlite3, an optional dependency, is missing or did not build. */
export const NO_SQLITE =
  '--data needs better-sqlite3, which failed to install: run npm install better-sqlite3'

// Marks a file as wire-lab's ("WLAB"), so a SQLite file of another program is never written to.
const APPLICATION_ID = 0x574c4142
const SCHEMA_VERSION = 1
// The record's fields in UserRecord order; Email, the key, is last as in the record.
const COLUMNS = FIELDS.map((f) => `"${f}"`).join(', ')
const SCHEMA = `CREATE TABLE users (
  "Nome" TEXT,
  "Endereço" TEXT,
  "Telefone" TEXT,
  "Email" TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID`

// SQLite text is UTF-8, which cannot hold a lone surrogate, yet `"\ud800"` is valid JSON and a distinct
// email for the Map. Such strings are stored as their UTF-16 code units in a BLOB, which SQLite never
// compares equal to any TEXT, so every string keeps its identity.
const LONE_SURROGATE = /\p{Cs}/u
type SqlText = string | Buffer
const toSql = (s: string): SqlText => (LONE_SURROGATE.test(s) ? Buffer.from(s, 'utf16le') : s)
const fromSql = (v: unknown): string | null =>
  Buffer.isBuffer(v) ? v.toString('utf16le') : (v as string | null)

type Statement = BetterSqlite3.Statement<unknown[], unknown>

/** The registry as one SQLite table, email -> record; a drop-in for MemoryRegistry. */
export class SqliteRegistry implements Registry {
  private readonly select: Statement
  private readonly exists: Statement
  private readonly insert: Statement
  private readonly delete: Statement
  private readonly count: Statement
  private readonly updates: ReadonlyMap<FieldName, Statement>

  /** Use openSqliteRegistry, which checks and prepares the file. */
  constructor(
    private readonly db: BetterSqlite3.Database,
    /** The data file's absolute path. */
    readonly file: string,
  ) {
    this.select = db
      .prepare('SELECT "Nome", "Endereço", "Telefone" FROM users WHERE "Email" = ?')
      .raw()
    this.exists = db.prepare('SELECT 1 FROM users WHERE "Email" = ?').pluck()
    // OR REPLACE: MemoryRegistry's create and rename overwrite (Map.set), so this store does too;
    // handle.ts refuses both cases before they get here.
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO users (${COLUMNS}) VALUES (NULL, NULL, NULL, ?)`,
    )
    this.delete = db.prepare('DELETE FROM users WHERE "Email" = ?')
    this.count = db.prepare('SELECT count(*) FROM users').pluck()
    // One statement per field; for Email it changes the primary key, which moves the record in one
    // statement, so a rename is one transaction: the old key and the new are never both or neither.
    this.updates = new Map(
      FIELDS.map((f) => [
        f,
        db.prepare(`UPDATE OR REPLACE users SET "${f}" = ? WHERE "Email" = ?`),
      ]),
    )
  }

  get(email: string): UserRecord | undefined {
    const row = this.select.get(toSql(email)) as unknown[] | undefined
    if (row === undefined) return undefined
    // Built key by key in UserRecord order, so json.dumps bytes match MemoryRegistry's.
    return {
      Nome: fromSql(row[0]),
      Endereço: fromSql(row[1]),
      Telefone: fromSql(row[2]),
      Email: email,
    }
  }

  has(email: string): boolean {
    return this.exists.get(toSql(email)) !== undefined
  }

  create(email: string): UserRecord {
    this.insert.run(toSql(email))
    return { Nome: null, Endereço: null, Telefone: null, Email: email }
  }

  remove(email: string): boolean {
    return this.delete.run(toSql(email)).changes > 0
  }

  update(email: string, field: FieldName, value: string): void {
    const statement = this.updates.get(field)
    if (!statement) throw wlError('WL_ERR_FIELD', `no field ${field}`)
    if (statement.run(toSql(value), toSql(email)).changes === 0) {
      throw wlError('WL_ERR_NO_USER', `no user ${email}`)
    }
  }

  get size(): number {
    return this.count.get() as number
  }

  /** Closes the file (SQLite folds the WAL back into it); the registry cannot be used after. */
  close(): void {
    if (this.db.open) this.db.close()
  }
}

/**
 * Opens (or creates) a wire-lab data file. Throws an Error with a message for the user and a code:
 * WL_ERR_NO_SQLITE when better-sqlite3 is not installed, WL_ERR_DATA when the file cannot be used.
 */
export function openSqliteRegistry(path: string): SqliteRegistry {
  const file = resolve(path)
  const Database = loadDriver()
  let db: BetterSqlite3.Database | undefined
  try {
    // timeout 0: a file held by another server fails at once instead of waiting for it.
    db = new Database(file, { timeout: 0 })
    // EXCLUSIVE: this server is the file's only user, so no other process can change it behind the
    // server's back (nor run handle.ts's check-then-write in between). It also keeps the WAL index
    // in this process's memory instead of a -shm file.
    db.pragma('locking_mode = EXCLUSIVE')
    // WAL + synchronous FULL: a commit appends to the -wal file and fsyncs it before returning, so a
    // change is on stable storage when the Registry call returns and its 200 is sent. That survives
    // SIGKILL and power loss (NORMAL would skip that fsync and survive SIGKILL only), for one fsync
    // per change where DELETE + FULL needs two or three (journal, database, journal removal).
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    checkSchema(db, file)
    // Take the write lock now, so a second server on this file fails at start, not at a request.
    db.exec('BEGIN IMMEDIATE; COMMIT')
    return new SqliteRegistry(db, file)
  } catch (err) {
    db?.close()
    throw openError(file, err)
  }
}

function loadDriver(): typeof BetterSqlite3 {
  try {
    // Loaded only for --data: better-sqlite3 is an optional dependency that may have failed to build.
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
    // Its native addon loads at the first open: try it here, so a failed build is told apart.
    new Database(':memory:').close()
    return Database
  } catch (err) {
    throw wlError('WL_ERR_NO_SQLITE', NO_SQLITE, { cause: err })
  }
}

/** Creates the table in a new (or empty) file; refuses a file made by another program or version. */
function checkSchema(db: BetterSqlite3.Database, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[]
  if (appId === 0 && tables.length === 0) {
    db.transaction(() => {
      db.exec(SCHEMA)
      db.pragma(`application_id = ${APPLICATION_ID}`)
      db.pragma(`user_version = ${SCHEMA_VERSION}`)
    })()
    return
  }
  const notOurs = (what: string) =>
    dataError(
      `${file} ${what}; give --data a new file name (it is created) or a wire-lab data file`,
    )
  if (appId !== APPLICATION_ID) {
    throw notOurs(
      `is a SQLite database of another program (tables: ${tables.join(', ') || 'none'})`,
    )
  }
  const version = db.pragma('user_version', { simple: true }) as number
  if (version !== SCHEMA_VERSION) {
    throw notOurs(`has wire-lab data version ${version}, and this server reads ${SCHEMA_VERSION}`)
  }
  const columns = (db.pragma('table_info(users)') as { name: string; pk: number }[])
    .map((c) => `${c.name}${c.pk ? '*' : ''}`)
    .join(', ')
  if (columns !== 'Nome, Endereço, Telefone, Email*') {
    throw notOurs(`is a wire-lab data file whose users table was changed (columns: ${columns})`)
  }
}

function dataError(message: string, cause?: unknown): Error {
  return wlError('WL_ERR_DATA', message, { cause })
}

/** A user-facing message for why the file cannot be opened, from SQLite's error code. */
function openError(file: string, err: unknown): Error {
  const e = err as Error & { code?: string }
  if (e.code === 'WL_ERR_DATA' || e.code === 'WL_ERR_NO_SQLITE') return e
  switch (e.code) {
    case 'SQLITE_NOTADB':
      return dataError(
        `${file} is not a SQLite database; give --data a new file name (it is created) or a wire-lab data file`,
        e,
      )
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return dataError(`${file} is in use by another process (another wire-lab server?)`, e)
    case 'SQLITE_CORRUPT':
      return dataError(`${file} is damaged (SQLite: ${e.message})`, e)
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return dataError(`cannot write ${file}: check its permissions and its directory's`, e)
    case 'SQLITE_CANTOPEN':
      return dataError(`cannot open ${file}: ${whyNotOpen(file)}`, e)
  }
  // better-sqlite3 checks the directory itself, with a TypeError.
  if (/directory does not exist/.test(e.message)) {
    return dataError(`cannot open ${file}: the directory ${dirname(file)} does not exist`, e)
  }
  return dataError(`cannot use ${file} as the data file: ${e.message}`, e)
}

function whyNotOpen(file: string): string {
  try {
    if (statSync(file).isDirectory()) return 'it is a directory'
  } catch {
    // Not there yet: then the directory is the problem.
  }
  try {
    if (!statSync(dirname(file)).isDirectory()) return `${dirname(file)} is not a directory`
  } catch {
    return `the directory ${dirname(file)} does not exist`
  }
  return 'it cannot be created or opened there (permissions?)'
}
