// The tour texts in English (loaded with en.ts, only when the page is switched to English).
import type { tourPt } from '../tour.ts'

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
