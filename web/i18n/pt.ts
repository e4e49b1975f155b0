// Every visible string of the page in Portuguese (the lesson's language, default); its shape is `Messages`.
import type { Framing } from '../../shared/framing.ts'
import type { botMenuPt } from './bot-menu.ts'
import type { checkPt } from './check.ts'
import type { classViewPt } from './class-view.ts'
import { explainPt } from './explain.ts'
import type { framingLabPt } from './framing-lab.ts'
import { protocolsPt } from './protocols.ts'
import { logLimitsPt } from './log-limits.ts'
import { playgroundPt } from './playground.ts'
import type { tourPt } from './tour.ts'
import { workspacePt } from './workspace.ts'

const bytes = (n: number) => `${n} ${n === 1 ? 'byte' : 'bytes'}`

/** The Portuguese strings of the first screen: the playground and everything every mode shares. */
const ptShared = {
  langName: 'Português',
  title: 'wire-lab',
  subtitle: 'O protocolo JSON da aula, byte a byte, sobre TCP de verdade',
  displayPrefs: 'Preferências de exibição',
  language: 'Idioma',
  darkTheme: 'Tema escuro',
  largeText: 'Texto grande',
  skipToLog: 'Pular para o registro',
  loadingMode: 'Carregando…',

  connectionHeading: 'Conexão',
  target: 'Alvo',
  targetsLoading: 'Carregando alvos…',
  targetsFailed: (url: string) =>
    `Não foi possível obter a lista de alvos da ponte (${url}). Digite o alvo como HOST:PORTA.`,
  targetsEmpty: 'A ponte não permite nenhum alvo.',
  targetsUnreachable: 'A ponte não respondeu.',
  targetsHttp: (status: number) => `A ponte respondeu com HTTP ${status}.`,
  targetsInvalid: 'A resposta da ponte não é uma lista de alvos.',
  retry: 'Tentar de novo',
  studentServers: 'servidores dos alunos',
  port: 'Porta',
  portRange: (from: number, to: number) => `de ${from} a ${to}`,
  portInvalid: (from: number, to: number) => `Escolha uma porta de ${from} a ${to}.`,
  framing: 'Framing',
  framingOption: {
    json: 'json — valores JSON seguidos',
    ndjson: 'ndjson — uma linha por mensagem',
    length: 'length — prefixo de 4 bytes',
    naive: 'naive — cada leitura é uma mensagem',
  } satisfies Record<Framing, string>,
  framingDiffers: (implied: string) => `O alvo usa ${implied}: espere respostas estranhas.`,
  framingLocked: 'Fixo enquanto conectado.',
  connect: 'Conectar',
  disconnect: 'Desconectar',
  cancel: 'Cancelar',
  reconnect: 'Reconectar',
  connectionState: 'Estado da conexão',
  status: {
    idle: 'Desconectado',
    connecting: 'Conectando…',
    open: 'Conectado',
    closed: 'Encerrada',
  },
  openDetail: (local: string, remote: string) => `${local} → ${remote}`,
  bridge: 'Ponte',

  reasonUser: 'Você encerrou a conexão.',
  reasonUnreachable: (url: string) =>
    `Não foi possível falar com a ponte WebSocket em ${url}. Ela está rodando?`,
  reasonLost: 'A ponte caiu sem fechar a conexão (1006). Ela foi desligada?',
  reasonTimeout: (s: number) => `A conexão não se completou em ${s} s.`,
  reasonProtocol: 'A ponte enviou algo que a página não entende.',
  close: {
    1000: 'A ponte encerrou a conexão (1000).',
    1001: 'A ponte está sendo desligada (1001).',
    1009: 'Mensagem grande demais para a ponte (1009).',
    1011: 'Erro interno na ponte (1011).',
    4000: 'O servidor TCP encerrou a conexão (FIN); tudo o que ele enviou foi entregue (4000).',
    4001: 'O servidor TCP derrubou a conexão (reset, 4001).',
    4002: 'Não foi possível conectar ao servidor TCP (4002).',
    4003: 'Erro na conexão TCP (4003).',
    4004: 'A ponte não permite esse alvo (4004).',
    4005: 'A ponte não aceita páginas desta origem (4005).',
    4006: 'Conexões demais na ponte; tente de novo daqui a pouco (4006).',
    4007: 'Conexão encerrada por inatividade (4007).',
    4008: 'Nenhum alvo escolhido, e a ponte não tem um alvo padrão (4008).',
    4009: 'Nome de grupo inválido: use de 1 a 32 letras minúsculas, algarismos ou - (4009).',
  } as Record<number, string>,
  closeOther: (code: number) => `Conexão encerrada (código ${code}).`,
  errno: {
    ECONNREFUSED: 'O servidor TCP recusou a conexão (ECONNREFUSED). Ele está rodando nessa porta?',
    ECONNRESET: 'O servidor TCP derrubou a conexão (ECONNRESET).',
    ETIMEDOUT: 'O servidor TCP não respondeu a tempo (ETIMEDOUT).',
    EHOSTUNREACH: 'Não há rota até o servidor (EHOSTUNREACH).',
    ENETUNREACH: 'A rede do servidor está inalcançável (ENETUNREACH).',
    ENOTFOUND: 'Nome de host não encontrado (ENOTFOUND).',
    EPIPE: 'O servidor fechou a conexão enquanto a ponte escrevia (EPIPE).',
  } as Record<string, string>,
  errnoOther: (code: string) => `Erro TCP (${code}).`,

  requestHeading: 'Pedido',
  editMode: 'Modo de edição',
  tabForm: 'Formulário',
  tabRaw: 'Texto bruto',
  fieldDesc: {
    SERVIÇO: 'o serviço',
    AÇÃO: 'o que fazer',
    EMAIL_USUARIO: 'a chave do usuário',
    CAMPO: 'campo a mudar',
    VALOR: 'o novo valor',
  } as Record<string, string>,
  absent: '(ausente)',
  absentHelp: 'Vazio = o campo não é enviado.',
  invalidOption: (value: string) => `${value} (inválido)`,
  notInStep:
    'O texto bruto (aba Texto bruto) não cabe no formulário. Enviar daqui manda o que o formulário mostra; editar o formulário reescreve o texto.',
  serverWouldSay: 'O servidor responderia:',
  hintsNeverBlock: 'Dicas não impedem o envio: mande pedidos errados de propósito.',
  serverWaits:
    'O servidor ainda não responde: o valor JSON não fechou, e na porta json ele espera o resto.',
  looksValid: 'Pedido válido para o protocolo.',
  rawLabel: 'Texto exato que vai para o fio',
  rawHelp: 'Edite à vontade: JSON inválido, campos faltando e lixo também são enviados.',
  wireHeading: 'No fio',
  wireJson: (n: number) => `${bytes(n)} de texto`,
  wireExtra: (n: number) => `+ ${bytes(n)} de framing`,
  wireTotal: (n: number) => `= ${bytes(n)}`,
  framingAdds: {
    json: 'json não acrescenta nada: o servidor acha o fim no } que fecha o objeto.',
    ndjson: 'ndjson acrescenta um \\n (0a) no fim.',
    length: 'length acrescenta 4 bytes no início: o tamanho, big-endian.',
    naive: 'naive não acrescenta nada: cada leitura do servidor vira uma mensagem.',
  } satisfies Record<Framing, string>,
  framedBytes: 'Bytes enquadrados',
  send: 'Enviar',
  sendShortcut: 'envia de qualquer lugar da página',
  connectToSend: 'Conecte-se para enviar.',

  presetsHeading: 'Exemplos',
  presetsHelp: 'Carregam o texto no editor; revise e envie.',
  presets: {
    create: 'Criar usuário',
    noService: 'Sem SERVIÇO',
    badAction: 'AÇÃO desconhecida',
    broken: 'JSON quebrado',
    trailingComma: 'Vírgula sobrando',
    notObject: 'Não é objeto',
    garbage: 'Texto qualquer',
  },

  brokenNote: 'JSON quebrado fica sem resposta no framing json: o servidor espera o } que falta.',
  scenarioHeading: 'Cenário da aula',
  scenarioHelp: 'As 10 mensagens do cliente da aula: criar, renomear, modificar e remover.',
  runAll: 'Executar tudo',
  nextStep: 'Próximo passo',
  pause: 'Pausar',
  reset: 'Reiniciar',
  stepOf: (n: number, total: number) => `Passo ${n} de ${total}`,
  scenarioDone: 'Cenário concluído',
  scenarioBlocked: 'Conecte-se para executar o cenário.',
  scenarioSteps: 'Passos do cenário',
  step: {
    waiting: 'aguardando',
    timeout: 'sem resposta',
    unreadable: 'ilegível',
  },

  logHeading: 'Registro ao vivo',
  logLabel: 'Bytes, mensagens e eventos da conexão',
  logFilters: 'Filtros do registro',
  direction: 'Direção',
  kind: 'Tipo',
  filter: {
    sent: 'Enviados',
    received: 'Recebidos',
    chunks: 'Pedaços',
    messages: 'Mensagens',
    events: 'Eventos',
  },
  autoScroll: 'Rolagem automática',
  clear: 'Limpar',
  logEmpty:
    'Nada ainda. Conecte-se e envie um pedido: cada pedaço de bytes que passar pelo fio aparece aqui.',
  logFilteredOut: 'Nenhuma entrada passa pelos filtros.',
  logMore: (n: number) => `Mostrando as ${n} entradas mais recentes.`,
  dir: { sent: 'enviado', received: 'recebido' },
  chunk: (n: number) => `pedaço #${n}`,
  bytes,
  sinceConnect: 'milissegundos desde a conexão',
  copyHex: 'Copiar hex',
  copyHexOf: (n: number) => `Copiar o pedaço #${n} como hex`,
  copied: (n: number) => `Pedaço #${n} copiado como hex.`,
  copyFailed: 'Não foi possível copiar.',
  showAll: (n: number) => `Mostrar os ${n} bytes`,
  markStart: (n: number) => `início da mensagem ${n}`,
  markEnd: (n: number) => `fim da mensagem ${n}`,
  frameBytes: 'bytes do framing',
  rejectedBytes: 'bytes rejeitados pelo framing',
  partialChar: 'caractere cortado na borda do pedaço',
  invalidByte: 'byte que não é UTF-8 válido',
  request: (n: number) => `Pedido ${n}`,
  response: (n: number) => `Resposta ${n}`,
  rejected: 'Bytes rejeitados',
  span: (start: number, end: number) => `bytes ${start}–${end}`,
  fromChunks: (first: number, last: number) =>
    first === last ? `do pedaço #${first}` : `dos pedaços #${first}–#${last}`,
  codeMeaning: {
    200: 'sucesso',
    400: 'pedido malformado',
    404: 'recusado (a aula usa 404 em toda recusa)',
    408: 'tempo esgotado',
    409: 'conflito',
    413: 'grande demais',
    503: 'servidor lotado',
  } as Record<string, string>,
  codeOther: 'código HTTP',
  userRecord: 'Registro do usuário',
  empty: '— (vazio)',
  invalidResponse: 'Não é uma resposta válida do protocolo:',
  invalidRequest: 'O servidor vai recusar este pedido:',
  notJson: 'Não é JSON válido:',
  notJsonAt: (n: number) => `Não é JSON válido (erro perto do caractere ${n}):`,
  notUtf8: (offset: number) => `Não é UTF-8 válido (byte ${offset}).`,
  wireText: 'Texto no fio',
  frameProblem: {
    garbage: 'Bytes descartados: não iniciam um valor JSON.',
    'too-large': 'Mensagem maior que o limite.',
    incomplete: 'A conexão terminou no meio de uma mensagem.',
  },
  ev: {
    session: (target: string, framing: string) => `Nova conexão com ${target} (framing ${framing})`,
    wsConnecting: (url: string) => `Abrindo o WebSocket da ponte: ${url}`,
    wsOpen: 'WebSocket aberto; a ponte conecta via TCP.',
    connecting: (target: string) => `A ponte conecta via TCP a ${target}…`,
    connected: (local: string, remote: string) => `TCP conectado: ${local} → ${remote}`,
    proxy: (address: string, group: string | undefined, bytes: number) =>
      `A ponte apresentou você ao servidor como ${address}` +
      (group ? `, grupo ${group}` : '') +
      `: cabeçalho PROXY v2, ${bytes} bytes, antes dos seus.`,
    fin: 'O servidor fechou o lado dele (FIN).',
    error: 'Erro TCP:',
    refused: 'A ponte recusou:',
    closed: (code: number) => `A ponte fechou o WebSocket (código ${code}).`,
    counts: (toTarget: number, fromTarget: number) =>
      `${bytes(toTarget)} enviados, ${bytes(fromTarget)} recebidos.`,
    ended: 'Conexão encerrada:',
    restored: (n: number) =>
      `Sessão anterior: ${n} entradas restauradas depois de recarregar a página.`,
  },
  previous: 'sessão anterior',
  ...protocolsPt,
  ...explainPt,
  ...playgroundPt,
  ...logLimitsPt,
  ...workspacePt,
}

/** The strings each mode but the playground brings with its code (messages.ts loadModeMessages). */
export type ModeMessages = typeof tourPt &
  typeof framingLabPt &
  typeof checkPt &
  typeof botMenuPt &
  typeof classViewPt

/** The dictionary's shape: English must have every key Portuguese has, with the same parameters. */
export type Messages = typeof ptShared & ModeMessages

/**
 * Portuguese dictionary: the lesson's language, and the shape every other language follows. Each
 * mode's own strings join it when the mode first opens, with the mode's code (its namespace, such as
 * `tour` or `cls`, is read only by that mode's components): a class that never opens the tour never
 * downloads its texts.
 */
export const pt = ptShared as Messages
