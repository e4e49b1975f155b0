// The playground's state around its panes: export every log, import a file into read-only review, go back.
import { useCallback, useState, useSyncExternalStore } from 'react'
import type { Framing } from '../../shared/framing.ts'
import { downloadText } from '../lib/download.ts'
import { ClientSession } from '../session/client-session.ts'
import type { Entry } from '../log/entries.ts'
import {
  exportFileName,
  exportLog,
  importLog,
  paneLogOf,
  type ImportError,
  type PaneLog,
} from './review/log-file.ts'
import type { Pane, PaneName, PaneSet } from './panes/panes.ts'

/** An imported pane: what it was connected to, and a session that never connects, holding its entries. */
export interface ReviewPane {
  name: PaneName
  target: string | null
  framing: Framing
  session: ClientSession
}

/** An imported file under review. */
export interface Review {
  fileName: string
  exportedAt: string
  panes: ReviewPane[]
}

/** A file that could not be imported, and why. */
export interface ImportFailure {
  fileName: string
  error: ImportError | { kind: 'unreadable' }
}

/** A ClientSession for reading: its log starts with `entries`, and it refuses to open a socket. */
export function reviewSession(entries: readonly Entry[]): ClientSession {
  return new ClientSession({
    socket: () => {
      throw Object.assign(new Error('a reviewed log is read-only'), { code: 'WL_ERR_READ_ONLY' })
    },
    log: { initial: entries },
  })
}

/** The panes, the review if one is open, and the export, import and back-to-live actions. */
export function usePlayground(panes: PaneSet) {
  const list: readonly Pane[] = useSyncExternalStore(panes.subscribe, panes.getSnapshot)
  const [review, setReview] = useState<Review | undefined>()
  const [failure, setFailure] = useState<ImportFailure | undefined>()

  const exportAll = useCallback(() => {
    const logs: PaneLog[] = review
      ? review.panes.map((p) => ({ ...p, entries: p.session.log.all() }))
      : list.map((p) => paneLogOf(p.name, p.session))
    downloadText(exportFileName(), exportLog(logs), 'application/json')
  }, [review, list])

  const importFile = useCallback(async (file: File) => {
    let text: string
    try {
      text = await file.text()
    } catch {
      setFailure({ fileName: file.name, error: { kind: 'unreadable' } })
      return
    }
    const result = importLog(text)
    if (!result.ok) {
      setFailure({ fileName: file.name, error: result.error })
      return
    }
    setFailure(undefined)
    setReview({
      fileName: file.name,
      exportedAt: result.exportedAt,
      panes: result.panes.map(({ entries, ...p }) => ({ ...p, session: reviewSession(entries) })),
    })
  }, [])

  return {
    list,
    review,
    failure,
    exportAll,
    importFile,
    backToLive: useCallback(() => setReview(undefined), []),
    dismissFailure: useCallback(() => setFailure(undefined), []),
  }
}

/** What `usePlayground` returns. */
export type PlaygroundState = ReturnType<typeof usePlayground>
