// Where a decoded message lies within one chunk it overlaps: its start and end marks and its framing bytes.
import type { FrameEvent, Framing } from '../../shared/framing.ts'
import type { ChunkEntry } from './entries.ts'

/** The chunk's marks and spans with those of the frame event `ev` (message number `n`) added. */
export function annotate(
  chunk: ChunkEntry,
  ev: FrameEvent,
  n: number,
  framing: Framing,
): Pick<ChunkEntry, 'marks' | 'spans'> {
  const base = chunk.offset
  const size = chunk.bytes.length
  const clip = (x: number) => Math.min(size, Math.max(0, x - base))
  const marks = [...chunk.marks]
  const spans = [...chunk.spans]
  if (ev.type === 'error') {
    spans.push({ from: clip(ev.start), to: clip(ev.end), role: 'rejected' })
    return { marks, spans }
  }
  if (ev.start >= base) marks.push({ at: ev.start - base, edge: 'start', msg: n })
  if (ev.end <= base + size) marks.push({ at: ev.end - base, edge: 'end', msg: n })
  // Framing bytes: the length prefix before the body, or the newline after it.
  const extra = ev.end - ev.start - ev.body.length
  if (extra > 0 && framing === 'length') {
    spans.push({ from: clip(ev.start), to: clip(ev.start + extra), role: 'frame' })
  } else if (extra > 0) {
    spans.push({ from: clip(ev.end - extra), to: clip(ev.end), role: 'frame' })
  }
  return { marks, spans: spans.filter((s) => s.to > s.from) }
}
