// Loads the bridge's allow-list once (and again on retry) for the target select.
import { useCallback, useEffect, useState } from 'react'
import type { TargetsInfo } from '../../shared/bridge-protocol.ts'
import { fetchTargets, targetOptions, type TargetOption } from './targets.ts'

/** The allow-list as the connection bar needs it. */
export type TargetsState =
  | { status: 'loading' }
  | { status: 'ready'; info: TargetsInfo; options: TargetOption[] }
  | { status: 'error' }

/** Fetches `url` on mount; `retry()` fetches again. */
export function useTargets(url: string): { state: TargetsState; retry: () => void } {
  const [state, setState] = useState<TargetsState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    fetchTargets(url).then(
      (info) => live && setState({ status: 'ready', info, options: targetOptions(info) }),
      () => live && setState({ status: 'error' }),
    )
    return () => {
      live = false
    }
  }, [url, attempt])
  const retry = useCallback(() => {
    setState({ status: 'loading' })
    setAttempt((n) => n + 1)
  }, [])
  return { state, retry }
}
