// The checker mode: pick a server, run the protocol's conformance suite on it, read what is wrong case by case.
import { useState, useSyncExternalStore } from 'react'
import { useT } from '../../i18n/use-i18n.ts'
import type { TargetsStore } from '../../targets/targets-store.ts'
import { currentSelection, defaultOption, resolveTarget } from '../../targets/targets.ts'
import { useTargets } from '../../targets/use-targets.ts'
import { CheckControls } from './CheckControls.tsx'
import { CheckResults } from './CheckResults.tsx'
import type { CheckStore } from './check-store.ts'

/** "Verificar servidor": the suite that `npm run conformance` runs, through the bridge, in the page. */
export function CheckMode({ store, targets }: { store: CheckStore; targets: TargetsStore }) {
  const t = useT().check
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const targetsState = useTargets(targets)
  const ready = targetsState.status === 'ready' ? targetsState : undefined
  const options = ready?.options ?? []
  const fallback = ready ? defaultOption(ready.info, ready.options) : undefined
  const selection = currentSelection(state.settings.selection, options, fallback)
  const option = options.find((o) => o.id === selection.optionId)
  const target = option ? resolveTarget(option, selection.port) : undefined
  const framing = state.settings.framing ?? option?.framing ?? 'json'
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set())
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was)
      if (!next.delete(id)) next.add(id)
      return next
    })

  return (
    <div className="mode-page check-mode">
      <div className="mode-intro">
        <h2>{t.heading}</h2>
        <p>{t.intro}</p>
      </div>
      <CheckControls
        targetsState={targetsState}
        targetsUrl={targets.url}
        onRetryTargets={targets.retry}
        settings={state.settings}
        selection={selection}
        option={option}
        framing={framing}
        target={target}
        running={state.live !== undefined}
        stopping={state.live?.stopping ?? false}
        onSettings={(change) => store.setSettings(change)}
        onRun={() => target && store.run(target, framing)}
        onStop={() => store.stop()}
      />
      <CheckResults
        state={state}
        open={open}
        onToggle={toggle}
        onRerun={(id) => store.rerun([id])}
        onRerunFailed={() => store.rerunFailed()}
      />
    </div>
  )
}
