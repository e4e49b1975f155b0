// The whole suite in run order, and the selection a run makes from it (level, --only).
import { BEYOND_CASES } from './cases-beyond.ts'
import { ENCODING_CASES } from './cases-encoding.ts'
import { LESSON_CASES } from './cases-lesson.ts'
import type { Case, CaseInfo } from './types.ts'
import { wlError } from '../errors.ts'

/** Every case, in the order a run takes them: the lesson's level first, on one connection. */
export const SUITE: readonly Case[] = [...LESSON_CASES, ...ENCODING_CASES, ...BEYOND_CASES]

/** Which cases a run covers: the lesson's level only, or all. */
export type LevelChoice = 'lesson' | 'all'

/**
 * The cases of a run, in suite order. `only` names case ids (a re-run of some cases); an unknown id
 * is a programmer error.
 */
export function selectCases(level: LevelChoice, only?: readonly string[]): Case[] {
  if (only !== undefined) {
    for (const id of only) {
      if (!SUITE.some((c) => c.id === id)) {
        throw wlError('WL_ERR_NO_SUCH_CASE', `no conformance case named ${id}`)
      }
    }
    return SUITE.filter((c) => only.includes(c.id))
  }
  return SUITE.filter((c) => level === 'all' || c.level === 'lesson')
}

/** The summary of a case, as the page lists it before a run. */
export function caseInfo(c: Case): CaseInfo {
  return { id: c.id, level: c.level, group: c.group, title: c.title }
}
