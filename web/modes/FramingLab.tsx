// The framing lab mode: one message split or glued, sent to several servers side by side, one Lab each.
import { useEffect, useMemo, useState } from 'react'
import { browserSocket } from '../connection.ts'
import { Lab } from '../lab.ts'
import type { BridgeLocation } from '../targets.ts'
import { useT } from '../use-i18n.ts'
import { useTargets } from '../use-targets.ts'
import { FramingColumn } from './FramingColumn.tsx'
import { FramingControls } from './FramingControls.tsx'
import {
  DEFAULT_SETTINGS,
  defaultColumns,
  labTargets,
  planFor,
  type Settings,
} from './framing-lab.ts'
import { FramingRun } from './framing-run.ts'

// What the lab last showed, per bridge: leaving the tab and coming back finds the same settings and
// results. Runs are left to finish on their own; each closes its connection when it is done.
interface Kept {
  settings: Settings
  picked: string[] | undefined
  runs: Readonly<Record<string, FramingRun>>
}
const kept = new Map<string, Kept>()

/** The lesson's open question, answered by experiment: where does a message end? */
export function FramingLab({ bridge }: { bridge: BridgeLocation }) {
  const t = useT().framingLab
  const { state: targetsState, retry } = useTargets(bridge.targetsUrl)
  const targets = useMemo(
    () => (targetsState.status === 'ready' ? labTargets(targetsState.options) : []),
    [targetsState],
  )
  const [initial] = useState(() => kept.get(bridge.wsUrl))
  const [settings, setSettings] = useState(initial?.settings ?? DEFAULT_SETTINGS)
  const [picked, setPicked] = useState(initial?.picked)
  const selected = picked ?? defaultColumns(targets)
  const columns = targets.filter((target) => selected.includes(target.id))
  const [runs, setRuns] = useState(initial?.runs ?? {})
  useEffect(() => {
    kept.set(bridge.wsUrl, { settings, picked, runs })
  }, [bridge.wsUrl, settings, picked, runs])

  const start = () => {
    for (const run of Object.values(runs)) run.stop()
    const next: Record<string, FramingRun> = {}
    for (const target of columns) {
      const run = new FramingRun(new Lab({ socket: browserSocket }), {
        bridgeUrl: bridge.wsUrl,
        target: target.target,
        plan: planFor(target.framing, settings),
      })
      next[target.id] = run
      run.start()
    }
    setRuns(next)
  }

  return (
    <div className="mode-page framing-lab">
      <div className="mode-intro">
        <h2>{t.heading}</h2>
        <p>{t.intro}</p>
      </div>
      <FramingControls
        settings={settings}
        onSettings={setSettings}
        targetsState={targetsState}
        targetsUrl={bridge.targetsUrl}
        onRetryTargets={retry}
        targets={targets}
        selected={selected}
        onSelected={setPicked}
        onRun={start}
      />
      <div className="fl-columns">
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
