// Strings of the guided tour in both languages, spread into pt.ts and en.ts; `code` marks protocol words.
import type { Probe, TourStep } from '../modes/tour/tour.ts'

/** One step's texts: its name in the list, its title, a few short paragraphs and what its try-it does. */
interface StepText {
  name: string
  title: string
  body: readonly string[]
  action: string
}

/** Portuguese strings of the tour. */
export const tourPt = {
  tour: {
    heading: 'Tour guiado',
    intro:
      'Cinco passos curtos pela aula. Em cada um, o botão Experimente faz a coisa de verdade: fala com o servidor pela ponte e mostra os bytes que passaram pelo fio.',
    stepsLabel: 'Passos do tour',
    stepOf: (n: number, total: number) => `Passo ${n} de ${total}`,
    previous: 'Anterior',
    next: 'Próximo',
    tryIt: 'Experimente',
    tryAgain: 'Experimente de novo',
    running: 'Executando…',
    tried: 'experimentado',
    result: 'O que aconteceu',
    waiting: 'Conversando com o servidor…',
    targetsFailed: (url: string) =>
      `A página não conseguiu a lista de servidores da ponte (${url}). A ponte está rodando?`,
    steps: {
      sockets: {
        name: 'Sockets',
        title: 'Sockets: as duas pontas de uma conexão',
        body: [
          'Para conversar pela rede, um programa pede um socket ao sistema operacional. O servidor amarra o seu socket a um endereço e a uma porta, avisa que aceita conexões e fica esperando.',
          'O cliente cria o seu socket e pede a conexão ao endereço e à porta do servidor. Quando o aperto de mão do TCP termina, cada ponta da conexão é um par (endereço, porta): a porta do servidor é combinada antes, a do cliente o sistema escolhe na hora.',
          'Um navegador não abre conexões TCP. Aqui quem abre é a ponte, a pedido da página, e ela conta à página cada coisa que acontece do lado TCP.',
        ],
        action: 'Abre uma conexão com o servidor, mostra as duas pontas e fecha a conexão.',
      },
      messages: {
        name: 'Mensagens',
        title: 'Mensagens: pedidos e respostas em JSON',
        body: [
          'Uma conexão só carrega bytes. Para que eles signifiquem algo, cliente e servidor seguem um protocolo de aplicação: que mensagens existem, que campos elas têm e o que cada campo quer dizer.',
          'Aqui cada pedido é um objeto JSON com `SERVIÇO`, `AÇÃO` e `EMAIL_USUARIO` (para modificar, também `CAMPO` e `VALOR`), e cada resposta é um objeto com `CODIGO DE ERRO` e `EXPLICAÇÃO`.',
          'Repare nos bytes: letras como Ç e Ã viajam como `\\u00c7` e `\\u00c3`, do jeito que o `json.dumps` do Python escreve.',
        ],
        action: 'Cria um usuário com um email novo e depois consulta o registro dele.',
      },
      codes: {
        name: 'Códigos de status',
        title: 'Códigos de status: quando o servidor diz não',
        body: [
          'Toda resposta traz um `CODIGO DE ERRO` tirado dos códigos de status do HTTP: os que começam com 2 dizem que deu certo, os que começam com 4 dizem que o pedido foi recusado.',
          'A aula usa o mesmo código para todas as recusas; um servidor também pode dar um código preciso para cada tipo de problema. De um jeito ou de outro, a `EXPLICAÇÃO` diz em palavras o que houve.',
          'O experimento faz quatro pedidos errados de propósito, cada um de um tipo, e mostra o código e a explicação que o servidor deu a cada um.',
        ],
        action: 'Envia quatro pedidos que o servidor deve recusar.',
      },
      framing: {
        name: 'Framing',
        title: 'Framing: onde termina uma mensagem?',
        body: [
          'O TCP entrega um fluxo de bytes, não mensagens: o que foi escrito de uma vez pode chegar em duas leituras, e duas escritas podem chegar juntas numa leitura só.',
          'O servidor da aula trata cada leitura de até 512 bytes como um pedido inteiro. Isso funciona enquanto cada pedido chega sozinho e completo; o servidor `naive` daqui faz a mesma coisa.',
          'O servidor `json` não confia nas leituras: ele junta os bytes até achar o `}` que fecha o objeto. O experimento manda o mesmo pedido aos dois, cortado em duas metades com uma pausa entre elas.',
        ],
        action: 'Envia um pedido em duas metades ao servidor naive e ao json.',
      },
      concurrency: {
        name: 'Concorrência',
        title: 'Concorrência: dois clientes ao mesmo tempo',
        body: [
          'Quando o servidor aceita uma conexão, ele ganha um socket novo só para aquele cliente, e o socket de escuta continua livre para o próximo. Para atender vários clientes juntos, ele cuida de cada um sem deixar os outros esperando.',
          'O servidor da aula atende um cliente de cada vez: um segundo cliente ficaria parado na fila, sem resposta, até o primeiro ir embora. No código da aula ele nem chegaria a ser atendido, porque o servidor fecha o socket de escuta depois do primeiro cliente.',
          'O experimento abre duas conexões ao mesmo tempo, A e B. A cria um usuário e grava um Telefone; B, pela sua própria conexão, consulta esse usuário.',
        ],
        action: 'Abre os clientes A e B juntos: A grava um Telefone e B o lê.',
      },
    } satisfies Record<TourStep, StepText>,
    sockets: {
      figure: 'As duas pontas da conexão TCP',
      client: 'Cliente (o socket da ponte)',
      server: 'Servidor',
      address: 'endereço',
      port: 'porta',
      ok: (local: string, remote: string) =>
        `A conexão abriu: a ponta do cliente é ${local} e a do servidor é ${remote}. Depois a página a fechou, e a ponte avisou o servidor com um FIN, o “terminei” do TCP.`,
    },
    messages: {
      ok: (email: string, created: string, consulted: string) =>
        `O servidor respondeu ${created} ao CRIAR e ${consulted} ao CONSULTAR: criou ${email} e devolveu o registro como um objeto JSON, com Nome, Endereço e Telefone ainda vazios (null).`,
      unexpected: (created: string, consulted: string) =>
        `Respostas inesperadas (${created} e ${consulted}): a EXPLICAÇÃO de cada uma, no registro abaixo, diz por quê.`,
    },
    codes: {
      probe: {
        unknown: 'Usuário que não existe',
        conflict: 'Email já cadastrado',
        missing: 'Pedido sem EMAIL_USUARIO',
        broken: 'JSON quebrado',
      } satisfies Record<Probe, string>,
      table: 'Os pedidos recusados e as respostas',
      request: 'Pedido',
      code: 'Código',
      oneCode: (code: string, broken: string) =>
        `As três recusas de pedidos vieram com o mesmo código, ${code}, como na aula: só a EXPLICAÇÃO diz qual foi o problema. O JSON quebrado, que nem chega a ser um pedido, recebeu ${broken}.`,
      precise: (codes: Readonly<Record<Probe, string>>) =>
        `Este servidor usa códigos precisos: ${codes.unknown} para o usuário que não existe, ${codes.conflict} para o email repetido, ${codes.missing} para o campo que falta e ${codes.broken} para o JSON quebrado.`,
    },
    framing: {
      asExpected: (naive: string, json: string) =>
        `O servidor naive respondeu ${naive}: cada metade chegou numa leitura separada, e nenhuma era um JSON completo. O json juntou as metades e respondeu uma vez só, com ${json}.`,
      lucky:
        'Desta vez as duas metades chegaram juntas numa leitura só, e o servidor naive acertou por sorte. Experimente de novo.',
      other: (naive: string, json: string) =>
        `Respostas do servidor naive: ${naive}. Do json: ${json}.`,
      openLab: 'Abrir no laboratório de framing',
      noTargets: 'A ponte não oferece os servidores naive e json, e este passo precisa dos dois.',
    },
    concurrency: {
      ok: (phone: string, a: number, b: number) =>
        `B leu o Telefone ${phone} que A tinha acabado de gravar, com as duas conexões abertas ao mesmo tempo (portas locais ${a} e ${b}). Com o servidor da aula, B ficaria esperando A terminar.`,
      missed: (code: string) => `B não encontrou o Telefone que A gravou (resposta ${code}).`,
      localPort: (port: number) => `porta local ${port}`,
      timeline: 'Na ordem em que aconteceu',
      opened: (port: number) => `abriu a conexão (porta local ${port})`,
    },
    trouble: {
      closed: (why: string) => `O experimento não terminou. ${why}`,
      timeout: 'O experimento não terminou: o servidor não respondeu a tempo.',
      unreadable: 'O experimento não terminou: chegou algo que não é uma resposta do protocolo.',
      noTarget: 'A ponte não oferece nenhum servidor para este passo.',
    },
    log: 'Bytes e mensagens deste passo',
    logOf: (client: string) => `Bytes e mensagens do ${client}`,
    logEmpty: 'Os bytes aparecem aqui quando você experimentar.',
  },
}

/** English strings of the tour, shaped like the Portuguese ones. */
export const tourEn: typeof tourPt = {
  tour: {
    heading: 'Guided tour',
    intro:
      'Five short steps through the lesson. In each one the Try it button does the real thing: it talks to the server through the bridge and shows the bytes that crossed the wire.',
    stepsLabel: 'Tour steps',
    stepOf: (n, total) => `Step ${n} of ${total}`,
    previous: 'Previous',
    next: 'Next',
    tryIt: 'Try it',
    tryAgain: 'Try it again',
    running: 'Running…',
    tried: 'tried',
    result: 'What happened',
    waiting: 'Talking to the server…',
    targetsFailed: (url) =>
      `The page could not get the bridge's list of servers (${url}). Is the bridge running?`,
    steps: {
      sockets: {
        name: 'Sockets',
        title: 'Sockets: the two ends of a connection',
        body: [
          'To talk over the network, a program asks the operating system for a socket. The server ties its socket to an address and a port, says it accepts connections, and waits.',
          "The client makes its own socket and asks to connect to the server's address and port. Once TCP's handshake is over, each end of the connection is an (address, port) pair: the server's port is agreed beforehand, the client's is picked by the system on the spot.",
          "A browser cannot open TCP connections. Here the bridge opens it on the page's behalf, and tells the page everything that happens on the TCP side.",
        ],
        action: 'Opens a connection to the server, shows both ends, then closes it.',
      },
      messages: {
        name: 'Messages',
        title: 'Messages: requests and answers in JSON',
        body: [
          'A connection only carries bytes. For them to mean something, client and server follow an application protocol: which messages exist, which fields they have and what each field means.',
          'Here every request is a JSON object with `SERVIÇO`, `AÇÃO` and `EMAIL_USUARIO` (to modify, also `CAMPO` and `VALOR`), and every answer is an object with `CODIGO DE ERRO` and `EXPLICAÇÃO`.',
          "Look at the bytes: letters like Ç and Ã travel as `\\u00c7` and `\\u00c3`, the way Python's `json.dumps` writes them.",
        ],
        action: 'Creates a user with a new email, then reads its record.',
      },
      codes: {
        name: 'Status codes',
        title: 'Status codes: when the server says no',
        body: [
          "Every answer carries a `CODIGO DE ERRO` taken from HTTP's status codes: those starting with 2 say it worked, those starting with 4 say the request was refused.",
          'The lesson uses one code for every refusal; a server may also give a precise code to each kind of problem. Either way, the `EXPLICAÇÃO` says in words what happened.',
          'The experiment makes four wrong requests on purpose, each of a different kind, and shows the code and the explanation the server gave each one.',
        ],
        action: 'Sends four requests the server should refuse.',
      },
      framing: {
        name: 'Framing',
        title: 'Framing: where does a message end?',
        body: [
          'TCP delivers a stream of bytes, not messages: what was written at once may arrive in two reads, and two writes may arrive together in a single read.',
          "The lesson's server takes each read of up to 512 bytes as a whole request. That works as long as each request arrives alone and complete; the `naive` server here does the same.",
          'The `json` server does not trust reads: it collects bytes until it finds the `}` that closes the object. The experiment sends both the same request, cut in two halves with a pause between them.',
        ],
        action: 'Sends one request in two halves to the naive and the json server.',
      },
      concurrency: {
        name: 'Concurrency',
        title: 'Concurrency: two clients at once',
        body: [
          'When the server accepts a connection, it gets a new socket just for that client, and the listening socket stays free for the next one. To serve many clients together, it looks after each one without making the others wait.',
          "The lesson's server serves one client at a time: a second client would sit in the queue, unanswered, until the first one left. With the lesson's code it would never be served at all, because the server closes its listening socket after the first client.",
          'The experiment opens two connections at the same time, A and B. A creates a user and writes a Telefone; B, over its own connection, reads that user.',
        ],
        action: 'Opens clients A and B together: A writes a Telefone and B reads it.',
      },
    },
    sockets: {
      figure: 'The two ends of the TCP connection',
      client: "Client (the bridge's socket)",
      server: 'Server',
      address: 'address',
      port: 'port',
      ok: (local, remote) =>
        `The connection opened: the client's end is ${local} and the server's is ${remote}. Then the page closed it, and the bridge told the server with a FIN, TCP's “I'm done”.`,
    },
    messages: {
      ok: (email, created, consulted) =>
        `The server answered ${created} to CRIAR and ${consulted} to CONSULTAR: it created ${email} and sent the record back as a JSON object, with Nome, Endereço and Telefone still empty (null).`,
      unexpected: (created, consulted) =>
        `Unexpected answers (${created} and ${consulted}): the EXPLICAÇÃO of each, in the log below, says why.`,
    },
    codes: {
      probe: {
        unknown: 'A user who does not exist',
        conflict: 'An email already registered',
        missing: 'A request without EMAIL_USUARIO',
        broken: 'Broken JSON',
      },
      table: 'The refused requests and the answers',
      request: 'Request',
      code: 'Code',
      oneCode: (code, broken) =>
        `The three refused requests all got the same code, ${code}, as in the lesson: only the EXPLICAÇÃO says what the problem was. The broken JSON, which is not even a request, got ${broken}.`,
      precise: (codes) =>
        `This server uses precise codes: ${codes.unknown} for the user who does not exist, ${codes.conflict} for the repeated email, ${codes.missing} for the missing field and ${codes.broken} for the broken JSON.`,
    },
    framing: {
      asExpected: (naive, json) =>
        `The naive server answered ${naive}: each half arrived in a separate read, and neither was complete JSON. The json server joined the halves and answered just once, with ${json}.`,
      lucky:
        'This time both halves arrived together in one read, and the naive server got it right by luck. Try it again.',
      other: (naive, json) =>
        `Answers from the naive server: ${naive}. From the json server: ${json}.`,
      openLab: 'Open in the framing lab',
      noTargets: 'The bridge does not offer the naive and json servers, and this step needs both.',
    },
    concurrency: {
      ok: (phone, a, b) =>
        `B read the Telefone ${phone} that A had just written, with both connections open at once (local ports ${a} and ${b}). With the lesson's server, B would have waited for A to finish.`,
      missed: (code) => `B did not find the Telefone A wrote (answer ${code}).`,
      localPort: (port) => `local port ${port}`,
      timeline: 'In the order it happened',
      opened: (port) => `opened its connection (local port ${port})`,
    },
    trouble: {
      closed: (why) => `The experiment did not finish. ${why}`,
      timeout: 'The experiment did not finish: the server did not answer in time.',
      unreadable: 'The experiment did not finish: something arrived that is not a protocol answer.',
      noTarget: 'The bridge offers no server for this step.',
    },
    log: "This step's bytes and messages",
    logOf: (client) => `Bytes and messages of ${client}`,
    logEmpty: 'The bytes show up here once you try it.',
  },
}
