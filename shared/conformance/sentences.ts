// Every sentence a report says, in Portuguese and English, in the lesson's terms.
import type { Finding, FindingKind, Text } from './types.ts'
import { escapeByte } from '../hex.ts'

/** A finding of this kind with this sentence. */
export const finding = (kind: FindingKind, text: Text): Finding => ({ kind, text })

/** A short quote of received text: control characters visible, long text cut in the middle. */
export function quote(text: string, max = 70): string {
  let visible = ''
  for (const ch of text) {
    const c = ch.charCodeAt(0)
    if (c >= 0x20 && c !== 0x7f) visible += ch
    else if (ch === '\n') visible += '\\n'
    else if (ch === '\r') visible += '\\r'
    else if (ch === '\t') visible += '\\t'
    else visible += escapeByte(c)
  }
  if (visible.length <= max) return '`' + visible + '`'
  const half = Math.floor((max - 1) / 2)
  return '`' + visible.slice(0, half) + '…' + visible.slice(-half) + '`'
}

const json = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v))
const jsonPt = (v: unknown) => (v === undefined ? 'nada' : JSON.stringify(v))

/** The sentence of each finding kind, given its details. */
export const say = {
  noAnswer: (ms: number, what: Text): Text => ({
    pt: `nenhuma resposta em ${ms} ms depois de ${what.pt}`,
    en: `no answer within ${ms} ms after ${what.en}`,
  }),
  closed: (what: Text, reset: boolean): Text => ({
    pt: `o servidor ${reset ? 'derrubou (reset)' : 'fechou'} a conexão depois de ${what.pt}: ele caiu com isso?`,
    en: `the server ${reset ? 'reset' : 'closed'} the connection after ${what.en}: did it crash on it?`,
  }),
  refused: (detail: string): Text => ({
    pt: `a conexão não abriu (${detail})`,
    en: `the connection could not be opened (${detail})`,
  }),
  incomplete: (n: number): Text => ({
    pt: `chegaram ${n} bytes e depois silêncio: eles nunca formaram uma resposta completa`,
    en: `${n} bytes came, then silence: they never made a complete answer`,
  }),
  notJson: (text: string): Text => ({
    pt: `a resposta não é JSON: ${quote(text)}`,
    en: `the answer is not JSON: ${quote(text)}`,
  }),
  pythonRepr: {
    pt: 'parece o str() de um dict do Python (aspas simples, None): envie json.dumps(resposta).encode("utf-8")',
    en: 'it looks like Python\'s str() of a dict (single quotes, None): send json.dumps(resposta).encode("utf-8")',
  },
  compact: (comma: boolean, colon: boolean): Text =>
    comma && colon
      ? {
          pt: 'sua resposta usa `,` e `:` sem espaço; o json.dumps escreve `, ` e `: `',
          en: 'your answer uses `,` and `:` without spaces; json.dumps writes `, ` and `: `',
        }
      : {
          pt: `sua resposta usa \`${comma ? ',' : ':'}\` sem espaço; o json.dumps escreve \`${comma ? ', ' : ': '}\``,
          en: `your answer uses \`${comma ? ',' : ':'}\` without a space; json.dumps writes \`${comma ? ', ' : ': '}\``,
        },
  rawUtf8: (word: string, escaped: string): Text => ({
    pt: `\`${word}\` vai em UTF-8 cru; o json.dumps o escapa como \`${escaped}\` (ensure_ascii=False?)`,
    en: `\`${word}\` is sent as raw UTF-8; json.dumps escapes it as \`${escaped}\` (ensure_ascii=False?)`,
  }),
  uppercaseHex: (got: string, want: string): Text => ({
    pt: `sua resposta escreve \`${got}\` com hexadecimal maiúsculo; o json.dumps escreve \`${want}\``,
    en: `your answer writes \`${got}\` in uppercase hex; json.dumps writes \`${want}\``,
  }),
  otherEncoding: (offset: number): Text => ({
    pt: `o conteúdo está certo, mas os bytes não são os do json.dumps (primeira diferença no byte ${offset}): use json.dumps(resposta) com os separadores padrão`,
    en: `the content is right but the bytes are not json.dumps's (first difference at byte ${offset}): use json.dumps(resposta) with its default separators`,
  }),
  ndjsonNewline: {
    pt: 'a resposta não termina com `\\n`: no ndjson cada mensagem é uma linha, terminada por uma quebra de linha',
    en: 'the answer does not end with `\\n`: on ndjson every message is one line, ended by a newline',
  },
  lengthPrefix: (declared: number, actual: number): Text => ({
    pt: `o prefixo de 4 bytes diz ${declared} bytes, mas seguem ${actual} bytes de JSON`,
    en: `the 4-byte length prefix says ${declared} bytes, but ${actual} bytes of JSON follow it`,
  }),
  missingPrefix: {
    pt: 'a resposta não tem o prefixo de 4 bytes: no length cada mensagem começa com seu tamanho, big-endian (struct.pack(">I", len(dados)))',
    en: 'the answer has no 4-byte length prefix: on length every message starts with its size, big-endian (struct.pack(">I", len(dados)))',
  },
  extraNewline: (framing: string): Text => ({
    pt: `a resposta traz uma quebra de linha, que o framing ${framing} não põe: nada vai em volta do JSON (isso é o ndjson)`,
    en: `the answer carries a newline, which ${framing} framing does not add: nothing goes around the JSON (that is ndjson)`,
  }),
  extraBytes: (text: string): Text => ({
    pt: `bytes a mais em volta do JSON: ${quote(text)}`,
    en: `extra bytes around the JSON: ${quote(text)}`,
  }),
  keyOrder: (got: string[]): Text => ({
    pt: `as chaves vêm na ordem ${got.join(', ')}; o json.dumps mantém a ordem do dict: CODIGO DE ERRO, depois EXPLICAÇÃO`,
    en: `the keys come as ${got.join(', ')}; json.dumps keeps the dict's order: CODIGO DE ERRO, then EXPLICAÇÃO`,
  }),
  wrongKeys: (got: string[]): Text => ({
    pt: `as chaves da resposta são ${got.join(', ') || 'nenhuma'}; esperadas exatamente CODIGO DE ERRO e EXPLICAÇÃO (com acentos)`,
    en: `the answer's keys are ${got.join(', ') || 'none'}; expected exactly CODIGO DE ERRO and EXPLICAÇÃO (accents included)`,
  }),
  codeNotString: (got: string): Text => ({
    pt: `CODIGO DE ERRO é ${got}, não um texto; a aula o envia como string, "${got}"`,
    en: `CODIGO DE ERRO is ${got}, not a string; the lesson sends it as a string, "${got}"`,
  }),
  wrongCode: (want: string, got: string): Text => ({
    pt: `código esperado ${want}, recebido ${got}`,
    en: `expected code ${want}, got ${got}`,
  }),
  codesMode: (got: 'http' | 'lesson'): Text =>
    got === 'http'
      ? {
          pt: 'seu servidor usa códigos HTTP precisos; a aula responde 404 a toda recusa (verifique com --codes http se era essa a ideia)',
          en: 'your server uses precise HTTP codes; the lesson answers 404 to every refusal (check with --codes http if that is what you meant)',
        }
      : {
          pt: 'seu servidor responde 404 como a aula; verifique com --codes lesson se era essa a ideia',
          en: 'your server answers 404 as the lesson does; check with --codes lesson if that is what you meant',
        },
  wrongText: (want: string, got: string): Text => ({
    pt: `a EXPLICAÇÃO devia ser ${quote(want)}, veio ${quote(got)}`,
    en: `the EXPLICAÇÃO should be ${quote(want)}, got ${quote(got)}`,
  }),
  wrongRecord: (field: string, want: unknown, got: unknown): Text => ({
    pt: `no registro, ${field} devia ser ${jsonPt(want)}, veio ${jsonPt(got)}`,
    en: `in the record, ${field} should be ${json(want)}, got ${json(got)}`,
  }),
  recordKeyOrder: (got: string[]): Text => ({
    pt: `as chaves do registro vêm na ordem ${got.join(', ')}; o registro da aula é Nome, Endereço, Telefone, Email`,
    en: `the record's keys come as ${got.join(', ')}; the lesson's record is Nome, Endereço, Telefone, Email`,
  }),
  recordAsString: {
    pt: 'o registro vai como texto; o json.dumps escreve o próprio dict, como objeto JSON (não o converta com str() antes)',
    en: 'the record is sent as a string; json.dumps writes the dict itself, as a JSON object (do not str() it first)',
  },
  wantedRecord: (got: string): Text => ({
    pt: `a EXPLICAÇÃO devia ser o registro (um objeto JSON), veio ${quote(got)}`,
    en: `the EXPLICAÇÃO should be the record (a JSON object), got ${quote(got)}`,
  }),
  alreadyThere: (email: string): Text => ({
    pt: `${email} já está registrado no seu servidor (sobra de uma execução anterior, ou do seu próprio cliente?): reinicie o servidor e rode de novo`,
    en: `${email} is already registered on your server (left by an earlier run, or by your own client?): restart the server and run again`,
  }),
  earlyAnswer: {
    pt: 'uma resposta chegou antes de a mensagem inteira ser escrita',
    en: 'an answer came before the whole message was written',
  },
  extraAnswer: (n: number): Text => ({
    pt: `o servidor mandou ${n} resposta(s) a mais do que o pedido`,
    en: `the server sent ${n} more answer(s) than asked for`,
  }),
  splitRead: {
    pt: 'seu servidor respondeu (ou falhou) à primeira parte de uma mensagem escrita em duas vezes: ele trata cada recv() como uma mensagem inteira; guarde os bytes até o framing dizer que a mensagem terminou',
    en: 'your server answered (or failed on) the first part of a message written in two parts: it treats each recv() as a whole message; keep the bytes until the framing says the message is complete',
  },
  gluedRead: {
    pt: 'duas mensagens numa só escrita não foram respondidas uma a uma: seu servidor trata cada recv() como uma mensagem; corte os bytes no fim de cada mensagem (o framing)',
    en: 'two messages in one write were not answered one by one: your server treats each recv() as one message; cut the bytes at the end of each message (the framing)',
  },
  oneClient: {
    pt: 'um segundo cliente, conectado enquanto o primeiro continuava aberto, não teve resposta: o servidor atende um cliente por vez (Thread.run() roda o atendimento na thread que aceita; Thread.start() roda numa thread nova)',
    en: 'a second client, connected while the first stayed open, got no answer: the server serves one client at a time (Thread.run() runs the handler in the accepting thread; Thread.start() runs it in a new one)',
  },
  listenerClosed: {
    pt: 'depois que o primeiro cliente saiu, o servidor recusou novas conexões: o servidor da aula fecha o socket de escuta depois do seu único cliente; continue aceitando num laço',
    en: "once the first client left, the server refused new connections: the lesson's server closes its listening socket after its one client; keep accepting in a loop",
  },
  noSizeLimit: {
    pt: 'seu servidor aceitou uma mensagem acima do limite; o PROTOCOL.md responde 413 passado o limite (64 KiB por padrão), sem guardar o resto',
    en: 'your server took a message past the limit; PROTOCOL.md answers 413 past the limit (64 KiB by default), without keeping the rest',
  },
  crashBadInput: (what: Text): Text => ({
    pt: `a conexão fechou depois de ${what.pt}: o servidor da aula cai aí (json.loads ou decode lançam uma exceção); trate o erro e responda 400`,
    en: `the connection closed after ${what.en}: the lesson's server crashes there (json.loads or decode raise); catch the error and answer 400`,
  }),
} as const

/** The run-level sentences: why a run stopped, and why a case did not run. */
export const stopSay = {
  cannotConnect: (target: string, detail: string): Text => ({
    pt: `não foi possível conectar a ${target} (${detail}): o servidor está rodando, nesta porta?`,
    en: `cannot connect to ${target} (${detail}): is the server running, on this port?`,
  }),
  crashed: (n: number, id: string, what: Text): Text => ({
    pt: `o servidor parou de responder depois do caso ${n} (${id}): ele caiu com ${what.pt}?`,
    en: `the server stopped answering after case ${n} (${id}): did it crash on ${what.en}?`,
  }),
  refusing: (n: number, id: string): Text => ({
    pt: `o servidor recusa novas conexões desde o caso ${n} (${id}): ele fechou o socket de escuta quando o cliente saiu, como o da aula, ou caiu?`,
    en: `the server refuses new connections since case ${n} (${id}): did it close its listening socket when its client left, as the lesson's does, or crash?`,
  }),
  silent: (n: number, id: string, what: Text, framing: string): Text => ({
    pt: `o servidor parou de responder depois do caso ${n} (${id}): ele aceita conexões mas não responde nada; travou com ${what.pt}, ou espera outro framing que não ${framing} (--framing)?`,
    en: `the server stopped answering after case ${n} (${id}): it accepts connections but answers nothing; did it hang on ${what.en}, or does it expect another framing than ${framing} (--framing)?`,
  }),
  aborted: { pt: 'a execução foi interrompida', en: 'the run was stopped' },
  notRun: {
    pt: 'não executado: o servidor parou de responder antes',
    en: 'not run: the server had stopped answering',
  },
} as const
