// Ready-made requests, valid and deliberately broken, loaded into the editor with one click.
import { PRESETS, type PresetName } from './presets.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'

const ORDER: readonly PresetName[] = [
  'create',
  'noService',
  'badAction',
  'trailingComma',
  'broken',
  'notObject',
  'garbage',
]

/** Preset buttons; `onLoad` receives the preset's wire text (nothing is sent until Send). */
export function Presets({ onLoad }: { onLoad: (raw: string) => void }) {
  const t = useT()
  const pid = usePaneId()
  return (
    <section className="card presets" aria-labelledby={pid('presets-heading')}>
      <div className="card-head">
        <h2 id={pid('presets-heading')}>{t.presetsHeading}</h2>
      </div>
      <p className="muted small">{t.presetsHelp}</p>
      <div className="preset-buttons">
        {ORDER.map((name) => (
          <button
            key={name}
            type="button"
            className={`button preset${name === 'create' ? ' preset-valid' : ''}`}
            title={PRESETS[name]}
            onClick={() => onLoad(PRESETS[name])}
          >
            {t.presets[name]}
          </button>
        ))}
      </div>
      <p className="muted small">{t.brokenNote}</p>
    </section>
  )
}
