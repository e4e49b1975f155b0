// The framing lab texts in English (loaded with en.ts, only when the page is switched to English).
import { plural, type framingLabPt } from '../framing-lab.ts'

const enVerdict = (sent: number, answers: number, errors: number) => {
  const head = `${plural(sent, 'message', 'messages')} sent`
  if (answers === 0) return `${head}, no answer`
  if (errors === 0) return `${head}, ${plural(answers, 'answer', 'answers')}`
  if (errors === answers) return `${head}, ${plural(answers, 'error answer', 'error answers')}`
  return `${head}, ${plural(answers, 'answer', 'answers')} (${errors} of them errors)`
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
