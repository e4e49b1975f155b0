// The teacher's key: taken from the URL fragment `#class?key=K` on load, kept for the tab, never shown in the address bar.
import type { StorageLike } from '../../lib/storage.ts'

/** sessionStorage key of the teacher's key: kept for the tab, forgotten when it closes. */
export const TEACHER_KEY = 'wire-lab.teacher-key.v1'

/** The key in a `#class?key=K` fragment (as npm start prints it), or undefined when there is none. */
export function keyFromHash(hash: string): string | undefined {
  const match = /^#class\?(.*)$/.exec(hash)
  if (!match) return undefined
  const key = new URLSearchParams(match[1]).get('key')?.trim()
  return key ? key : undefined
}

/** The fragment without its query: `#class?key=K` becomes `#class`, so a projected URL bar shows no key. */
export function hashWithoutKey(hash: string): string {
  return hash.replace(/\?.*$/, '')
}

/** Keeps the key for the tab (`undefined` forgets it); storage errors only cost remembering it. */
export function keepKey(storage: StorageLike | undefined, key: string | undefined): void {
  try {
    if (key === undefined) storage?.removeItem(TEACHER_KEY)
    else storage?.setItem(TEACHER_KEY, key)
  } catch {
    // Not kept across reloads; the page works for now.
  }
}
