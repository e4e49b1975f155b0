// Strings of the framing lab, Portuguese (default) and English, spread into pt.ts and en.ts.
import type { Framing } from '../../shared/framing.ts'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const ptVerdict = (sent: number, answers: number, errors: number) => {
  const head = plural(sent, 'mensagem enviada', 'mensagens enviadas')
  if (answers === 0) return `${head}, nenhuma resposta`
  if (errors === 0) return `${head}, ${plural(answers, 'resposta', 'respostas')}`
  if (errors === answers) {
    return `${head}, ${plural(answers, 'resposta de erro', 'respostas de erro')}`
  }
  return `${head}, ${plural(answers, 'resposta', 'respostas')} (${errors} de erro)`
}

const enVerdict = (sent: number, answers: number, errors: number) => {
  const head = `${plural(sent, 'message', 'messages')} sent`
  if (answers === 0) return `${head}, no answer`
  if (errors === 0) return `${head}, ${plural(answers, 'answer', 'answers')}`
  if (errors === answers) return `${head}, ${plural(answers, 'error answer', 'error answers')}`
  return `${head}, ${plural(answers, 'answer', 'answers')} (${errors} of them errors)`
}

/** Portuguese strings of the framing lab. */
export const framingLabPt = {
  framingLab: {
    heading: 'Laboratório de framing',
    intro:
      'Onde termina uma mensagem? O TCP entrega bytes, não mensagens. A mesma mensagem vai a cada servidor cortada em pedaços ou colada com outras, e cada coluna mostra o que o framing fez com ela.',
    experiment: 'Experimento',
    split: 'Dividir uma mensagem',
    glue: 'Colar mensagens',
    splitHelp: 'Uma mensagem cortada em pedaços, cada pedaço numa escrita TCP separada.',
    glueHelp: 'Várias mensagens numa única escrita TCP.',
    message: 'Mensagem',
    restore: 'Restaurar',
    valid: 'Pedido válido.',
    pieces: 'Pedaços',
    delay: 'Intervalo entre pedaços',
    copies: 'Mensagens na escrita',
    ms: (n: number) => `${n} ms`,
    coalesce:
      'Com 0 ms o TCP pode juntar os pedaços numa só leitura; suba o intervalo para vê-los chegar separados.',
    delayNote: (ms: number) =>
      `Cada pedaço sai ${ms} ms depois do anterior: no loopback, cada um chega numa leitura separada.`,
    oneWrite: 'Uma escrita só: o servidor recebe tudo de uma vez, numa leitura.',
    servers: 'Servidores',
    ownServer: 'Seu servidor',
    serversHelp: 'Uma coluna por servidor, cada uma com a sua própria conexão e o seu framing.',
    noServers: 'A ponte não oferece nenhum servidor com framing conhecido.',
    run: 'Executar',
    runHint: 'Cada execução abre conexões novas.',
    notRun: 'Ainda não executado. A faixa abaixo mostra como os bytes serão cortados.',
    phase: {
      connecting: 'conectando…',
      sending: 'enviando…',
      waiting: 'aguardando respostas…',
      done: 'concluído',
      failed: 'falhou',
    },
    written: (n: number, total: number) => `pedaço ${n} de ${total}`,
    verdict: ptVerdict,
    why: {
      'naive-split':
        'O servidor naive trata cada leitura (recv de até 512 bytes) como uma mensagem inteira: os pedaços chegaram em leituras separadas, e nenhuma leitura tinha um JSON completo.',
      'naive-glue':
        'As mensagens chegaram juntas numa leitura, e o servidor naive tentou ler tudo como um único JSON.',
      'naive-joined':
        'Os pedaços chegaram juntos numa só leitura e por sorte formaram a mensagem inteira. Com um intervalo maior eles chegam separados.',
      'naive-whole':
        'Uma escrita, uma leitura: o naive só funciona quando cada mensagem chega sozinha numa leitura.',
      silent: 'Nenhuma resposta: o servidor ainda espera o resto da mensagem.',
      broken: 'O servidor recebeu bytes que não formam um pedido válido e respondeu 400.',
      partial: 'Algumas mensagens ficaram sem resposta.',
      'own-framed':
        'Seu servidor respondeu a cada mensagem uma vez: ele achou onde cada uma termina, não importa como os bytes chegaram.',
      'own-broken':
        'Seu servidor respondeu com erro: ele tratou bytes que não eram uma mensagem inteira como um pedido, como o naive faz com cada recv.',
    },
    framed: {
      json: 'O servidor json acha o fim de cada mensagem no } que fecha o objeto, não importa como os bytes chegam.',
      ndjson: 'O servidor ndjson junta os bytes até cada \\n: uma linha, uma mensagem.',
      length: 'O servidor length lê o prefixo de 4 bytes e espera exatamente esse número de bytes.',
      naive: 'Cada mensagem chegou sozinha numa leitura.',
    } satisfies Record<Framing, string>,
    streamHeading: 'Bytes enviados',
    legendChunk: 'pedaço = uma escrita',
    legendMessage: 'mensagem',
    legendFrame: 'bytes do framing',
    strip: (chunks: string, messages: string) =>
      `Pedaços enviados: ${chunks}. Mensagens: ${messages}.`,
    msg: (n: number) => `msg ${n}`,
    incomplete: 'incompleta',
    answers: 'Respostas',
    noAnswers: 'nenhuma',
    unreadable: 'ilegível',
    log: (target: string) => `Bytes e mensagens de ${target}`,
    logEmpty: 'Os bytes desta coluna aparecem aqui.',
    naiveNote:
      'O registro delimita as mensagens como json; o servidor naive, não: para ele cada leitura é uma mensagem.',
  },
}

/** English strings of the framing lab, shaped like the Portuguese ones. */
export const framingLabEn: typeof framingLabPt = {
  framingLab: {
    heading: 'Framing lab',
    intro:
      'Where does a message end? TCP delivers bytes, not messages. The same message goes to each server cut into pieces or glued to others, and each column shows what its framing made of it.',
    experiment: 'Experiment',
    split: 'Split one message',
    glue: 'Glue messages',
    splitHelp: 'One message cut into pieces, each piece in its own TCP write.',
    glueHelp: 'Several messages in a single TCP write.',
    message: 'Message',
    restore: 'Restore',
    valid: 'A valid request.',
    pieces: 'Pieces',
    delay: 'Delay between pieces',
    copies: 'Messages in the write',
    ms: (n) => `${n} ms`,
    coalesce:
      'With 0 ms TCP may join the pieces into one read; raise the delay to see them arrive apart.',
    delayNote: (ms) =>
      `Each piece leaves ${ms} ms after the one before: on loopback each arrives as its own read.`,
    oneWrite: 'A single write: the server gets it all at once, in one read.',
    servers: 'Servers',
    ownServer: 'Your server',
    serversHelp: 'One column per server, each with its own connection and framing.',
    noServers: 'The bridge offers no server with a known framing.',
    run: 'Run',
    runHint: 'Each run opens new connections.',
    notRun: 'Not run yet. The strip below shows how the bytes will be cut.',
    phase: {
      connecting: 'connecting…',
      sending: 'sending…',
      waiting: 'waiting for answers…',
      done: 'done',
      failed: 'failed',
    },
    written: (n, total) => `piece ${n} of ${total}`,
    verdict: enVerdict,
    why: {
      'naive-split':
        'The naive server takes each read (recv of up to 512 bytes) as a whole message: the pieces arrived in separate reads, and no read held complete JSON.',
      'naive-glue':
        'The messages arrived together in one read, and the naive server tried to read it all as one JSON value.',
      'naive-joined':
        'The pieces arrived together in one read and happened to form the whole message. With a longer delay they arrive apart.',
      'naive-whole':
        'One write, one read: naive only works while each message arrives alone in a read.',
      silent: 'No answer: the server is still waiting for the rest of the message.',
      broken: 'The server got bytes that are not a valid request and answered 400.',
      partial: 'Some messages got no answer.',
      'own-framed':
        'Your server answered each message once: it found where each one ends, however the bytes arrived.',
      'own-broken':
        'Your server answered with an error: it took bytes that were not a whole message as a request, as naive does with each recv.',
    },
    framed: {
      json: 'The json server finds the end of each message at the } closing the object, however the bytes arrive.',
      ndjson: 'The ndjson server collects bytes up to each \\n: one line, one message.',
      length: 'The length server reads the 4-byte prefix and waits for exactly that many bytes.',
      naive: 'Each message arrived alone in a read.',
    },
    streamHeading: 'Bytes sent',
    legendChunk: 'piece = one write',
    legendMessage: 'message',
    legendFrame: 'framing bytes',
    strip: (chunks, messages) => `Pieces sent: ${chunks}. Messages: ${messages}.`,
    msg: (n) => `msg ${n}`,
    incomplete: 'incomplete',
    answers: 'Answers',
    noAnswers: 'none',
    unreadable: 'unreadable',
    log: (target) => `Bytes and messages of ${target}`,
    logEmpty: "This column's bytes show up here.",
    naiveNote:
      'The log finds the messages as json does; the naive server does not: to it every read is a message.',
  },
}
