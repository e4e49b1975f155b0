// The one framed client of the protocol for tests, the soak and the benchmarks: TCP, or through the bridge.
import net from 'node:net'
import { WebSocket } from 'ws'
import { dumpsBytes } from '../shared/codec.ts'
import { wlError } from '../shared/errors.ts'
import { createDecoder, encodeFrame, type Decoder, type Framing } from '../shared/framing.ts'

/** How long an answer or a close is awaited by default: no test or soak waits forever. */
export const ANSWER_TIMEOUT_MS = 10_000
/** How long opening a connection may take. */
export const OPEN_TIMEOUT_MS = 10_000

export interface TcpOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** The address to connect from: 127.0.0.2, 127.0.0.3, ... stand for other computers in tests. */
  localAddress?: string
}

interface Io {
  write(bytes: Uint8Array): void
  end(): void
  destroy(): void
}

interface Waiter {
  n: number
  resolve(answers: Uint8Array[]): void
  reject(err: Error): void
  timer: NodeJS.Timeout
}

/** A framed client over a TCP socket, or a WebSocket through the bridge. */
export type AnyClient = FramedClient<net.Socket | WebSocket>

/** A connection that frames what it sends and decodes each answer in the same framing. */
export class FramedClient<S extends net.Socket | WebSocket = net.Socket> {
  /** When set, each answer's body goes here instead of to next() (benchmarks count them). */
  onAnswer: ((body: Uint8Array) => void) | undefined
  /** Resolves when the connection is closed: with the WebSocket close code, or 0 for TCP. */
  readonly closed: Promise<number>
  private readonly decoder: Decoder
  private readonly answers: Uint8Array[] = []
  private readonly waiters: Waiter[] = []
  private ended = false
  private markClosed: (code: number) => void = () => {}

  private constructor(
    readonly socket: S,
    readonly framing: Framing,
    private readonly io: Io,
  ) {
    // naive answers carry no framing; each is one JSON object, which the json scanner finds.
    this.decoder = createDecoder(framing === 'naive' ? 'json' : framing, { maxMessage: 1 << 30 })
    this.closed = new Promise((resolve) => (this.markClosed = resolve))
  }

  /** Connects over TCP to 127.0.0.1:port (or `host`), from `localAddress` when given. */
  static connect(
    port: number,
    framing: Framing,
    options: TcpOptions = {},
  ): Promise<FramedClient<net.Socket>> {
    const { host = '127.0.0.1', localAddress } = options
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host, localAddress, noDelay: true })
      const client = new FramedClient(socket, framing, {
        write: (bytes) => void socket.write(bytes),
        end: () => socket.end(),
        destroy: () => socket.destroy(),
      })
      const timer = setTimeout(() => {
        socket.destroy(wlError('WL_ERR_TIMEOUT', `connect to ${host}:${port} timed out`))
      }, OPEN_TIMEOUT_MS)
      socket.on('data', (chunk: Buffer) => client.receive(chunk))
      socket.on('close', () => {
        clearTimeout(timer)
        client.close(0)
      })
      socket.on('error', () => {})
      socket.once('error', reject)
      socket.once('connect', () => {
        clearTimeout(timer)
        socket.off('error', reject)
        resolve(client)
      })
    })
  }

  /**
   * Opens a WebSocket (binary frames carry the bytes; the bridge's text events are ignored), from
   * `localAddress` when given, so one process can stand for many computers (127.0.0.2, 127.0.0.3...).
   */
  static ws(
    url: string,
    framing: Framing,
    options: { origin?: string; localAddress?: string } = {},
  ): Promise<FramedClient<WebSocket>> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, {
        perMessageDeflate: false,
        handshakeTimeout: OPEN_TIMEOUT_MS,
        ...(options.origin && { origin: options.origin }),
        ...(options.localAddress && { localAddress: options.localAddress }),
      })
      const client = new FramedClient(ws, framing, {
        write: (bytes) => ws.send(bytes, { binary: true }),
        end: () => ws.close(1000),
        destroy: () => ws.terminate(),
      })
      ws.on('message', (data: Buffer, isBinary) => isBinary && client.receive(data))
      ws.on('close', (code) => client.close(code))
      ws.on('error', () => {})
      ws.once('error', reject)
      ws.once('open', () => {
        ws.off('error', reject)
        resolve(client)
      })
    })
  }

  /** Sends a value as json.dumps bytes in this client's framing. */
  send(value: unknown): void {
    this.sendRaw(encodeFrame(this.framing, dumpsBytes(value)))
  }

  /** Sends bytes exactly as given, no framing added (a string as UTF-8). */
  sendRaw(bytes: Uint8Array | string): void {
    this.io.write(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)
  }

  /** The next n answers' bodies, in order; rejects if the connection closes first, or after `ms`. */
  next(n = 1, ms = ANSWER_TIMEOUT_MS): Promise<Uint8Array[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(wlError('WL_ERR_TIMEOUT', `${this.answers.length} of ${n} answers in ${ms} ms`))
      }, ms)
      const waiter = { n, resolve, reject, timer }
      this.waiters.push(waiter)
      this.settle()
    })
  }

  /** The next n answers as text. */
  async nextText(n = 1, ms = ANSWER_TIMEOUT_MS): Promise<string[]> {
    return (await this.next(n, ms)).map((b) => Buffer.from(b).toString('utf8'))
  }

  /** The next n answers, parsed. */
  async nextJson(n = 1, ms = ANSWER_TIMEOUT_MS): Promise<unknown[]> {
    return (await this.nextText(n, ms)).map((t) => JSON.parse(t) as unknown)
  }

  /** Sends one value and resolves with the parsed answer: one request cycle. */
  async request(value: unknown): Promise<unknown> {
    this.send(value)
    return (await this.nextJson(1))[0]
  }

  /** Graceful close: TCP FIN, or a WebSocket close 1000. */
  end(): void {
    this.io.end()
  }

  /** Abrupt close: TCP destroy, or a WebSocket terminate. */
  destroy(): void {
    this.io.destroy()
  }

  /** The close code once closed; after `ms`, destroys the connection and rejects. */
  async waitClosed(ms = ANSWER_TIMEOUT_MS): Promise<number> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.destroy()
        reject(wlError('WL_ERR_TIMEOUT', `not closed within ${ms} ms`))
      }, ms)
    })
    try {
      return await Promise.race([this.closed, late])
    } finally {
      clearTimeout(timer)
    }
  }

  private receive(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) {
      if (event.type !== 'message') continue
      if (this.onAnswer) this.onAnswer(event.body)
      else this.answers.push(event.body)
    }
    this.settle()
  }

  private close(code: number): void {
    this.ended = true
    this.markClosed(code)
    this.settle()
  }

  private settle(): void {
    while (this.waiters.length > 0) {
      const w = this.waiters[0]!
      if (this.answers.length >= w.n) {
        this.waiters.shift()
        clearTimeout(w.timer)
        w.resolve(this.answers.splice(0, w.n))
      } else if (this.ended) {
        this.waiters.shift()
        clearTimeout(w.timer)
        const why = `connection closed with ${this.answers.length} of ${w.n} answers`
        w.reject(wlError('WL_ERR_CLOSED', why))
      } else return
    }
  }
}
