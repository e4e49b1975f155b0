// A chunk's bytes in its log row: the first 256, then all of them, or a page at a time when there are many.
import { useState } from 'react'
import { pageBounds, pageCount, visibleText } from '../bytes/bytes.ts'
import { ByteGrid } from '../bytes/ByteGrid.tsx'
import { useT } from '../i18n/use-i18n.ts'
import type { ChunkEntry } from './entries.ts'

/** Bytes shown before a person asks for more: the grid costs a few DOM nodes per byte. */
export const FOLD = 256
/**
 * Bytes per page of a large chunk: about 3,000 elements, which open within a frame or two, where
 * 64 KiB at once (~200,000) froze the tab for seconds.
 */
export const PAGE = 1024

/** The byte grid of a chunk: folded, whole, or paged, with the buttons that move between them. */
export function ChunkBytes({ entry }: { entry: ChunkEntry }) {
  const t = useT()
  const { bytes, marks, spans } = entry
  // undefined: folded (when there is more than FOLD); otherwise the page shown.
  const [page, setPage] = useState<number | undefined>(bytes.length > FOLD ? undefined : 0)
  const pages = pageCount(bytes, PAGE)
  const [from, to] = page === undefined ? [0, FOLD] : pageBounds(bytes, page, PAGE)
  const paged = page !== undefined && pages > 1
  return (
    <>
      <span className="sr-only">{visibleText(bytes.subarray(from, to))}</span>
      <ByteGrid
        bytes={bytes}
        marks={marks}
        spans={spans}
        from={from}
        limit={to}
        {...(paged ? { gap: false } : {})}
      />
      {page === undefined && (
        <button type="button" className="button ghost small" onClick={() => setPage(0)}>
          {t.showAll(bytes.length)}
        </button>
      )}
      {paged && (
        <div className="byte-pager" role="group" aria-label={t.pagerLabel(entry.n)}>
          <button
            type="button"
            className="button ghost small"
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            <span aria-hidden="true">← </span>
            {t.pagePrev}
          </button>
          <label className="byte-pager-page">
            {t.pageLabel}{' '}
            <input
              type="number"
              min={1}
              max={pages}
              value={page + 1}
              onChange={(e) => {
                const n = e.currentTarget.valueAsNumber
                if (Number.isInteger(n)) setPage(Math.min(pages, Math.max(1, n)) - 1)
              }}
            />{' '}
            {t.pageOf(pages)}
          </label>
          <span className="byte-pager-range">{t.pageRange(from, to - 1, bytes.length)}</span>
          <button
            type="button"
            className="button ghost small"
            disabled={page === pages - 1}
            onClick={() => setPage(page + 1)}
          >
            {t.pageNext}
            <span aria-hidden="true"> →</span>
          </button>
          <button type="button" className="button ghost small" onClick={() => setPage(undefined)}>
            {t.pageFold}
          </button>
        </div>
      )}
    </>
  )
}
