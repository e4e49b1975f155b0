// Strings of the playground's panes, mode switch, export/import and sequence diagram, in both languages.
import type { Lifeline, MessageProblem } from '../playground/diagram/sequence.ts'

/** Portuguese (spread into pt.ts's dictionary). */
export const playgroundPt = {
  modes: 'Modos',
  mode: {
    playground: 'Playground',
    framing: 'Laboratório de framing',
    tour: 'Tour guiado',
    bot: 'Menu do bot',
    check: 'Verificar servidor',
    class: 'Turma',
  } as Record<string, string>,
  /** The tabs' words on a narrow window (a 1024 px projector with large text); names stay whole. */
  modeShort: {
    playground: 'Playground',
    framing: 'Framing',
    tour: 'Tour',
    bot: 'Bot',
    check: 'Verificar',
    class: 'Turma',
  } as Record<string, string>,

  clientName: (name: string) => `Cliente ${name}`,
  clients: 'Clientes',
  addClient: 'Adicionar cliente',
  addClientHelp: 'Dois clientes lado a lado, cada um com a sua conexão',
  removeClient: (name: string) => `Remover o cliente ${name}`,
  remove: 'Remover',
  moreTools: 'Exemplos e cenário da aula',
  sendFromPane: 'envia deste cliente',

  exportLog: 'Exportar',
  exportLogHelp: 'Baixa o registro de todos os clientes como um arquivo JSON',
  importLog: 'Importar',
  importLogLabel: 'Importar um registro exportado',
  importFailed: (file: string) => `Não foi possível importar ${file}:`,
  importNotJson: 'o arquivo não é JSON.',
  importNotLog: 'não é um registro exportado pelo wire-lab.',
  importVersion: (version: string) =>
    `o arquivo usa a versão ${version} do formato; esta página lê a versão 1.`,
  importInvalid: (path: string, message: string) => `em ${path}: ${message}`,
  importUnreadable: 'o navegador não conseguiu ler o arquivo.',
  dismiss: 'Fechar',
  dateLocale: 'pt-BR',
  review: 'Revisão',
  reviewDetail: (file: string, date: string) =>
    `${file}, exportado em ${date}. Somente leitura, sem conexão.`,
  backToLive: 'Voltar ao vivo',
  reviewTarget: (target: string | null, framing: string) =>
    `${target ?? 'nunca conectou'} · framing ${framing}`,
  readOnly: 'somente leitura',

  views: 'Vista',
  viewLog: 'Registro',
  viewDiagram: 'Diagrama',
  diagramHeading: 'Diagrama de sequência',
  diagramLabel: 'Setas da conversa, de cima para baixo',
  diagramEmpty:
    'Nada ainda. Conecte-se e envie um pedido: cada passo da conversa aparece aqui como uma seta.',
  diagramOmitted: (n: number) => `${n} passos anteriores não aparecem.`,
  exportSvg: 'Baixar SVG',
  lifeline: {
    page: 'Página',
    bridge: 'Ponte',
    server: 'Servidor TCP',
  } satisfies Record<Lifeline, string>,
  seq: {
    wsConnect: 'abre o WebSocket',
    wsOpen: 'WebSocket aberto',
    tcpConnect: (target: string) => `connect ${target} (SYN)`,
    tcpAccept: 'accept (SYN/ACK)',
    request: (n: number) => `pedido ${n}`,
    problem: {
      invalid: 'inválido',
      'not-json': 'não é JSON',
      rejected: 'bytes rejeitados',
    } satisfies Record<MessageProblem, string>,
    fin: 'FIN: fim do envio',
    proxy: (bytes: number) => `PROXY v2 (${bytes} bytes)`,
    wsClose: (code: number) => `WebSocket fechado (${code})`,
    pageClose: 'a página fecha (1000)',
    tcpError: (code: string) => `erro TCP: ${code}`,
    refused: (code: number) => `recusado (${code})`,
    unreachable: 'ponte inalcançável',
    lost: 'conexão perdida (1006)',
    timeout: (s: number) => `tempo esgotado (${s} s)`,
    protocol: 'resposta estranha da ponte',
    session: (target: string, framing: string) => `conexão com ${target} · ${framing}`,
    restored: (n: number) => `sessão anterior: ${n} entradas`,
    arrow: (from: string, to: string, text: string) => `${from} → ${to}: ${text}`,
    note: (over: string, text: string) => `${over}: ${text}`,
  },
}
