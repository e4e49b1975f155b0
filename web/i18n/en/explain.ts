// The explain texts in English (loaded with en.ts, only when the page is switched to English).
import { bytesPt, kib, type explainPt } from '../explain.ts'

const bytesEn = bytesPt

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
