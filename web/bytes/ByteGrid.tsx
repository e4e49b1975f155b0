// Bytes as hex over their characters: UTF-8 sequences grouped, controls named, message boundaries marked.
import { Fragment, memo, useMemo } from 'react'
import { codePointLabel, groupBytes, hexByte, type ByteGroup } from './bytes.ts'
import type { Mark, Span } from '../log/entries.ts'
import { useT } from '../i18n/use-i18n.ts'

interface Props {
  bytes: Uint8Array
  marks?: readonly Mark[]
  spans?: readonly Span[]
  /** Start at this byte (a page of a large chunk; a character's first byte, see `pageBounds`). */
  from?: number
  /** Show bytes up to this index (exclusive): at most this many leading bytes when `from` is 0. */
  limit?: number
  /** Also show this many trailing bytes after an ellipsis, when bytes exceed `limit`. */
  tail?: number
  /** Say how many bytes are left out after `limit` (default true; a page of a chunk has its own pager). */
  gap?: boolean
}

/** A drawn group: a character, or a whole 4-byte length prefix shown with its value. */
type Cell = ByteGroup | { offset: number; hex: string[]; glyph: string; kind: 'prefix' }

const NONE: readonly never[] = []

// Groups bytes [from, to), except that a complete 4-byte framing span becomes one cell with its value.
function cells(bytes: Uint8Array, from: number, to: number, spans: readonly Span[]): Cell[] {
  const prefixes = spans
    .filter((s) => s.role === 'frame' && s.to - s.from === 4 && s.from >= from && s.to <= to)
    .sort((a, b) => a.from - b.from)
  const out: Cell[] = []
  let at = from
  const plain = (end: number) => {
    if (end <= at) return
    for (const g of groupBytes(bytes.subarray(at, end))) out.push({ ...g, offset: g.offset + at })
  }
  for (const p of prefixes) {
    plain(p.from)
    const view = new DataView(bytes.buffer, bytes.byteOffset + p.from, 4)
    out.push({
      offset: p.from,
      hex: Array.from(bytes.subarray(p.from, p.to), hexByte),
      glyph: `= ${view.getUint32(0)}`,
      kind: 'prefix',
    })
    at = p.to
  }
  plain(to)
  return out
}

/** The byte grid of a chunk or of the bytes about to be sent; hidden from screen readers (they get text). */
export const ByteGrid = memo(function ByteGrid(props: Props) {
  const t = useT()
  const { bytes, marks = NONE, spans = NONE } = props
  const from = Math.min(props.from ?? 0, bytes.length)
  // Cut between characters, not inside one: move the cuts over UTF-8 continuation bytes.
  const continues = (i: number) => ((bytes[i] ?? 0) & 0xc0) === 0x80
  let limit = Math.min(props.limit ?? bytes.length, bytes.length)
  for (let k = 0; k < 3 && limit < bytes.length && continues(limit); k++) limit++
  let tailFrom = bytes.length - Math.min(props.tail ?? 0, bytes.length - limit)
  for (
    let k = 0;
    k < 3 && tailFrom > limit && tailFrom < bytes.length && continues(tailFrom);
    k++
  ) {
    tailFrom--
  }
  const tail = bytes.length - tailFrom
  const head = useMemo(() => cells(bytes, from, limit, spans), [bytes, from, limit, spans])
  const end = useMemo(
    () => (tail > 0 ? cells(bytes, bytes.length - tail, bytes.length, spans) : []),
    [bytes, tail, spans],
  )
  const skipped = bytes.length - limit - tail
  // Marks by byte index, once per render rather than a search per cell (a chunk may hold hundreds).
  const marksAt = useMemo(() => {
    const at = new Map<number, Mark[]>()
    for (const m of marks) at.set(m.at, [...(at.get(m.at) ?? []), m])
    return at
  }, [marks])

  const roleOf = (g: Cell) => spans.find((s) => g.offset >= s.from && g.offset < s.to)?.role
  const renderMarks = (at: number) =>
    (marksAt.get(at) ?? NONE)
      .toSorted((a, b) => (a.edge === b.edge ? 0 : a.edge === 'end' ? -1 : 1))
      .map((m) => (
        <span
          key={`${m.edge}${m.msg}`}
          className={`mark mark-${m.edge}`}
          title={m.edge === 'start' ? t.markStart(m.msg) : t.markEnd(m.msg)}
        >
          {m.edge === 'start' ? `⟦${m.msg}` : `${m.msg}⟧`}
        </span>
      ))
  const title = (g: Cell, role: Span['role'] | undefined) => {
    const parts: string[] = []
    if (g.kind !== 'prefix' && g.kind !== 'ascii' && g.codePoint !== undefined) {
      parts.push(codePointLabel(g.codePoint))
    }
    if (g.kind === 'partial') parts.push(t.partialChar)
    if (g.kind === 'invalid') parts.push(t.invalidByte)
    if (role === 'frame') parts.push(t.frameBytes)
    if (role === 'rejected') parts.push(t.rejectedBytes)
    return parts.length > 0 ? parts.join(' · ') : undefined
  }
  const cell = (g: Cell) => {
    const role = roleOf(g)
    const name = g.kind === 'control' ? g.name : undefined
    return (
      <Fragment key={g.offset}>
        {renderMarks(g.offset)}
        <span className={`g k-${g.kind}${role ? ` r-${role}` : ''}`} title={title(g, role)}>
          <span className="hx">{g.hex.join(' ')}</span>
          <span className={name ? 'ch ctl' : 'ch'}>{name ?? g.glyph}</span>
        </span>
      </Fragment>
    )
  }

  return (
    <div className="byte-grid" aria-hidden="true">
      {head.map(cell)}
      {skipped > 0 && props.gap !== false && (
        <span className="g k-gap">
          <span className="hx">…</span>
          <span className="ch">{t.bytes(skipped)}</span>
        </span>
      )}
      {end.map(cell)}
      {skipped <= 0 || tail > 0 ? renderMarks(bytes.length) : null}
    </div>
  )
})
