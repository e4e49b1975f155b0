// The user registry behind a small interface, so a persistent store can replace the in-memory Map later.
import { wlError } from '../shared/errors.ts'
import { newRecord, type FieldName, type UserRecord } from '../shared/protocol.ts'

/** Which limit of PROTOCOL.md "Workspaces" stops one more user, and its value. */
export interface Full {
  limit: 'users' | 'workspaces'
  max: number
}

/** Email -> record. Every method is synchronous and atomic: a change is complete when it returns. */
export interface Registry {
  get(email: string): UserRecord | undefined
  has(email: string): boolean
  /** Creates an empty record; the caller has checked the email is free and `full()`. */
  create(email: string): UserRecord
  remove(email: string): boolean
  /** Sets one field; for `Email` the record also moves to its new key (one step). */
  update(email: string, field: FieldName, value: string): void
  readonly size: number
  /** The limit that refuses one more user here, or undefined when one more fits. */
  full(): Full | undefined
}

/** The lesson's registry: a Map, because the email `__proto__` is an ordinary user. */
export class MemoryRegistry implements Registry {
  private readonly users = new Map<string, UserRecord>()

  /** `maxUsers`: PROTOCOL.md's per-workspace limit (server/workspaces.ts passes it; none by default). */
  constructor(private readonly maxUsers = Infinity) {}

  get(email: string): UserRecord | undefined {
    return this.users.get(email)
  }

  has(email: string): boolean {
    return this.users.has(email)
  }

  create(email: string): UserRecord {
    const record = newRecord(email)
    this.users.set(email, record)
    return record
  }

  remove(email: string): boolean {
    return this.users.delete(email)
  }

  update(email: string, field: FieldName, value: string): void {
    const record = this.users.get(email)
    if (!record) throw wlError('WL_ERR_NO_USER', `no user ${email}`)
    record[field] = value
    if (field === 'Email' && value !== email) {
      this.users.delete(email)
      this.users.set(value, record)
    }
  }

  get size(): number {
    return this.users.size
  }

  full(): Full | undefined {
    return this.users.size < this.maxUsers ? undefined : { limit: 'users', max: this.maxUsers }
  }
}
