// The framing lab's extra columns: a student's own server, on a port typed inside an allowed range.
import { FRAMINGS, type Framing } from '../../../shared/framing.ts'
import { PortField } from '../../targets/TargetFields.tsx'
import type { TargetOption } from '../../targets/targets.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { initialPick, type OwnPick } from './framing-lab.ts'

/** A checkbox per allowed range; once checked, its port field and the framing its column writes. */
export function OwnServers(props: {
  ranges: readonly TargetOption[]
  picks: ReadonlyMap<string, OwnPick>
  onPicks: (picks: ReadonlyMap<string, OwnPick>) => void
}) {
  const all = useT()
  return props.ranges.map((range, i) => {
    const pick = props.picks.get(range.id) ?? initialPick(range)
    const set = (change: Partial<OwnPick>) =>
      props.onPicks(new Map(props.picks).set(range.id, { ...pick, ...change }))
    return (
      <div key={range.id} className="fl-own">
        <label className="fl-server">
          <input
            type="checkbox"
            checked={pick.on}
            onChange={(e) => set({ on: e.target.checked })}
          />
          <strong>{range.label ?? all.framingLab.ownServer}</strong>{' '}
          <span className="mono small">{`${range.host}:${range.from}–${range.to}`}</span>
        </label>
        {pick.on && (
          <div className="fl-own-fields">
            <PortField
              id={`fl-own-port-${i}`}
              option={range}
              port={pick.port}
              onPort={(port) => set({ port })}
            />
            <div className="field">
              <label htmlFor={`fl-own-framing-${i}`}>{all.framing}</label>
              <select
                id={`fl-own-framing-${i}`}
                value={pick.framing}
                onChange={(e) => set({ framing: e.target.value as Framing })}
              >
                {FRAMINGS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
      </div>
    )
  })
}
