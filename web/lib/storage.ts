// The part of Web Storage the page uses, and a probe that survives storage being disabled.

/** The Web Storage methods the page calls (sessionStorage or localStorage, a Map in tests). */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** The browser's storage of that name, or undefined where merely reading it throws (storage disabled). */
export function browserStorage(name: 'sessionStorage' | 'localStorage'): StorageLike | undefined {
  try {
    return window[name]
  } catch {
    return undefined
  }
}
