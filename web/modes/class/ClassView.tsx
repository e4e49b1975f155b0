// The class mode: the teacher's live view of every student's connection, or one student's exchange read-only.
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import type { TargetsStore } from '../../targets/targets-store.ts'
import { useTargets } from '../../targets/use-targets.ts'
import { ClassBoard } from './ClassBoard.tsx'
import type { ClassStore } from './class-store.ts'
import { ExchangePanel } from './ExchangePanel.tsx'
import { KeyPanel } from './KeyPanel.tsx'

/** The mode's entry: streams while shown, stops when the teacher leaves the tab. */
export function ClassView({ store, targets }: { store: ClassStore; targets: TargetsStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const allowList = useTargets(targets)
  const lastOpened = useRef<number | undefined>(undefined)
  const back = useCallback(() => store.close(), [store])

  useEffect(() => {
    store.start()
    return () => store.stop()
  }, [store])

  const exchangeId = state.exchange?.id
  useEffect(() => {
    // Back from an exchange: focus returns to the card it was opened from.
    if (exchangeId !== undefined) lastOpened.current = exchangeId
    else if (lastOpened.current !== undefined) {
      document.getElementById(`class-open-${lastOpened.current}`)?.focus()
      lastOpened.current = undefined
    }
  }, [exchangeId])

  const options = allowList.status === 'ready' ? allowList.options : []
  if (state.access !== 'granted' || !state.snapshot) {
    return <KeyPanel state={state} onKey={(key) => store.setKey(key)} />
  }
  if (state.exchange) {
    return (
      <ExchangePanel
        exchange={state.exchange}
        snapshot={state.snapshot}
        skew={state.skew}
        targets={options}
        onBack={back}
        onRefresh={() => store.refresh()}
        onFollow={(follow) => store.setFollow(follow)}
      />
    )
  }
  return (
    <ClassBoard
      snapshot={state.snapshot}
      stream={state.stream}
      skew={state.skew}
      targets={options}
      onOpen={(id) => store.open(id)}
    />
  )
}
