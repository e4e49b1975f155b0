// One chunk in the log: direction, time, size, copy button, and its bytes with message boundaries.
import { memo } from 'react'
import type { ChunkEntry } from './entries.ts'
import { useT } from '../i18n/use-i18n.ts'
import { ChunkBytes } from './ChunkBytes.tsx'

/** A chunk row; `onCopy` copies its bytes as hex. */
export const ChunkRow = memo(function ChunkRow(props: {
  entry: ChunkEntry
  onCopy: (entry: ChunkEntry) => void
}) {
  const t = useT()
  const { entry } = props
  return (
    <article
      className={`entry chunk dir-${entry.dir}${entry.previous ? ' previous' : ''}`}
      aria-label={`${t.dir[entry.dir]}, ${t.chunk(entry.n)}, ${t.bytes(entry.bytes.length)}`}
    >
      <div className="entry-head">
        <DirTag dir={entry.dir} />
        <span className="entry-title" title={t.chunkHelp}>
          {t.chunk(entry.n)}
        </span>
        <span className="entry-meta">{t.bytes(entry.bytes.length)}</span>
        <Time t={entry.t} />
        {entry.previous && <span className="tag">{t.previous}</span>}
        <button
          type="button"
          className="button ghost small copy"
          aria-label={t.copyHexOf(entry.n)}
          onClick={() => props.onCopy(entry)}
        >
          {t.copyHex}
        </button>
      </div>
      <ChunkBytes entry={entry} />
    </article>
  )
})

/** Arrow, colour and word for a direction: never colour alone. */
export function DirTag({ dir, label }: { dir: 'sent' | 'received'; label?: string }) {
  const t = useT()
  return (
    <span className={`dir-tag dir-${dir}`}>
      <span aria-hidden="true">{dir === 'sent' ? '→' : '←'}</span> {label ?? t.dir[dir]}
    </span>
  )
}

/** Milliseconds since the connection started. */
export function Time({ t: ms }: { t: number }) {
  const t = useT()
  return (
    <span className="time" title={t.sinceConnect}>
      +{Math.round(ms)} ms
    </span>
  )
}
