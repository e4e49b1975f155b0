// The line under a pane's connection state: which workspace (registry) the open connection works in.
import { useT } from '../i18n/use-i18n.ts'
import type { ConnectionState } from '../session/connection.ts'
import { useWorkspace } from './use-workspace.ts'
import { pendingGroup, workspaceOfConnection, workspaceSentence } from './workspace-label.ts'

/**
 * Nothing until the bridge says who it introduced the page as (only the bundled server hears that).
 * `compact` (narrow panes, a projector): one line, cut with an ellipsis, whole in its tooltip.
 */
export function WorkspaceStatus({ state, compact }: { state: ConnectionState; compact: boolean }) {
  const t = useT()
  const page = useWorkspace()
  const workspace = workspaceOfConnection(state)
  if (!workspace) return null
  const pending = page && pendingGroup(state, page.group)
  const sentence = workspaceSentence(workspace, t)
  const whole = `${t.workspace.label}: ${sentence}${pending ? ` ${t.workspace.reconnectTo(pending.chosen)}` : ''}`
  return (
    <span className={compact ? 'status-workspace compact' : 'status-workspace'} title={whole}>
      {t.workspace.label}: <strong>{sentence}</strong>
      {pending && (
        <span className="status-pending"> {t.workspace.reconnectTo(pending.chosen)}</span>
      )}
    </span>
  )
}
