// The page's languages and their dictionaries: Portuguese (the lesson's, default) and English.
import { en } from './en.ts'
import { pt, type Messages } from './pt.ts'

export type { Messages } from './pt.ts'

/** The page's languages. */
export const LANGS = ['pt', 'en'] as const
/** A language code: 'pt' or 'en'. */
export type Lang = (typeof LANGS)[number]

/** All dictionaries. */
export const MESSAGES: Readonly<Record<Lang, Messages>> = { pt, en }

/** The `lang` attribute for a language. */
export function htmlLang(lang: Lang): string {
  return lang === 'pt' ? 'pt-BR' : 'en'
}
