// Ready bytes for the target's protocol (HTTP, Redis, text lines) or the lesson's byte examples.
import type { ProtocolPreset } from '../../../shared/editor/presets.ts'
import { formatEscaped } from '../../../shared/editor/bytes-text.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'

interface Props {
  presets: readonly ProtocolPreset[]
  heading: string
  help: string
  onLoad: (bytes: Uint8Array) => void
}

/** One button per preset; a click loads its bytes into the editor (nothing is sent until Send). */
export function ProtocolPresets({ presets, heading, help, onLoad }: Props) {
  const t = useT()
  const pid = usePaneId()
  if (presets.length === 0) return null
  return (
    <section className="card presets" aria-labelledby={pid('protocol-presets-heading')}>
      <div className="card-head">
        <h2 id={pid('protocol-presets-heading')}>{heading}</h2>
      </div>
      <p className="muted small">{help}</p>
      <div className="preset-buttons">
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            className="button preset"
            title={formatEscaped(p.bytes).slice(0, 200)}
            onClick={() => onLoad(p.bytes)}
          >
            {t.presetLabel[p.id] ?? p.id}
          </button>
        ))}
      </div>
    </section>
  )
}
