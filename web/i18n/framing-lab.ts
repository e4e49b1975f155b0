// Strings of the framing lab, Portuguese (default) and English, spread into pt.ts and en.ts.
import type { Framing } from '../../shared/framing.ts'

/** `n` and the word for it: "1 message", "3 messages". */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const ptVerdict = (sent: number, answers: number, errors: number) => {
  const head = plural(sent, 'mensagem enviada', 'mensagens enviadas')
  if (answers === 0) return `${head}, nenhuma resposta`
  if (errors === 0) return `${head}, ${plural(answers, 'resposta', 'respostas')}`
  if (errors === answers) {
    return `${head}, ${plural(answers, 'resposta de erro', 'respostas de erro')}`
  }
  return `${head}, ${plural(answers, 'resposta', 'respostas')} (${errors} de erro)`
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
