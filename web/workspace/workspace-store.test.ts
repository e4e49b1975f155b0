import { describe, expect, it } from 'vitest'
import { GROUP_KEY, TAB_KEY, WorkspaceStore, newTabId } from './workspace-store.ts'

function memory(entries: [string, string][] = []) {
  const map = new Map(entries)
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  }
}

describe('WorkspaceStore', () => {
  it('gives the tab an id of its own, kept for the tab', () => {
    const storage = memory()
    const store = new WorkspaceStore(storage, () => 'k3j9x2')
    expect(store.getSnapshot()).toEqual({ tab: 'k3j9x2' })
    expect(storage.map.get(TAB_KEY)).toBe('k3j9x2')
    expect(new WorkspaceStore(storage, () => 'other1').getSnapshot().tab).toBe('k3j9x2')
    expect(newTabId(() => 0.999)).toBe('zzzzzz')
    expect(newTabId()).toMatch(/^[a-z0-9]{6}$/)
  })

  it('joins a group as the bridge reads it, and refuses what the bridge would refuse', () => {
    const storage = memory()
    const store = new WorkspaceStore(storage, () => 'k3j9x2')
    expect(store.join('  Grupo-3 ')).toEqual({ ok: true, group: 'grupo-3' })
    expect(store.getSnapshot().group).toBe('grupo-3')
    expect(storage.map.get(GROUP_KEY)).toBe('grupo-3')
    expect(store.join('grupo 3')).toEqual({ ok: false, problem: 'invalid' })
    expect(store.join('grupo_3')).toEqual({ ok: false, problem: 'invalid' })
    expect(store.join('ação')).toEqual({ ok: false, problem: 'invalid' })
    expect(store.join('x'.repeat(33))).toEqual({ ok: false, problem: 'invalid' })
    expect(store.join('   ')).toEqual({ ok: false, problem: 'empty' })
    expect(store.getSnapshot().group).toBe('grupo-3')
    store.leave()
    expect(store.getSnapshot()).toEqual({ tab: 'k3j9x2' })
    expect(storage.map.has(GROUP_KEY)).toBe(false)
  })

  it("puts the group and each client's id in the WebSocket URL parameters, as they are at connect", () => {
    const store = new WorkspaceStore(memory([[GROUP_KEY, 'grupo-3']]), () => 'k3j9x2')
    const paneB = store.params('B')
    expect(paneB()).toEqual({ group: 'grupo-3', client: 'k3j9x2-B' })
    store.leave()
    expect(paneB()).toEqual({ group: undefined, client: 'k3j9x2-B' })
  })

  it('ignores a stored group or tab id that is not valid, and works without storage', () => {
    const storage = memory([
      [GROUP_KEY, 'Not A Group'],
      [TAB_KEY, 'has space'],
    ])
    expect(new WorkspaceStore(storage, () => 'abc123').getSnapshot()).toEqual({ tab: 'abc123' })
    const bare = new WorkspaceStore(undefined, () => 'abc123')
    expect(bare.join('g1')).toEqual({ ok: true, group: 'g1' })
  })
})
