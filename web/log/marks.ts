// Where a decoded message lies within one chunk it overlaps: its start and end marks and its framing bytes.
import { concatBytes } from '../../shared/pieces.ts'
import type { Range } from '../../shared/protocols/types.ts'
import type { ChunkEntry } from './entries.ts'

/** A decoder's event as the chunks see it: a message (number `n`, its framing ranges) or rejected bytes. */
export type Placed =
  | { kind: 'message'; start: number; end: number; n: number; frame: readonly Range[] }
  | { kind: 'error'; start: number; end: number }

/** The chunk's marks and spans with those of the event `ev` added. */
export function annotate(chunk: ChunkEntry, ev: Placed): Pick<ChunkEntry, 'marks' | 'spans'> {
  const base = chunk.offset
  const size = chunk.bytes.length
  const clip = (x: number) => Math.min(size, Math.max(0, x - base))
  const marks = [...chunk.marks]
  const spans = [...chunk.spans]
  if (ev.kind === 'error') {
    spans.push({ from: clip(ev.start), to: clip(ev.end), role: 'rejected' })
    return { marks, spans }
  }
  if (ev.start >= base) marks.push({ at: ev.start - base, edge: 'start', msg: ev.n })
  if (ev.end <= base + size) marks.push({ at: ev.end - base, edge: 'end', msg: ev.n })
  // Framing bytes: the length prefix before the body, the newline after it, CRLFs, chunk sizes.
  for (const f of ev.frame) spans.push({ from: clip(f.start), to: clip(f.end), role: 'frame' })
  return { marks, spans: spans.filter((s) => s.to > s.from) }
}

/** The stream bytes from `start` to `end` that these chunks (in stream order) hold. */
export function sliceChunks(chunks: readonly ChunkEntry[], start: number, end: number): Uint8Array {
  const parts: Uint8Array[] = []
  for (const c of chunks) {
    const from = Math.max(start, c.offset) - c.offset
    const to = Math.min(end, c.offset + c.bytes.length) - c.offset
    if (to > from) parts.push(c.bytes.subarray(from, to))
  }
  return concatBytes(parts)
}
