// Strings that explain the page to a first-time student: tips, the log's legend, and what the server does.
import type { Protocol } from '../../shared/protocols/types.ts'

const bytesPt = (n: number) => `${n} ${n === 1 ? 'byte' : 'bytes'}`
const bytesEn = bytesPt
const kib = (n: number) => `${Math.round(n / 1024)} KiB`

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

/** English; the type makes a missing key or parameter a compile error. */
export const explainEn: typeof explainPt = {
  addClientShort: 'Client',
  targetTipLabel: 'Why four ports?',
  targetTip: [
    'One server listens on four ports, one per framing: json (the lesson’s port), ndjson, length and naive. The users are the same on all of them; only the way the server finds where each message ends changes.',
    'Other targets are servers the teacher allowed on the bridge (with --allow), such as a student’s own server.',
  ],
  framingTipLabel: 'What ends a message?',
  framingTip: [
    'TCP delivers a stream of bytes, not messages: one send may arrive as two reads, and two sends as one.',
    'Framing is the rule that says where each message ends: at the } that closes the JSON (json), at the end of the line (ndjson), after a length prefix (length), or at every read, like the lesson’s recv(512) (naive).',
  ],
  bridgeTip:
    'A browser cannot open TCP connections. The bridge is a program that takes the page’s WebSocket and opens the TCP connection to the server, relaying the bytes unchanged both ways.',
  wireTipLabel: 'How to read the bytes',
  wireTip: [
    'Each column is one byte: its value in hexadecimal on top, the character below. · is a space.',
    '"… 88 bytes" in the middle are bytes left out here to fit; the log shows them all.',
  ],

  held: (n) =>
    `The server holds ${bytesEn(n)} of a JSON value that was never closed: it will read your next bytes as part of that value, and answers nothing until the value closes.`,
  heldOther: (n) =>
    `The server holds ${bytesEn(n)} of an unfinished message and waits for the rest before it answers.`,
  heldWaysOut: 'Ways out:',
  sendCloser: (closer) => `Send the missing ${closer}`,
  reconnectFresh: 'Reconnect (start afresh)',

  closedByPage: 'Code 1000: normal closure.',
  closeCode: (code) => `(code ${code})`,
  bridgeSaid: (reason) => `The bridge said: “${reason}”.`,

  otherServer: 'another server',
  protocolName: {
    lesson: 'the lesson’s protocol',
    http: 'HTTP',
    resp: 'Redis (RESP)',
    lines: 'text lines',
    raw: 'raw bytes',
  },
  notLesson: (why) => `This answer is not the lesson’s protocol: ${why}.`,
  notLessonWhy: {
    notJson: 'it is not JSON',
    notJsonAt: (n) => `it is not JSON (error near character ${n})`,
    notUtf8: (offset) => `it is not UTF-8 text (byte ${offset})`,
    notObject: (kind) => `it is ${kind}, not a JSON object`,
    missing: (key) => `the key "${key}" is missing`,
    badCode: '"CODIGO DE ERRO" should be a text holding an HTTP code, such as "200"',
    badExplanation: '"EXPLICAÇÃO" should be a text or a user record',
  },
  kindWord: {
    array: 'a list',
    string: 'a text',
    number: 'a number',
    boolean: 'a boolean',
    null: 'null',
  },
  asText: 'As text',
  asBytes: 'As bytes',
  receivedGarbage:
    'Bytes that are not the lesson’s protocol: they do not start a JSON value (see them in the chunk above).',

  hintTooLarge: (limit, closes) =>
    `Past the server’s ${kib(limit)} limit: it answers 413 and ` +
    (closes ? 'closes the connection.' : 'discards the rest of this message.'),
  hintNaiveReads: (n) =>
    `The naive server reads at most 512 bytes at a time: this text arrives as ${n} messages, and each gets its own answer.`,

  filtersToggle: (on, total) => (on === total ? 'Filters' : `Filters (${on} of ${total})`),
  legend: 'Legend',
  legendLabel: 'Legend: how to read the log',
  legendHeading: 'How to read the log',
  legendChunk:
    'A chunk: what one TCP write (sent) or read (received) carried at once. #19 counts the connection’s chunks; +199 ms is the time since it opened.',
  legendBytes:
    'Each byte: its value in hexadecimal on top, the character below. · is a space, LF a line break (\\n).',
  legendMarks:
    '⟦1 and 1⟧ mark where message 1 starts and ends. One message may span several chunks, and one chunk may carry several messages.',
  legendFrame: 'Bytes the framing added (the length prefix, the \\n) or discarded.',
  legendCard:
    'Request and Response: the message decoded from the chunks above. "bytes 0–97" is its part of the stream; the JSON read shows as fields.',
  legendEvent: 'What the bridge saw happen on the TCP connection: connect, FIN, errors, close.',
  chunkHelp:
    'A chunk: what one TCP write or read carried at once, as the bridge relayed it. The number counts the connection’s chunks.',
  messageHelp: (dir) =>
    `The ${dir === 'sent' ? 'sent message' : 'response'}, decoded: the framing joined these bytes of the stream, from the chunks named, and the JSON was read.`,
}
