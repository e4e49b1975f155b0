// The playground's state around its panes: export every log, import a file into read-only review, go back.
import { useCallback, useState, useSyncExternalStore } from 'react'
import type { Framing } from '../../shared/framing.ts'
import { downloadText } from '../lib/download.ts'
import { ClientSession } from '../session/client-session.ts'
import type { Dropped } from '../log/budget.ts'
import type { Entry } from '../log/entries.ts'
import {
  droppedOf,
  exportFileName,
  exportLog,
  paneLogOf,
  readLogFile,
  type ImportError,
  type PaneLog,
} from './review/log-file.ts'
import type { Pane, PaneName, PaneSet } from './panes/panes.ts'
import { wlError } from '../../shared/errors.ts'

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

/** A ClientSession for reading: its log starts with `entries` (`dropped` before them), and it refuses to open a socket. */
export function reviewSession(entries: readonly Entry[], dropped?: Dropped): ClientSession {
  return new ClientSession({
    socket: () => {
      throw wlError('WL_ERR_READ_ONLY', 'a reviewed log is read-only')
    },
    log: { initial: entries, ...(dropped ? { initialDropped: dropped } : {}) },
  })
}

/** The panes, the review if one is open, and the export, import and back-to-live actions. */
export function usePlayground(panes: PaneSet) {
  const list: readonly Pane[] = useSyncExternalStore(panes.subscribe, panes.getSnapshot)
  const [review, setReview] = useState<Review | undefined>()
  const [failure, setFailure] = useState<ImportFailure | undefined>()

  const exportAll = useCallback(() => {
    const logs: PaneLog[] = review
      ? review.panes.map(({ session, ...p }) => ({
          ...p,
          entries: session.log.all(),
          ...droppedOf(session),
        }))
      : list.map((p) => paneLogOf(p.name, p.session))
    downloadText(exportFileName(), exportLog(logs), 'application/json')
  }, [review, list])

  const importFile = useCallback(async (file: File) => {
    const result = await readLogFile(file)
    if (!result.ok) {
      setFailure({ fileName: file.name, error: result.error })
      return
    }
    setFailure(undefined)
    setReview({
      fileName: file.name,
      exportedAt: result.exportedAt,
      panes: result.panes.map(({ entries, dropped, ...p }) => ({
        ...p,
        session: reviewSession(entries, dropped),
      })),
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
