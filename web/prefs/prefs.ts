// Display preferences (language, theme, large text): read once, saved to localStorage, applied to <html>.
import { LANGS, htmlLang, type Lang } from '../i18n/messages.ts'
import type { StorageLike } from '../lib/storage.ts'

/** What the header's switches control. */
export interface Prefs {
  lang: Lang
  theme: 'light' | 'dark'
  largeText: boolean
}

/** The localStorage key. */
export const PREFS_KEY = 'wire-lab.prefs.v1'

/** Saved preferences, else Portuguese, the system's colour scheme and normal text. */
export function loadPrefs(storage: StorageLike | undefined, prefersDark: boolean): Prefs {
  const fallback: Prefs = { lang: 'pt', theme: prefersDark ? 'dark' : 'light', largeText: false }
  let saved: unknown
  try {
    saved = JSON.parse(storage?.getItem(PREFS_KEY) ?? 'null')
  } catch {
    return fallback
  }
  if (typeof saved !== 'object' || saved === null) return fallback
  const s = saved as Record<string, unknown>
  return {
    lang: (LANGS as readonly unknown[]).includes(s.lang) ? (s.lang as Lang) : fallback.lang,
    theme: s.theme === 'dark' || s.theme === 'light' ? s.theme : fallback.theme,
    largeText: typeof s.largeText === 'boolean' ? s.largeText : false,
  }
}

/** Saves preferences; storage errors (private mode, quota) are ignored. */
export function savePrefs(storage: StorageLike | undefined, prefs: Prefs): void {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify(prefs))
  } catch {
    // The page still works; the choice is just not remembered.
  }
}

/** Applies preferences to the document element (lang attribute, data-theme, data-size). */
export function applyPrefs(root: HTMLElement, prefs: Prefs): void {
  root.lang = htmlLang(prefs.lang)
  root.dataset.theme = prefs.theme
  root.dataset.size = prefs.largeText ? 'large' : 'normal'
  root.style.colorScheme = prefs.theme
}
