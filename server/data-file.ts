// Opening a `--data` file: check it is intact and ours, bring it to this version, or say why not.
import { wlError } from '../shared/errors.ts'
import { accessSync, constants, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, resolve } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { LOOPBACK_WORKSPACE } from './workspaces.ts'

/** The message when better-sqlite3, an optional dependency, is missing or did not build. */
export const NO_SQLITE =
  '--data needs better-sqlite3, which failed to install: run npm install better-sqlite3'

// Marks a file as wire-lab's ("WLAB"), so a SQLite file of another program is never written to.
const APPLICATION_ID = 0x574c4142
/** 1: one registry (email -> record). 2: a registry per workspace (PROTOCOL.md "Workspaces"). */
export const SCHEMA_VERSION = 2
/** Where a version-1 file's users go: this computer's workspace. */
export const MIGRATED_WORKSPACE = LOOPBACK_WORKSPACE

const TABLE = (name: string) => `CREATE TABLE ${name} (
  "workspace" TEXT NOT NULL,
  "Nome" TEXT,
  "Endereço" TEXT,
  "Telefone" TEXT,
  "Email" TEXT NOT NULL,
  PRIMARY KEY ("workspace", "Email")
) WITHOUT ROWID`
const COLUMNS: Record<number, string> = {
  1: 'Nome, Endereço, Telefone, Email*1',
  2: 'workspace*1, Nome, Endereço, Telefone, Email*2',
}

/** An open, checked data file at SCHEMA_VERSION, and what opening it changed. */
export interface DataFile {
  db: BetterSqlite3.Database
  /** The file's absolute path. */
  file: string
  /** Set when a file of an older version was brought to this one (its users kept). */
  migrated?: { from: number; users: number; workspace: string } | undefined
}

type Code = 'WL_ERR_DATA' | 'WL_ERR_DATA_DAMAGED' | 'WL_ERR_DATA_PERMISSION'
function dataError(message: string, cause?: unknown, code: Code = 'WL_ERR_DATA'): Error {
  return wlError(code, message, { cause })
}

/**
 * Opens (or creates) a wire-lab data file. Throws an Error with a one-line message for the user and a
 * code: WL_ERR_NO_SQLITE (better-sqlite3 missing), WL_ERR_DATA_PERMISSION, WL_ERR_DATA_DAMAGED (the
 * file is left untouched), or WL_ERR_DATA (another program's file, another version, in use, ...).
 */
export function openDataFile(path: string): DataFile {
  const file = resolve(path)
  const Database = loadDriver()
  checkAccess(file)
  let db: BetterSqlite3.Database | undefined
  try {
    // timeout 0: a file held by another server fails at once instead of waiting for it.
    db = new Database(file, { timeout: 0 })
    // EXCLUSIVE: this server is the file's only user, so no other process can change it behind the
    // server's back (nor run handle.ts's check-then-write in between). It also keeps the WAL index
    // in this process's memory instead of a -shm file.
    db.pragma('locking_mode = EXCLUSIVE')
    // Before anything writes: a damaged file, or one that is not ours, is refused as it is.
    checkIntact(db, file)
    const version = checkSchema(db, file)
    // WAL + synchronous FULL: a commit appends to the -wal file and fsyncs it before returning, so a
    // change is on stable storage when the Registry call returns and its 200 is sent. That survives
    // SIGKILL and power loss (NORMAL would skip that fsync and survive SIGKILL only), for one fsync
    // per change where DELETE + FULL needs two or three (journal, database, journal removal).
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    const migrated =
      version === 0 ? create(db) : version < SCHEMA_VERSION ? migrate(db, version) : undefined
    // Take the write lock now, so a second server on this file fails at start, not at a request.
    db.exec('BEGIN IMMEDIATE; COMMIT')
    return { db, file, migrated }
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

// SQLite reports a read-only file as "disk I/O error" or "attempt to write a readonly database" only
// at the first write; asking the system first names the path and the reason.
function checkAccess(file: string): void {
  const denied = (err: unknown) => ['EACCES', 'EPERM', 'EROFS'].includes(errnoCode(err))
  const dir = dirname(file)
  let isFile = false
  try {
    isFile = statSync(file).isFile()
  } catch {
    // Not there (it will be created) or not reachable: the checks below and SQLite's say which.
  }
  try {
    if (isFile) accessSync(file, constants.R_OK | constants.W_OK)
  } catch (err) {
    if (denied(err)) throw permissionError(file, file, 'the server must read and write it', err)
  }
  try {
    // A missing directory, or a file in its place, is told by whyNotOpen.
    if (statSync(dir).isDirectory()) accessSync(dir, constants.W_OK | constants.X_OK)
  } catch (err) {
    const what = `the server writes ${isFile ? `${basename(file)}-wal` : basename(file)} there`
    if (denied(err)) throw permissionError(file, `the directory ${dir}`, what, err)
  }
}

const errnoCode = (err: unknown) => (err as { code?: string }).code ?? ''

function permissionError(file: string, what: string, why: string, cause: unknown): Error {
  const reason = errnoCode(cause) === 'EROFS' ? 'read-only file system' : 'permission denied'
  return dataError(
    `cannot open ${file}: ${reason} for ${what} (${why})`,
    cause,
    'WL_ERR_DATA_PERMISSION',
  )
}

/** Refuses a damaged file, found by SQLite's quick_check (every page and index, not the contents). */
function checkIntact(db: BetterSqlite3.Database, file: string): void {
  const problems = db.prepare('PRAGMA quick_check(3)').pluck().all() as string[]
  if (problems.length === 1 && problems[0] === 'ok') return
  throw damaged(file, `quick_check: ${problems.join('; ')}`)
}

function damaged(file: string, detail: string, cause?: unknown): Error {
  return dataError(
    `${file} is damaged (SQLite ${detail.replace(/\s*\n\s*/g, ' ')}); it was left as it is: ` +
      'restore a copy, or give --data a new file name (it is created)',
    cause,
    'WL_ERR_DATA_DAMAGED',
  )
}

/** The file's data version (0 for a new, empty file); refuses a file of another program or version. */
function checkSchema(db: BetterSqlite3.Database, file: string): number {
  const appId = db.pragma('application_id', { simple: true }) as number
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[]
  if (appId === 0 && tables.length === 0) return 0
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
  if (COLUMNS[version] === undefined) {
    throw notOurs(`has wire-lab data version ${version}, and this server reads ${SCHEMA_VERSION}`)
  }
  const columns = (db.pragma('table_info(users)') as { name: string; pk: number }[])
    .map((c) => `${c.name}${c.pk ? `*${c.pk}` : ''}`)
    .join(', ')
  if (columns !== COLUMNS[version]) {
    throw notOurs(`is a wire-lab data file whose users table was changed (columns: ${columns})`)
  }
  return version
}

function create(db: BetterSqlite3.Database): undefined {
  db.transaction(() => {
    db.exec(TABLE('users'))
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  })()
  return undefined
}

/**
 * Version 1 held one registry, used from this computer (the server listened on loopback by default):
 * its users become this computer's workspace, so the same computer still finds them. One
 * transaction: the file is version 1 or version 2, never half of each.
 */
function migrate(db: BetterSqlite3.Database, from: number): DataFile['migrated'] {
  let users = 0
  db.transaction(() => {
    db.exec(TABLE('users_v2'))
    const copy = `INSERT INTO users_v2 SELECT ?, "Nome", "Endereço", "Telefone", "Email" FROM users`
    users = db.prepare(copy).run(MIGRATED_WORKSPACE).changes
    db.exec('DROP TABLE users; ALTER TABLE users_v2 RENAME TO users')
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  })()
  return { from, users, workspace: MIGRATED_WORKSPACE }
}

/** A user-facing message for why the file cannot be opened, from SQLite's error code. */
function openError(file: string, err: unknown): Error {
  const e = err as Error & { code?: string }
  if (e.code?.startsWith('WL_ERR_')) return e
  // Extended codes (SQLITE_READONLY_DIRECTORY) share their primary code's meaning.
  switch (e.code?.split('_').slice(0, 2).join('_')) {
    case 'SQLITE_NOTADB':
      return dataError(
        `${file} is not a SQLite database; give --data a new file name (it is created) or a wire-lab data file`,
        e,
      )
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return dataError(`${file} is in use by another process (another wire-lab server?)`, e)
    case 'SQLITE_CORRUPT':
      return damaged(file, e.message, e)
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return dataError(
        `cannot open ${file}: permission denied (the server must write it and its directory ${dirname(file)})`,
        e,
        'WL_ERR_DATA_PERMISSION',
      )
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
