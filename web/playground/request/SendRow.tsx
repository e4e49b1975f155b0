// The Send button with its shortcut note, and the copy-as-code buttons beside it.
import { useT } from '../../i18n/use-i18n.ts'
import { CopyCode, type CopyItem } from './CopyCode.tsx'

interface Props {
  canSend: boolean
  onSend: () => void
  /** What Ctrl+Enter does here (default: sends from anywhere on the page). */
  shortcut?: string
  /** Copy as Python / as shell. */
  copy: readonly CopyItem[]
}

/** Send, the shortcut, then the copy buttons. */
export function SendRow({ canSend, onSend, shortcut, copy }: Props) {
  const t = useT()
  return (
    <>
      <div className="send-row">
        <button type="button" className="button primary send" disabled={!canSend} onClick={onSend}>
          {t.send}
          <span className="send-arrow" aria-hidden="true">
            →
          </span>
        </button>
        <span className={`muted small${canSend ? ' send-shortcut' : ''}`}>
          {canSend ? (
            <>
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> — {shortcut ?? t.sendShortcut}
            </>
          ) : (
            t.connectToSend
          )}
        </span>
      </div>
      <CopyCode items={copy} />
    </>
  )
}
