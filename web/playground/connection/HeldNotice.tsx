// Why a connected server stays silent: it holds an unfinished message the page sent, and the ways out.
import { useConnectionState, useLog, useSession } from '../../session/use-session.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { closerOf, lastBytes } from './held.ts'

/**
 * Shown while the connection is open and the server holds part of a message (the page's own decoder of
 * what it sent is in the same state as the server's): what it holds, the characters that finish it
 * (json), and a fresh connection.
 */
export function HeldNotice({ onReconnect }: { onReconnect: () => void }) {
  const t = useT()
  const session = useSession()
  const state = useConnectionState()
  // Read on each log snapshot: the decoder changes only when sent bytes are logged.
  useLog()
  const size = state.status === 'open' ? session.log.pending('sent') : 0
  if (size === 0) return null
  const json = session.currentFraming === 'json'
  const bytes = json ? lastBytes(session.log.all(), 'sent', size) : undefined
  const closer = bytes && closerOf(bytes)
  return (
    <div className="held-notice" role="status">
      <p>
        <span className="held-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        {json ? t.held(size) : t.heldOther(size)}
      </p>
      <div className="held-actions">
        <span className="muted">{t.heldWaysOut}</span>
        {closer && (
          <button type="button" className="button small" onClick={() => session.send(closer)}>
            {t.sendCloser(closer)}
          </button>
        )}
        <button type="button" className="button small" onClick={onReconnect}>
          {t.reconnectFresh}
        </button>
      </div>
    </div>
  )
}
