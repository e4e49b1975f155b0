// Both dictionaries at once, for tests and tools: the page itself loads English only when asked (messages.ts).
import { en } from './en.ts'
import type { Lang, Messages } from './messages.ts'
import { botMenuPt } from './bot-menu.ts'
import { checkPt } from './check.ts'
import { classViewPt } from './class-view.ts'
import { framingLabPt } from './framing-lab.ts'
import { pt } from './pt.ts'
import { tourPt } from './tour.ts'

/** Every language's dictionary, each mode's strings included (the page loads them with the mode). */
export const MESSAGES: Readonly<Record<Lang, Messages>> = {
  pt: { ...pt, ...tourPt, ...framingLabPt, ...checkPt, ...botMenuPt, ...classViewPt },
  en,
}
