// The line under a pane's connection state: which workspace (registry) the open connection works in.
import { useT } from '../i18n/use-i18n.ts'
import type { ConnectionState } from '../session/connection.ts'
import { useWorkspace } from './use-workspace.ts'
import { pendingGroup, workspaceOfConnection, workspaceSentence } from './workspace-label.ts'

/** Nothing until the bridge says who it introduced the page as (only the bundled server hears that). */
export function WorkspaceStatus({ state }: { state: ConnectionState }) {
  const t = useT()
  const page = useWorkspace()
  const workspace = workspaceOfConnection(state)
  if (!workspace) return null
  const pending = page && pendingGroup(state, page.group)
  return (
    <span className="status-workspace">
      {t.workspace.label}: <strong>{workspaceSentence(workspace, t)}</strong>
      {pending && (
        <span className="status-pending"> {t.workspace.reconnectTo(pending.chosen)}</span>
      )}
    </span>
  )
}
