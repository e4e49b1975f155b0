// The raw editor: the exact text that goes on the wire, editable into anything, with the server's hints.
import type { Hints } from './request.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import { ExactTextarea } from '../../ui/ExactTextarea.tsx'

interface Props {
  raw: string
  hints: Hints
  onRaw: (raw: string) => void
}

/** A monospace textarea bound to the raw text, with every hint listed below it. */
export function RawEditor({ raw, hints, onRaw }: Props) {
  const t = useT()
  const pid = usePaneId()
  const messages = [...hints.form, ...Object.values(hints.fields).flatMap((m) => m ?? [])]
  return (
    <div className="raw-editor">
      <label htmlFor={pid('raw')}>{t.rawLabel}</label>
      <ExactTextarea
        id={pid('raw')}
        rows={5}
        value={raw}
        aria-describedby={`${pid('raw-help')} ${pid('raw-hints')}`}
        onChange={(e) => onRaw(e.target.value)}
      />
      <p id={pid('raw-help')} className="muted small">
        {t.rawHelp}
      </p>
      <div id={pid('raw-hints')} className="hints" aria-live="polite">
        {messages.length === 0 && !hints.waits && !hints.reads ? (
          <p className="hint-ok">{t.looksValid}</p>
        ) : (
          <>
            {messages.length > 0 && (
              <>
                <p className="hint-lead">{t.serverWouldSay}</p>
                <ul>
                  {messages.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </>
            )}
            {hints.waits && <p className="hint-lead">{t.serverWaits}</p>}
            {hints.tooLarge && (
              <p className="hint-lead">
                {t.hintTooLarge(hints.tooLarge.limit, hints.tooLarge.closes)}
              </p>
            )}
            {hints.reads && <p className="hint-lead">{t.hintNaiveReads(hints.reads)}</p>}
          </>
        )}
      </div>
    </div>
  )
}
