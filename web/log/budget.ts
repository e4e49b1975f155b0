// What the log's entries are reckoned to hold in memory, and how many of the oldest to drop to stay within its caps.
import type { Entry } from './entries.ts'

/**
 * Bytes reckoned per entry besides its byte arrays and text: the entry object and its arrays, its
 * slots in the filtered rows and their snapshot, and the list's position record for it.
 */
export const ENTRY_OVERHEAD = 256
/** Bytes reckoned per mark or span object in a chunk's arrays. */
export const MARK_COST = 32

/** The log's caps: entries, and the memory they are reckoned to hold (`entryCost`). */
export interface LogLimits {
  maxEntries: number
  maxBytes: number
}

/** A pane's log keeps at most 100,000 entries and 64 MiB. */
export const DEFAULT_LIMITS: LogLimits = { maxEntries: 100_000, maxBytes: 64 * 1024 * 1024 }

/** Entries dropped so far, and the bytes they were reckoned to hold. */
export interface Dropped {
  entries: number
  bytes: number
}

/**
 * Bytes an entry is reckoned to keep alive: its bytes, three bytes per character of decoded text (the
 * text, and the value parsed from it), and the fixed overhead. A message body that is a view into
 * its chunk's bytes is counted again, so the figure errs high: the cap is a bound.
 */
export function entryCost(entry: Entry): number {
  switch (entry.kind) {
    case 'chunk':
      return (
        ENTRY_OVERHEAD +
        entry.bytes.byteLength +
        MARK_COST * (entry.marks.length + entry.spans.length)
      )
    case 'message':
      return (
        ENTRY_OVERHEAD +
        entry.body.byteLength +
        3 * ('text' in entry.view ? entry.view.text.length : 0)
      )
    case 'event':
      return ENTRY_OVERHEAD
  }
}

/** The held bytes of a log and what it dropped; `cut` says how many of the oldest entries must go. */
export class LogBudget {
  /** Bytes the entries in the log are reckoned to hold (the sum of their `entryCost`). */
  held = 0
  readonly dropped: Dropped = { entries: 0, bytes: 0 }

  constructor(readonly limits: LogLimits) {}

  /** An entry came in (`cost` its entryCost) or changed (`cost` the difference). */
  add(cost: number): void {
    this.held += cost
  }

  /** Forgets everything: the log was cleared. */
  reset(): void {
    this.held = 0
    this.dropped.entries = 0
    this.dropped.bytes = 0
  }

  /**
   * How many of the oldest of `entries` to drop, 0 while within both caps. Past a cap it cuts to 90%
   * of it, so trimming costs O(1) per entry on average; the newest entry always stays.
   */
  cut(entries: readonly Entry[]): number {
    const { maxEntries, maxBytes } = this.limits
    if (entries.length <= maxEntries && this.held <= maxBytes) return 0
    let n = entries.length > maxEntries ? entries.length - Math.floor(maxEntries * 0.9) : 0
    let held = this.held
    for (let i = 0; i < n; i++) held -= entryCost(entries[i]!)
    if (held > maxBytes) {
      const target = maxBytes * 0.9
      while (n < entries.length - 1 && held > target) held -= entryCost(entries[n++]!)
    }
    return n
  }

  /** `entries` left the log. */
  drop(entries: readonly Entry[]): void {
    for (const entry of entries) {
      const cost = entryCost(entry)
      this.held -= cost
      this.dropped.bytes += cost
    }
    this.dropped.entries += entries.length
  }
}
