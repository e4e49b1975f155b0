// Byte pieces of a message being assembled across reads, joined once when it is complete.

/** Joins chunk views into one array (no copy for a single part). */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const size = total ?? parts.reduce((n, p) => n + p.length, 0)
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Holds the pieces of the message being assembled, so complete messages are copied once at most. */
export class Pieces {
  parts: Uint8Array[] = []
  size = 0
  add(p: Uint8Array): void {
    if (p.length === 0) return
    this.parts.push(p)
    this.size += p.length
  }
  take(): Uint8Array {
    const out = concatBytes(this.parts, this.size)
    this.parts = []
    this.size = 0
    return out
  }
  clear(): void {
    this.parts = []
    this.size = 0
  }
}
