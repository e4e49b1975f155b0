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

/** The modes that bring strings of their own. */
export type ModeWithMessages = 'tour' | 'framing' | 'check' | 'bot' | 'class'

// Each mode's Portuguese strings, a file of their own (English has them all in its own file).
const MODE_MESSAGES: Record<ModeWithMessages, () => Promise<Partial<Messages>>> = {
  // The tour's framing step shows the framing lab's columns, in the lab's words.
  tour: async () => {
    const [{ tourPt }, { framingLabPt }] = await Promise.all([
      import('./tour.ts'),
      import('./framing-lab.ts'),
    ])
    return { ...tourPt, ...framingLabPt }
  },
  framing: async () => (await import('./framing-lab.ts')).framingLabPt,
  check: async () => (await import('./check.ts')).checkPt,
  bot: async () => (await import('./bot-menu.ts')).botMenuPt,
  class: async () => (await import('./class-view.ts')).classViewPt,
}

/** Adds `mode`'s own Portuguese strings to the dictionary, before the mode's components render. */
export async function loadModeMessages(mode: ModeWithMessages): Promise<void> {
  Object.assign(pt, await MODE_MESSAGES[mode]())
}

/** Loads `lang`'s dictionary (at once for Portuguese). */
export async function loadMessages(lang: Lang): Promise<Messages> {
  return (loaded[lang] ??= lang === 'en' ? (await import('./en.ts')).en : pt)
}

/** The `lang` attribute for a language. */
export function htmlLang(lang: Lang): string {
  return lang === 'pt' ? 'pt-BR' : 'en'
}
