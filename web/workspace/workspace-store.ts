// The page's place in the server's workspaces: the group it joined and its id for itself, kept per tab (no React).
import { CLIENT_PARAM, GROUP_PARAM, normalizeGroup } from '../../shared/bridge-constants.ts'
import { SnapshotStore } from '../lib/snapshot-store.ts'
import type { StorageLike } from '../lib/storage.ts'

/** What the page tells the bridge about itself: a group (absent: this computer's workspace) and its tab's id. */
export interface WorkspaceState {
  /** 6 characters, one per browser tab: the teacher tells tabs on one computer apart by it. */
  tab: string
  group?: string
}

/** A join: the group as it goes on the wire, or why the text cannot be one. */
export type JoinResult = { ok: true; group: string } | { ok: false; problem: 'empty' | 'invalid' }

/** sessionStorage keys: a group and an id per tab, forgotten when the tab closes. */
export const TAB_KEY = 'wire-lab.tab.v1'
export const GROUP_KEY = 'wire-lab.group.v1'

/** A fresh tab id: 6 of a-z and 0-9. */
export function newTabId(random: () => number = Math.random): string {
  let id = ''
  for (let i = 0; i < 6; i++)
    id += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)]
  return id
}

/** The group and tab id for every connection the page opens; a change applies from the next connect. */
export class WorkspaceStore extends SnapshotStore<WorkspaceState> {
  constructor(
    private readonly storage: StorageLike | undefined,
    makeId: () => string = newTabId,
  ) {
    const savedTab = read(storage, TAB_KEY)
    const tab = savedTab !== undefined && /^[a-z0-9]{6}$/.test(savedTab) ? savedTab : makeId()
    const group = normalizeGroup(read(storage, GROUP_KEY) ?? '')
    super({ tab, ...(group !== undefined && { group }) })
    write(storage, TAB_KEY, tab)
  }

  /** Joins the group `text` names (trimmed, lower-cased, as the bridge reads it). */
  join(text: string): JoinResult {
    if (text.trim() === '') return { ok: false, problem: 'empty' }
    const group = normalizeGroup(text)
    if (group === undefined) return { ok: false, problem: 'invalid' }
    write(this.storage, GROUP_KEY, group)
    if (group !== this.state.group) this.replace({ ...this.state, group })
    return { ok: true, group }
  }

  /** Back to this computer's own workspace. */
  leave(): void {
    try {
      this.storage?.removeItem(GROUP_KEY)
    } catch {
      // Storage refused: the group is still left for this page.
    }
    if (this.state.group !== undefined) this.replace({ tab: this.state.tab })
  }

  /** The WebSocket URL parameters of one of the page's clients (`A`, `B`, `tour`...), read at each connect. */
  params(who: string): () => Record<string, string | undefined> {
    return () => ({ [GROUP_PARAM]: this.state.group, [CLIENT_PARAM]: `${this.state.tab}-${who}` })
  }
}

function read(storage: StorageLike | undefined, key: string): string | undefined {
  try {
    return storage?.getItem(key) ?? undefined
  } catch {
    return undefined
  }
}

function write(storage: StorageLike | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value)
  } catch {
    // Not remembering across reloads is harmless.
  }
}
