// The registries in a SQLite file (`--data FILE`): every workspace's users, each change on disk before
// the call returns.
import type BetterSqlite3 from 'better-sqlite3'
import { wlError } from '../shared/errors.ts'
import { FIELDS, type FieldName, type UserRecord } from '../shared/protocol.ts'
import { openDataFile, type DataFile } from './data-file.ts'
import type { Full, Registry } from './registry.ts'
import { LOOPBACK_WORKSPACE, type WorkspaceStore } from './workspaces.ts'

export { NO_SQLITE } from './data-file.ts'

// The record's fields in UserRecord order; Email, the key, is last as in the record.
const COLUMNS = FIELDS.map((f) => `"${f}"`).join(', ')

// SQLite text is UTF-8, which cannot hold a lone surrogate, yet `"\ud800"` is valid JSON and a distinct
// email for the Map. Such strings are stored as their UTF-16 code units in a BLOB, which SQLite never
// compares equal to any TEXT, so every string keeps its identity.
const LONE_SURROGATE = /\p{Cs}/u
type SqlText = string | Buffer
const toSql = (s: string): SqlText => (LONE_SURROGATE.test(s) ? Buffer.from(s, 'utf16le') : s)
const fromSql = (v: unknown): string | null =>
  Buffer.isBuffer(v) ? v.toString('utf16le') : (v as string | null)

type Statement = BetterSqlite3.Statement<unknown[], unknown>

/** The statements every workspace's registry runs, prepared once per file; each takes the workspace. */
class Statements {
  readonly select: Statement
  readonly exists: Statement
  readonly insert: Statement
  readonly delete: Statement
  readonly count: Statement
  readonly updates: ReadonlyMap<FieldName, Statement>

  constructor(db: BetterSqlite3.Database) {
    const where = 'WHERE "workspace" = ? AND "Email" = ?'
    this.select = db.prepare(`SELECT "Nome", "Endereço", "Telefone" FROM users ${where}`).raw()
    this.exists = db.prepare(`SELECT 1 FROM users ${where}`).pluck()
    // OR REPLACE: MemoryRegistry's create and rename overwrite (Map.set), so this store does too;
    // handle.ts refuses both cases before they get here.
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO users ("workspace", ${COLUMNS}) VALUES (?, NULL, NULL, NULL, ?)`,
    )
    this.delete = db.prepare(`DELETE FROM users ${where}`)
    this.count = db.prepare('SELECT count(*) FROM users WHERE "workspace" = ?').pluck()
    // One statement per field; for Email it changes the primary key, which moves the record in one
    // statement, so a rename is one transaction: the old key and the new are never both or neither.
    this.updates = new Map(
      FIELDS.map((f) => [f, db.prepare(`UPDATE OR REPLACE users SET "${f}" = ? ${where}`)]),
    )
  }
}

/** One workspace's users in the file, email -> record; a drop-in for MemoryRegistry. */
export class SqliteRegistry implements Registry {
  constructor(
    private readonly sql: Statements,
    /** The workspace's key (server/workspaces.ts). */
    readonly workspace: string,
    private readonly maxUsers = Infinity,
  ) {}

  get(email: string): UserRecord | undefined {
    const row = this.sql.select.get(this.workspace, toSql(email)) as unknown[] | undefined
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
    return this.sql.exists.get(this.workspace, toSql(email)) !== undefined
  }

  create(email: string): UserRecord {
    this.sql.insert.run(this.workspace, toSql(email))
    return { Nome: null, Endereço: null, Telefone: null, Email: email }
  }

  remove(email: string): boolean {
    return this.sql.delete.run(this.workspace, toSql(email)).changes > 0
  }

  update(email: string, field: FieldName, value: string): void {
    const statement = this.sql.updates.get(field)
    if (!statement) throw wlError('WL_ERR_FIELD', `no field ${field}`)
    if (statement.run(toSql(value), this.workspace, toSql(email)).changes === 0) {
      throw wlError('WL_ERR_NO_USER', `no user ${email}`)
    }
  }

  get size(): number {
    return this.sql.count.get(this.workspace) as number
  }

  full(): Full | undefined {
    if (this.maxUsers === Infinity || this.size < this.maxUsers) return undefined
    return { limit: 'users', max: this.maxUsers }
  }
}

/** A data file holding every workspace's users: the store behind server/workspaces.ts with --data. */
export class SqliteData implements WorkspaceStore {
  /** The data file's absolute path. */
  readonly file: string
  /** Set when an older file was brought to this version on opening (say so to the user). */
  readonly migrated: DataFile['migrated']
  private readonly db: BetterSqlite3.Database
  private readonly sql: Statements

  /** Use openSqliteData, which checks and prepares the file. */
  constructor(data: DataFile) {
    this.db = data.db
    this.file = data.file
    this.migrated = data.migrated
    this.sql = new Statements(data.db)
  }

  /** The registry of one workspace's users in this file. */
  open(workspace: string, maxUsers = Infinity): SqliteRegistry {
    return new SqliteRegistry(this.sql, workspace, maxUsers)
  }

  /** The workspaces that hold users, in key order. */
  keys(): string[] {
    return this.db
      .prepare('SELECT DISTINCT "workspace" FROM users ORDER BY 1')
      .pluck()
      .all() as string[]
  }

  /** Users in every workspace together. */
  get size(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number
  }

  /** Closes the file (SQLite folds the WAL back into it); its registries cannot be used after. */
  close(): void {
    if (this.db.open) this.db.close()
  }
}

/**
 * Opens (or creates) a wire-lab data file. Throws an Error with a one-line message and a code (see
 * openDataFile): WL_ERR_NO_SQLITE, WL_ERR_DATA_PERMISSION, WL_ERR_DATA_DAMAGED or WL_ERR_DATA.
 */
export function openSqliteData(path: string): SqliteData {
  return new SqliteData(openDataFile(path))
}

/** One workspace of a data file as the whole registry, and `close()` for the file. */
export type SoleSqliteRegistry = SqliteRegistry & { readonly file: string; close(): void }

/**
 * The server's single registry before workspaces: this computer's workspace of the file, which is
 * where a version-1 file's users went. Throws as openSqliteData.
 */
export function openSqliteRegistry(
  path: string,
  workspace = LOOPBACK_WORKSPACE,
): SoleSqliteRegistry {
  const data = openSqliteData(path)
  return Object.assign(data.open(workspace), { file: data.file, close: () => data.close() })
}
