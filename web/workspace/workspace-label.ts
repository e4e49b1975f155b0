// Which workspace (registry) a connection works in, read from the bridge's PROXY event or a server key (no React).
import type { Messages } from '../i18n/messages.ts'
import type { ConnectionState } from '../session/connection.ts'

/** A workspace of the server: a computer's, a group's, or the one class-wide registry. */
export type Workspace =
  | { kind: 'computer'; address: string }
  | { kind: 'group'; name: string }
  | { kind: 'class' }
  /** A key this page does not know (a newer server's): shown as it is. */
  | { kind: 'other'; key: string }

/**
 * The workspace of an open connection, from who the bridge said the page is; undefined before that,
 * and for a target that is not the bundled server (the bridge introduces the page to it only).
 */
export function workspaceOfConnection(state: ConnectionState): Workspace | undefined {
  if (state.status !== 'open' || !state.proxy) return undefined
  const { source, group } = state.proxy
  return group !== undefined
    ? { kind: 'group', name: group }
    : { kind: 'computer', address: source.address }
}

/** The workspace a server key names: `ip:ADDRESS`, `group:NAME` or `class`. */
export function workspaceOfKey(key: string): Workspace {
  if (key === 'class') return { kind: 'class' }
  if (key.startsWith('ip:')) return { kind: 'computer', address: key.slice(3) }
  if (key.startsWith('group:')) return { kind: 'group', name: key.slice(6) }
  return { kind: 'other', key }
}

/**
 * The connection's group when the page has since chosen another one (or left it): the page's
 * choice applies from the next connect, so the pane says to reconnect. Undefined when they agree.
 */
export function pendingGroup(
  state: ConnectionState,
  chosen: string | undefined,
): { chosen: string | undefined } | undefined {
  const now = workspaceOfConnection(state)
  if (!now) return undefined
  const current = now.kind === 'group' ? now.name : undefined
  return current === chosen ? undefined : { chosen }
}

/** How one reader names each kind of workspace (the student's words, the teacher's). */
export interface WorkspaceWords {
  computer: (address: string) => string
  group: (name: string) => string
  class: string
}

/** A workspace in `words`; a key the page does not know is shown as it is. */
export function nameWorkspace(w: Workspace, words: WorkspaceWords): string {
  switch (w.kind) {
    case 'computer':
      return words.computer(w.address)
    case 'group':
      return words.group(w.name)
    case 'class':
      return words.class
    case 'other':
      return w.key
  }
}

/** A workspace as a student reads it: "este computador (192.168.0.23)", "grupo grupo-3". */
export function workspaceSentence(w: Workspace, t: Messages): string {
  return nameWorkspace(w, t.workspace)
}
