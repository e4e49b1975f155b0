// Both dictionaries at once, for tests and tools: the page itself loads English only when asked (messages.ts).
import { en } from './en.ts'
import type { Lang, Messages } from './messages.ts'
import { pt } from './pt.ts'

/** Every language's dictionary. */
export const MESSAGES: Readonly<Record<Lang, Messages>> = { pt, en }
