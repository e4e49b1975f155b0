// The framing lab mode: one message split or glued, sent to several servers side by side, one session each.
import { useMemo, useRef, useSyncExternalStore } from 'react'
import { useT } from '../../i18n/use-i18n.ts'
import type { TargetsStore } from '../../targets/targets-store.ts'
import { useTargets } from '../../targets/use-targets.ts'
import { FramingColumn } from './FramingColumn.tsx'
import { FramingControls } from './FramingControls.tsx'
import { defaultColumns, labColumns, labTargets, ownRanges, planFor } from './framing-lab.ts'
import type { FramingLabStore } from './framing-lab-store.ts'

/** The lesson's open question, answered by experiment: where does a message end? */
export function FramingLab({ store, targets }: { store: FramingLabStore; targets: TargetsStore }) {
  const t = useT().framingLab
  const { settings, picked, picks, runs } = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const targetsState = useTargets(targets)
  const options = useMemo(
    () => (targetsState.status === 'ready' ? targetsState.options : []),
    [targetsState],
  )
  const servers = useMemo(() => labTargets(options), [options])
  const ranges = useMemo(() => ownRanges(options), [options])
  const columns = labColumns(options, picked, picks)
  const results = useRef<HTMLDivElement>(null)
  const run = () => {
    store.run(columns)
    // Run changes what the columns show: bring them into view (below the settings on a projector).
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
    results.current?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' })
  }

  return (
    <div className="mode-page framing-lab">
      <div className="mode-intro">
        <h2>{t.heading}</h2>
        <p>{t.intro}</p>
      </div>
      <FramingControls
        settings={settings}
        onSettings={(next) => store.setSettings(next)}
        targetsState={targetsState}
        targetsUrl={targets.url}
        onRetryTargets={targets.retry}
        targets={servers}
        selected={picked ?? defaultColumns(servers)}
        onSelected={(ids) => store.setPicked(ids)}
        ranges={ranges}
        picks={picks}
        onPicks={(next) => store.setPicks(next)}
        canRun={columns.length > 0}
        onRun={run}
      />
      <div className="fl-columns" ref={results}>
        {columns.map((target) => {
          const run = runs[target.id]
          return (
            <FramingColumn
              key={target.id}
              target={target}
              preview={planFor(target.framing, settings)}
              {...(run ? { run } : {})}
            />
          )
        })}
      </div>
    </div>
  )
}
