// The framing lab mode: one message split or glued, sent to several servers side by side, one ClientSession each.
import { useEffect, useMemo, useState } from 'react'
import { browserSocket } from '../../session/connection.ts'
import { ClientSession } from '../../session/client-session.ts'
import type { BridgeLocation } from '../../targets/targets.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { useTargets } from '../../targets/use-targets.ts'
import { FramingColumn } from './FramingColumn.tsx'
import { FramingControls } from './FramingControls.tsx'
import {
  DEFAULT_SETTINGS,
  defaultColumns,
  labTargets,
  ownColumn,
  ownRanges,
  planFor,
  type LabTarget,
  type OwnPick,
  type Settings,
} from './framing-lab.ts'
import { FramingRun } from './framing-run.ts'

// What the session last showed, per bridge: leaving the tab and coming back finds the same settings and
// results. Runs are left to finish on their own; each closes its connection when it is done.
interface Kept {
  settings: Settings
  picked: string[] | undefined
  picks: ReadonlyMap<string, OwnPick>
  runs: Readonly<Record<string, FramingRun>>
}
const kept = new Map<string, Kept>()

/** The lesson's open question, answered by experiment: where does a message end? */
export function FramingLab({ bridge }: { bridge: BridgeLocation }) {
  const t = useT().framingLab
  const { state: targetsState, retry } = useTargets(bridge.targetsUrl)
  const options = useMemo(
    () => (targetsState.status === 'ready' ? targetsState.options : []),
    [targetsState],
  )
  const targets = useMemo(() => labTargets(options), [options])
  const ranges = useMemo(() => ownRanges(options), [options])
  const [initial] = useState(() => kept.get(bridge.wsUrl))
  const [settings, setSettings] = useState(initial?.settings ?? DEFAULT_SETTINGS)
  const [picked, setPicked] = useState(initial?.picked)
  const selected = picked ?? defaultColumns(targets)
  const [picks, setPicks] = useState(() => initial?.picks ?? new Map<string, OwnPick>())
  const own = ranges.flatMap((range) => {
    const pick = picks.get(range.id)
    const column = pick && ownColumn(range, pick)
    return column ? [column] : []
  })
  const columns: LabTarget[] = [...targets.filter((target) => selected.includes(target.id)), ...own]
  const [runs, setRuns] = useState(initial?.runs ?? {})
  useEffect(() => {
    kept.set(bridge.wsUrl, { settings, picked, picks, runs })
  }, [bridge.wsUrl, settings, picked, picks, runs])

  const start = () => {
    for (const run of Object.values(runs)) run.stop()
    const next: Record<string, FramingRun> = {}
    for (const target of columns) {
      const run = new FramingRun(new ClientSession({ socket: browserSocket }), {
        bridgeUrl: bridge.wsUrl,
        target: target.target,
        plan: planFor(target.framing, settings),
        ownServer: target.own === true,
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
        ranges={ranges}
        picks={picks}
        onPicks={setPicks}
        canRun={columns.length > 0}
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
