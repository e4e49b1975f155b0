// The virtual list's data: every entry that passes the filter, kept in step as entries come, change and go.
import { passes, type Entry, type LogFilter } from './entries.ts'

// Index of the first row whose id is >= `id` (rows are in ascending id order).
function lowerBound(rows: readonly Entry[], id: number): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (rows[mid]!.id < id) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The filtered rows, updated in O(1) per appended entry and O(log n) per changed one. */
export class FilteredRows {
  private rows: Entry[] = []
  private copy: readonly Entry[] = []
  private dirty = false

  constructor(private filter: LogFilter) {}

  /** Rebuilds the rows from every entry for a new filter (O(n), on a click). */
  reset(entries: readonly Entry[], filter: LogFilter): void {
    this.filter = filter
    this.rows = entries.filter((e) => passes(e, filter))
    this.dirty = true
  }

  /** An entry appended to the log. */
  add(entry: Entry): void {
    if (!passes(entry, this.filter)) return
    this.rows.push(entry)
    this.dirty = true
  }

  /** A new version of an entry already in the log (same id). */
  replace(entry: Entry): void {
    const i = lowerBound(this.rows, entry.id)
    if (this.rows[i]?.id !== entry.id) return
    this.rows[i] = entry
    this.dirty = true
  }

  /** Entries with ids below `id` left the log. */
  dropBefore(id: number): void {
    const cut = lowerBound(this.rows, id)
    if (cut === 0) return
    this.rows.splice(0, cut)
    this.dirty = true
  }

  /** Index of the row with this id, or of the first row after it. */
  indexOf(id: number): number {
    return lowerBound(this.rows, id)
  }

  /** A frozen copy for a snapshot; the same array until something changes. */
  snapshot(): readonly Entry[] {
    if (this.dirty) {
      this.copy = this.rows.slice()
      this.dirty = false
    }
    return this.copy
  }
}
