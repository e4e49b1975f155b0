// Strings of the page's group control and workspace label, in both languages.

/** Portuguese (spread into pt.ts's dictionary). */
export const workspacePt = {
  group: {
    button: (group: string | undefined) => (group ? `Grupo: ${group}` : 'Grupo: nenhum'),
    heading: 'Grupo de trabalho',
    intro:
      'Quem entra no mesmo grupo compartilha os mesmos usuários no servidor, de qualquer computador. Sem grupo, o seu espaço é este computador.',
    name: 'Nome do grupo',
    rule: 'De 1 a 32 letras (a-z, sem acento), algarismos ou -, como grupo-3.',
    empty: 'Escreva o nome do grupo.',
    invalid: (text: string) =>
      `«${text}» não serve: use de 1 a 32 letras sem acento (a-z), algarismos ou -.`,
    join: 'Entrar no grupo',
    leave: 'Sair do grupo',
    joined: (group: string) =>
      `Você está no grupo ${group}. Vale a partir da próxima conexão: reconecte os clientes já conectados.`,
    left: 'Sem grupo: o seu espaço é este computador, a partir da próxima conexão.',
    tab: (id: string) => `O professor vê esta aba como ${id}.`,
    close: 'Fechar',
  },
  workspace: {
    label: 'Espaço',
    computer: (address: string) => `este computador (${address})`,
    group: (name: string) => `grupo ${name}`,
    class: 'a turma inteira',
    reconnectTo: (group: string | undefined) =>
      group
        ? `Reconecte para entrar no grupo ${group}.`
        : 'Reconecte para voltar ao espaço deste computador.',
  },
}

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
