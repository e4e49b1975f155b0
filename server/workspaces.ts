// One registry per workspace (PROTOCOL.md "Workspaces"): a computer, a group, or the whole class.
import { wlError } from '../shared/errors.ts'
import { canonicalIp } from '../shared/ip-address.ts'
import { isGroupName } from '../shared/bridge-constants.ts'
import type { FieldName, UserRecord } from '../shared/protocol.ts'
import { MemoryRegistry, type Full, type Registry } from './registry.ts'

/** `computer`: a registry per client address or group (the default); `class`: one for everyone. */
export const WORKSPACE_MODES = ['computer', 'class'] as const
export type WorkspaceMode = (typeof WORKSPACE_MODES)[number]

/** PROTOCOL.md's limits: users in one workspace, and workspaces holding users. */
export const DEFAULT_MAX_USERS = 10_000
export const DEFAULT_MAX_WORKSPACES = 1_000

/** The one workspace of `--workspaces class`. */
export const CLASS_WORKSPACE = 'class'
/** This computer's workspace: every loopback address, IPv4 or IPv6, is the same computer. */
export const LOOPBACK_WORKSPACE = 'ip:127.0.0.1'

/** Who is connecting: the client's address (from the socket or a PROXY header), and its group. */
export interface Visitor {
  address: string
  group?: string | undefined
}

/**
 * A workspace's key: `class`, `group:NAME`, or `ip:ADDRESS` with the address written one way (so
 * `::ffff:10.0.0.5` and `10.0.0.5` are one computer, and `::1` is `127.0.0.1`).
 */
export function workspaceKey(mode: WorkspaceMode, visitor: Visitor): string {
  if (mode === 'class') return CLASS_WORKSPACE
  const { address, group } = visitor
  if (group !== undefined) {
    if (!isGroupName(group)) {
      throw wlError('WL_ERR_GROUP', `not a group name: ${group}`)
    }
    return `group:${group}`
  }
  // ::1 and 127.0.0.1 are the one computer a browser and a Python client use for "this computer";
  // other 127.x.y.z are addresses someone chose on purpose (tests stand for many computers with them).
  const canonical = canonicalIp(address) ?? address
  return canonical === '::1' ? LOOPBACK_WORKSPACE : `ip:${canonical}`
}

/** Where workspaces keep their users: memory (the default) or a `--data` file (registry-sqlite.ts). */
export interface WorkspaceStore {
  /** The registry of one workspace's users: empty, or as the store holds them. */
  open(key: string, maxUsers: number): Registry
  /** The workspaces the store already holds users for (a data file's, at start). */
  keys(): Iterable<string>
}

const IN_MEMORY: WorkspaceStore = {
  open: (_key, maxUsers) => new MemoryRegistry(maxUsers),
  keys: () => [],
}

export interface WorkspacesOptions {
  mode?: WorkspaceMode
  maxUsers?: number
  maxWorkspaces?: number
  store?: WorkspaceStore
}

/** One line of the teacher's view: a workspace, its users, and its connections now. */
export interface WorkspaceSummary {
  key: string
  users: number
  connections: number
}

// What every view of one server's workspaces shares.
interface Space {
  /** Workspaces holding users. An empty one is dropped: it is indistinguishable from a new one. */
  readonly held: Map<string, Registry>
  readonly store: WorkspaceStore
  readonly maxUsers: number
  readonly maxWorkspaces: number
}

/** The server's workspaces, each a registry created on its first user and dropped at its last. */
export class Workspaces {
  readonly mode: WorkspaceMode
  private readonly space: Space
  private readonly connections = new Map<string, number>()

  constructor(options: WorkspacesOptions = {}) {
    this.mode = options.mode ?? 'computer'
    const maxUsers = options.maxUsers ?? DEFAULT_MAX_USERS
    const maxWorkspaces = options.maxWorkspaces ?? DEFAULT_MAX_WORKSPACES
    for (const [name, n] of [
      ['maxUsers', maxUsers],
      ['maxWorkspaces', maxWorkspaces],
    ] as const) {
      if (!Number.isInteger(n) || n < 1) {
        throw wlError('WL_ERR_LIMIT', `${name} must be a whole number >= 1, not ${n}`)
      }
    }
    const store = options.store ?? IN_MEMORY
    const held = new Map<string, Registry>()
    // A data file's workspaces count from the start, even past maxWorkspaces (they are kept, not lost).
    for (const key of store.keys()) held.set(key, store.open(key, maxUsers))
    this.space = { held, store, maxUsers, maxWorkspaces }
  }

  /** The key of the workspace a visitor belongs to, in this server's mode. */
  keyOf(visitor: Visitor): string {
    return workspaceKey(this.mode, visitor)
  }

  /** A connection enters a workspace: the registry it answers with, until it calls `leave()`. */
  enter(key: string): WorkspaceRegistry {
    this.connections.set(key, (this.connections.get(key) ?? 0) + 1)
    return new WorkspaceRegistry(key, this.space, () => {
      const n = this.connections.get(key)! - 1
      if (n === 0) this.connections.delete(key)
      else this.connections.set(key, n)
    })
  }

  /** Workspaces holding users. */
  get size(): number {
    return this.space.held.size
  }

  /** Every workspace with users or connections, by key, for a teacher's view. */
  list(): WorkspaceSummary[] {
    const keys = new Set([...this.space.held.keys(), ...this.connections.keys()])
    return [...keys].sort().map((key) => ({
      key,
      users: this.space.held.get(key)?.size ?? 0,
      connections: this.connections.get(key) ?? 0,
    }))
  }
}

/** One connection's view of its workspace: a Registry, whatever happens to the workspace meanwhile. */
export class WorkspaceRegistry implements Registry {
  private left = false

  constructor(
    /** The workspace's key (workspaceKey). */
    readonly key: string,
    private readonly space: Space,
    private readonly onLeave: () => void,
  ) {}

  /** The connection closed: it no longer counts in the workspace's connections (once). */
  leave(): void {
    if (this.left) return
    this.left = true
    this.onLeave()
  }

  get(email: string): UserRecord | undefined {
    return this.space.held.get(this.key)?.get(email)
  }

  has(email: string): boolean {
    return this.space.held.get(this.key)?.has(email) ?? false
  }

  create(email: string): UserRecord {
    const { held, store, maxUsers } = this.space
    let registry = held.get(this.key)
    if (registry === undefined) held.set(this.key, (registry = store.open(this.key, maxUsers)))
    return registry.create(email)
  }

  remove(email: string): boolean {
    const registry = this.space.held.get(this.key)
    if (registry === undefined || !registry.remove(email)) return false
    // Its last user gone, the workspace frees its slot; its next user creates it again.
    if (registry.size === 0) this.space.held.delete(this.key)
    return true
  }

  update(email: string, field: FieldName, value: string): void {
    const registry = this.space.held.get(this.key)
    if (registry === undefined) {
      throw wlError('WL_ERR_NO_USER', `no user ${email}`)
    }
    registry.update(email, field, value)
  }

  get size(): number {
    return this.space.held.get(this.key)?.size ?? 0
  }

  full(): Full | undefined {
    const { held, maxWorkspaces } = this.space
    const registry = held.get(this.key)
    if (registry !== undefined) return registry.full()
    return held.size < maxWorkspaces ? undefined : { limit: 'workspaces', max: maxWorkspaces }
  }
}
