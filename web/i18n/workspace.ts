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
