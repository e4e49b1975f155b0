// Strings that explain the page to a first-time student: tips, the log's legend, and what the server does.
import type { Protocol } from '../../shared/protocols/types.ts'

/** A byte count in words. */
export const bytesPt = (n: number) => `${n} ${n === 1 ? 'byte' : 'bytes'}`
/** A byte count in whole KiB. */
export const kib = (n: number) => `${Math.round(n / 1024)} KiB`

/** Portuguese (spread into pt.ts's dictionary). */
export const explainPt = {
  addClientShort: 'Cliente',
  targetTipLabel: 'Por que quatro portas?',
  targetTip: [
    'O mesmo servidor escuta em quatro portas, uma por framing: json (a porta da aula), ndjson, length e naive. Os usuários são os mesmos em todas; só muda como o servidor acha onde cada mensagem termina.',
    'Outros alvos são servidores que o professor liberou na ponte (com --allow), como o servidor de um aluno.',
  ],
  framingTipLabel: 'O que termina uma mensagem?',
  framingTip: [
    'O TCP entrega um fluxo de bytes, não mensagens: um envio pode chegar em duas leituras, e dois envios numa só.',
    'Framing é a regra que diz onde cada mensagem termina: no } que fecha o JSON (json), no fim da linha (ndjson), num prefixo com o tamanho (length), ou em cada leitura, como o recv(512) da aula (naive).',
  ],
  bridgeTip:
    'O navegador não abre conexões TCP. A ponte é um programa que recebe o WebSocket da página e abre a conexão TCP com o servidor, repassando os bytes sem mudar nada nos dois sentidos.',
  wireTipLabel: 'Como ler os bytes',
  wireTip: [
    'Cada coluna é um byte: em cima o valor em hexadecimal, embaixo o caractere. · é um espaço.',
    '"… 88 bytes" no meio são bytes omitidos aqui para caber; o registro mostra todos.',
  ],

  held: (n: number) =>
    `O servidor guarda ${bytesPt(n)} de um valor JSON que não fechou: ele vai ler os seus próximos bytes como parte desse valor, e não responde nada até o valor fechar.`,
  heldOther: (n: number) =>
    `O servidor guarda ${bytesPt(n)} de uma mensagem que não terminou e espera o resto antes de responder.`,
  heldWaysOut: 'Para sair:',
  sendCloser: (closer: string) => `Enviar ${closer} que falta`,
  reconnectFresh: 'Reconectar (começa do zero)',

  closedByPage: 'Código 1000: fechamento normal.',
  closeCode: (code: number) => `(código ${code})`,
  bridgeSaid: (reason: string) => `A ponte disse: «${reason}».`,

  otherServer: 'outro servidor',
  protocolName: {
    lesson: 'protocolo da aula',
    http: 'HTTP',
    resp: 'Redis (RESP)',
    lines: 'linhas de texto',
    raw: 'bytes crus',
  } satisfies Record<Protocol, string>,
  notLesson: (why: string) => `Esta resposta não é do protocolo da aula: ${why}.`,
  notLessonWhy: {
    notJson: 'não é JSON',
    notJsonAt: (n: number) => `não é JSON (erro perto do caractere ${n})`,
    notUtf8: (offset: number) => `não é texto UTF-8 (byte ${offset})`,
    notObject: (kind: string) => `é ${kind}, não um objeto JSON`,
    missing: (key: string) => `falta a chave "${key}"`,
    badCode: '"CODIGO DE ERRO" deveria ser um texto com um código HTTP, como "200"',
    badExplanation: '"EXPLICAÇÃO" deveria ser um texto ou um registro de usuário',
  },
  kindWord: {
    array: 'uma lista',
    string: 'um texto',
    number: 'um número',
    boolean: 'um booleano',
    null: 'null',
  } as Record<string, string>,
  asText: 'Como texto',
  asBytes: 'Como bytes',
  receivedGarbage:
    'Bytes que não são do protocolo da aula: não começam um valor JSON (veja-os no pedaço acima).',

  hintTooLarge: (limit: number, closes: boolean) =>
    `Passa do limite de ${kib(limit)} do servidor: ele responde 413 e ` +
    (closes ? 'fecha a conexão.' : 'descarta o resto desta mensagem.'),
  hintNaiveReads: (n: number) =>
    `O servidor naive lê no máximo 512 bytes por vez: este texto chega como ${n} mensagens, e cada uma recebe a sua resposta.`,

  filtersToggle: (on: number, total: number) =>
    on === total ? 'Filtros' : `Filtros (${on} de ${total})`,
  legend: 'Legenda',
  legendLabel: 'Legenda: como ler o registro',
  legendHeading: 'Como ler o registro',
  legendChunk:
    'Um pedaço: o que uma escrita (enviado) ou uma leitura (recebido) TCP levou de uma vez. #19 conta os pedaços da conexão; +199 ms é o tempo desde que ela abriu.',
  legendBytes:
    'Cada byte: em cima o valor em hexadecimal, embaixo o caractere. · é um espaço, LF uma quebra de linha (\\n).',
  legendMarks:
    '⟦1 e 1⟧ marcam onde a mensagem 1 começa e termina. Uma mensagem pode ocupar vários pedaços, e um pedaço pode trazer várias mensagens.',
  legendFrame: 'Bytes do framing (o prefixo de tamanho, o \\n) ou descartados pelo framing.',
  legendCard:
    'Pedido e Resposta: a mensagem decodificada dos pedaços acima. "bytes 0–97" é o trecho do fluxo; o JSON lido aparece como campos.',
  legendEvent: 'O que a ponte viu acontecer na conexão TCP: conectar, FIN, erros, fechamento.',
  chunkHelp:
    'Um pedaço: o que uma escrita ou leitura TCP levou de uma vez, como a ponte repassou. O número conta os pedaços da conexão.',
  messageHelp: (dir: 'sent' | 'received') =>
    `A ${dir === 'sent' ? 'mensagem enviada' : 'resposta'} decodificada: o framing juntou estes bytes do fluxo, vindos dos pedaços indicados, e o JSON foi lido.`,
}
