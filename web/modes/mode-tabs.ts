// The page's top-level modes and their URL hashes (#playground, #tour, #framing, #check, #bot, #class), so a teacher can link one.

/** Every mode the page knows, in tab order; App's ModePanel draws each from its store. */
export const MODE_IDS = ['playground', 'tour', 'framing', 'check', 'bot', 'class'] as const
/** A mode's id, which is also its hash. */
export type ModeId = (typeof MODE_IDS)[number]

/**
 * The mode a hash names, or `current` when it names none of `available` (e.g. a skip link's #a-log);
 * a query after the id (`#class?key=K`) is the mode's own.
 */
export function modeFromHash(
  hash: string,
  available: readonly ModeId[],
  current: ModeId = 'playground',
): ModeId {
  const id = hash.replace(/^#/, '').replace(/\?.*$/, '')
  return (available as readonly string[]).includes(id) ? (id as ModeId) : current
}

/** The hash for a mode. */
export function hashOf(mode: ModeId): string {
  return `#${mode}`
}
