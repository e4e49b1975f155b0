// The workspace texts in English (loaded with en.ts, only when the page is switched to English).
import type { workspacePt } from '../workspace.ts'

/** English (spread into en.ts's dictionary). */
export const workspaceEn: typeof workspacePt = {
  group: {
    button: (group) => (group ? `Group: ${group}` : 'Group: none'),
    heading: 'Working group',
    intro:
      'Everyone who joins the same group shares the same users on the server, from any computer. Without a group, your workspace is this computer.',
    name: 'Group name',
    rule: '1 to 32 letters (a-z, no accents), digits or -, like group-3.',
    empty: 'Type the group name.',
    invalid: (text) => `“${text}” will not do: use 1 to 32 letters (a-z), digits or -.`,
    join: 'Join group',
    leave: 'Leave group',
    joined: (group) =>
      `You are in group ${group}. It applies from the next connection: reconnect clients that are connected.`,
    left: 'No group: your workspace is this computer, from the next connection.',
    tab: (id) => `The teacher sees this tab as ${id}.`,
    close: 'Close',
  },
  workspace: {
    label: 'Workspace',
    computer: (address) => `this computer (${address})`,
    group: (name) => `group ${name}`,
    class: 'the whole class',
    reconnectTo: (group) =>
      group
        ? `Reconnect to join group ${group}.`
        : "Reconnect to go back to this computer's workspace.",
  },
}
