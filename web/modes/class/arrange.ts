// How the class view lays out connections: grouped by computer, or one list by activity or trouble (no React).
import type { ClassConnection, ClassSnapshot } from '../../../shared/class-protocol.ts'

/** The orders the teacher can pick. */
export const ORDERS = ['computer', 'activity', 'trouble'] as const
export type Order = (typeof ORDERS)[number]

/** One heading's worth of connections: a computer's, or (ungrouped orders) every shown one. */
export interface ConnectionGroup {
  /** The computer's address, or undefined for an ungrouped list. */
  address?: string
  connections: ClassConnection[]
  /** Connections of this group still open. */
  open: number
}

/** The latest moment anything happened on a connection. */
export function lastActivity(c: ClassConnection): number {
  return Math.max(c.since, c.lastRequest?.at ?? 0, c.lastAnswer?.at ?? 0, c.ended?.at ?? 0)
}

/** Answers that were not 2xx, plus one for a last error that is not such an answer. */
export function troubleOf(c: ClassConnection): number {
  let n = 0
  for (const [code, count] of Object.entries(c.answers)) if (!code.startsWith('2')) n += count
  return n + (c.lastError && c.lastError.kind !== 'answer' ? 1 : 0)
}

/** Numeric IPv4 order (10.0.0.9 before 10.0.0.10), any other address after, as text. */
export function compareAddresses(a: string, b: string): number {
  const key = (s: string) =>
    /^\d+\.\d+\.\d+\.\d+$/.test(s)
      ? s
          .split('.')
          .map((p) => p.padStart(3, '0'))
          .join('.')
      : `~${s}`
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0
}

const byClient = (a: ClassConnection, b: ClassConnection) =>
  (a.client ?? '').localeCompare(b.client ?? '') || a.id - b.id
// Open connections before ended ones, then newest first.
const openFirst = (a: ClassConnection, b: ClassConnection) =>
  Number(a.ended !== undefined) - Number(b.ended !== undefined)

/** The connections to show under `order`, ended ones left out unless `showEnded`. */
export function arrange(
  connections: readonly ClassConnection[],
  order: Order,
  showEnded: boolean,
): ConnectionGroup[] {
  const shown = connections.filter((c) => showEnded || c.ended === undefined)
  const openOf = (list: ClassConnection[]) => list.filter((c) => c.ended === undefined).length
  if (order === 'computer') {
    const by = new Map<string, ClassConnection[]>()
    for (const c of shown) by.set(c.address, [...(by.get(c.address) ?? []), c])
    return [...by.entries()]
      .sort(([a], [b]) => compareAddresses(a, b))
      .map(([address, list]) => {
        const sorted = list.sort((a, b) => openFirst(a, b) || byClient(a, b))
        return { address, connections: sorted, open: openOf(sorted) }
      })
  }
  const rank =
    order === 'activity'
      ? (a: ClassConnection, b: ClassConnection) => lastActivity(b) - lastActivity(a)
      : (a: ClassConnection, b: ClassConnection) =>
          troubleOf(b) - troubleOf(a) || lastActivity(b) - lastActivity(a)
  const sorted = [...shown].sort((a, b) => openFirst(a, b) || rank(a, b))
  return sorted.length > 0 ? [{ connections: sorted, open: openOf(sorted) }] : []
}

/** Open connections, the computers they come from, and the ended ones kept. */
export function classCounts(snapshot: ClassSnapshot): {
  open: number
  computers: number
  ended: number
} {
  const open = snapshot.connections.filter((c) => c.ended === undefined)
  return {
    open: open.length,
    computers: new Set(open.map((c) => c.address)).size,
    ended: snapshot.connections.length - open.length,
  }
}

/** Codes with their counts, in code order ("200" before "404"), for badges. */
export function codeCounts(counts: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
}

/** The server's workspaces, each with its users and the open connections working in it. */
export function workspaceRows(
  snapshot: ClassSnapshot,
): { name: string; users: number; open: number }[] {
  const open = new Map<string, number>()
  for (const c of snapshot.connections) {
    if (c.ended === undefined) open.set(c.workspace, (open.get(c.workspace) ?? 0) + 1)
  }
  const rows = snapshot.workspaces.map((w) => ({ ...w, open: open.get(w.name) ?? 0 }))
  // A workspace with pages in it but no user yet is still worth a row.
  for (const [name, n] of open) {
    if (!rows.some((r) => r.name === name)) rows.push({ name, users: 0, open: n })
  }
  return rows.sort((a, b) => b.open - a.open || b.users - a.users || a.name.localeCompare(b.name))
}
