// Copy a chunk's bytes as hex, with a status line ("copied", "copy failed") that clears itself.
import { useCallback, useEffect, useState } from 'react'
import { toHex } from './bytes.ts'
import { copyText } from '../lib/clipboard.ts'
import type { ChunkEntry } from '../log/entries.ts'
import { useT } from '../i18n/use-i18n.ts'

/** The copy handler for chunk rows and the status text to show beside the log. */
export function useCopyHex(): { copyStatus: string; onCopy: (entry: ChunkEntry) => void } {
  const t = useT()
  const [copyStatus, setCopyStatus] = useState('')
  useEffect(() => {
    if (!copyStatus) return
    const timer = setTimeout(() => setCopyStatus(''), 2500)
    return () => clearTimeout(timer)
  }, [copyStatus])
  const onCopy = useCallback(
    (entry: ChunkEntry) => {
      void copyText(toHex(entry.bytes)).then((ok) =>
        setCopyStatus(ok ? t.copied(entry.n) : t.copyFailed),
      )
    },
    [t],
  )
  return { copyStatus, onCopy }
}
