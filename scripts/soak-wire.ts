// One connection to the server, over TCP or through the bridge, and the exact requests and answers of a normal client.
import net from 'node:net'
import { WebSocket } from 'ws'
import { dumps, dumpsBytes } from '../shared/codec.ts'
import { createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'

/** The lesson's one SERVIÇO. */
export const DP = 'Dados Pessoais'
/** Any answer slower than this counts as lost: the soak never waits forever. */
export const ANSWER_TIMEOUT_MS = 10_000
/** How long opening a connection may take. */
export const OPEN_TIMEOUT_MS = 10_000

/** The exact answer text for a code and an EXPLICAÇÃO, as json.dumps writes it. */
export const answerText = (code: string, explanation: unknown) =>
  dumps({ 'CODIGO DE ERRO': code, EXPLICAÇÃO: explanation })

/** Request `k` of a client's cycle (create, read, modify, read, remove) and its exact answer text. */
export function cycleStep(email: string, k: number): { request: unknown; answer: string } {
  const nome = `Nome ${Math.floor(k / 5)} ç`
  const base = { SERVIÇO: DP, EMAIL_USUARIO: email }
  switch (k % 5) {
    case 0:
      return {
        request: { ...base, AÇÃO: 'CRIAR USUARIO' },
        answer: answerText('200', TEXT.created(email)),
      }
    case 1:
      return {
        request: { ...base, AÇÃO: 'CONSULTAR USUARIO' },
        answer: answerText('200', { Nome: null, Endereço: null, Telefone: null, Email: email }),
      }
    case 2:
      return {
        request: { ...base, AÇÃO: 'MODIFICAR USUARIO', CAMPO: 'Nome', VALOR: nome },
        answer: answerText('200', TEXT.modified(email, 'Nome', nome)),
      }
    case 3:
      return {
        request: { ...base, AÇÃO: 'CONSULTAR USUARIO' },
        answer: answerText('200', { Nome: nome, Endereço: null, Telefone: null, Email: email }),
      }
    default:
      return {
        request: { ...base, AÇÃO: 'REMOVER USUARIO' },
        answer: answerText('200', TEXT.removed(email)),
      }
  }
}

/** A value's bytes framed for a port. */
export const framed = (framing: Framing, value: unknown) => encodeFrame(framing, dumpsBytes(value))

/** One connection to the server, over TCP or through the bridge, that decodes answers in its framing. */
export class WireClient {
  private readonly decoder
  private readonly answers: Uint8Array[] = []
  private wake: (() => void) | undefined
  private ended = false
  /** Resolves when the connection is closed, with the WebSocket close code (0 for TCP). */
  readonly closed: Promise<number>
  private markClosed: (code: number) => void = () => {}

  private constructor(
    readonly framing: Framing,
    private readonly io: {
      write(bytes: Uint8Array): void
      end(): void
      destroy(): void
    },
  ) {
    this.decoder = createDecoder(framing, { maxMessage: 1 << 30 })
    this.closed = new Promise((done) => (this.markClosed = done))
  }

  /** Connects over TCP to 127.0.0.1:port. */
  static tcp(port: number, framing: Framing): Promise<WireClient> {
    return new Promise((resolveOpen, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', noDelay: true })
      const client = new WireClient(framing, {
        write: (bytes) => void socket.write(bytes),
        end: () => socket.end(),
        destroy: () => socket.destroy(),
      })
      socket.on('data', (chunk: Buffer) => client.push(chunk))
      socket.on('close', () => client.close(0))
      socket.on('error', () => {})
      socket.once('error', reject)
      const timer = setTimeout(
        () => socket.destroy(new Error('connect timed out')),
        OPEN_TIMEOUT_MS,
      )
      socket.once('connect', () => {
        clearTimeout(timer)
        socket.off('error', reject)
        resolveOpen(client)
      })
    })
  }

  /** Opens a WebSocket (binary frames carry the bytes; the bridge's text events are ignored). */
  static ws(url: string, framing: Framing, origin?: string): Promise<WireClient> {
    return new Promise((resolveOpen, reject) => {
      const ws = new WebSocket(url, {
        perMessageDeflate: false,
        handshakeTimeout: OPEN_TIMEOUT_MS,
        ...(origin && { origin }),
      })
      const client = new WireClient(framing, {
        write: (bytes) => ws.send(bytes, { binary: true }),
        end: () => ws.close(1000),
        destroy: () => ws.terminate(),
      })
      ws.on('message', (data: Buffer, isBinary) => isBinary && client.push(data))
      ws.on('close', (code) => client.close(code))
      ws.on('error', () => {})
      ws.once('error', reject)
      ws.once('open', () => {
        ws.off('error', reject)
        resolveOpen(client)
      })
    })
  }

  send(bytes: Uint8Array): void {
    this.io.write(bytes)
  }

  /** Graceful close: TCP FIN, or a WebSocket close 1000. */
  end(): void {
    this.io.end()
  }

  /** Abrupt close: TCP destroy, or a WebSocket terminate. */
  destroy(): void {
    this.io.destroy()
  }

  /** The close code once closed; rejects (and destroys the connection) after `ms`. */
  async waitClosed(ms = ANSWER_TIMEOUT_MS): Promise<number> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.destroy()
        reject(new Error(`not closed within ${ms} ms`))
      }, ms)
    })
    try {
      return await Promise.race([this.closed, late])
    } finally {
      clearTimeout(timer)
    }
  }

  /** The next answer's body as text; rejects when the connection closes first or after `ms`. */
  async next(ms = ANSWER_TIMEOUT_MS): Promise<string> {
    const end = Date.now() + ms
    while (this.answers.length === 0) {
      if (this.ended) throw new Error('connection closed before the answer')
      const left = end - Date.now()
      if (left <= 0) throw new Error(`no answer in ${ms} ms`)
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left)
        this.wake = () => {
          clearTimeout(timer)
          wake()
        }
      })
      this.wake = undefined
    }
    return Buffer.from(this.answers.shift()!).toString('utf8')
  }

  private push(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk))
      if (event.type === 'message') this.answers.push(event.body)
    this.wake?.()
  }

  private close(code: number): void {
    this.ended = true
    this.markClosed(code)
    this.wake?.()
  }
}
