// The page's languages and their dictionaries: Portuguese (the lesson's, default) and English, which
// arrives as its own file when first asked for: a Portuguese class never downloads it.
import { pt, type Messages } from './pt.ts'

export type { Messages } from './pt.ts'

/** The page's languages. */
export const LANGS = ['pt', 'en'] as const
/** A language code: 'pt' or 'en'. */
export type Lang = (typeof LANGS)[number]

/** Each language's name in itself, for the language switch. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { pt: 'Português', en: 'English' }

/** Portuguese, the page's default: always loaded. */
export const PT: Messages = pt

const loaded: Partial<Record<Lang, Messages>> = { pt }

/** The dictionary of `lang` once it has loaded, else undefined. */
export function messagesOf(lang: Lang): Messages | undefined {
  return loaded[lang]
}

/** Loads `lang`'s dictionary (at once for Portuguese). */
export async function loadMessages(lang: Lang): Promise<Messages> {
  return (loaded[lang] ??= lang === 'en' ? (await import('./en.ts')).en : pt)
}

/** The `lang` attribute for a language. */
export function htmlLang(lang: Lang): string {
  return lang === 'pt' ? 'pt-BR' : 'en'
}
