// A small framed TCP client of the protocol, for tests, the load test and the benchmark (Node only).
import net from 'node:net'
import { dumpsBytes } from '../shared/codec.ts'
import { createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'

/** A connected client that frames what it sends and decodes each answer with the same framing. */
export class FramedClient {
  private readonly decoder
  private readonly answers: Uint8Array[] = []
  private waiters: { n: number; resolve: (a: Uint8Array[]) => void; reject: (e: Error) => void }[] =
    []
  private ended = false
  /** Resolves when the server closes the connection (FIN or reset). */
  readonly closed: Promise<void>

  private constructor(
    readonly socket: net.Socket,
    readonly framing: Framing,
  ) {
    this.decoder = createDecoder(framing, { maxMessage: 1 << 30 })
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.decoder.push(chunk))
        if (event.type === 'message') this.answers.push(event.body)
      this.settle()
    })
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.ended = true
        this.settle()
        resolve()
      })
    })
    socket.on('error', () => {})
  }

  /** Connects to 127.0.0.1:port (or host:port). */
  static connect(port: number, framing: Framing, host = '127.0.0.1'): Promise<FramedClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => {
        socket.off('error', reject)
        resolve(new FramedClient(socket, framing))
      })
      socket.once('error', reject)
    })
  }

  /** Sends a value as json.dumps bytes in this client's framing. */
  send(value: unknown): void {
    this.sendRaw(encodeFrame(this.framing, dumpsBytes(value)))
  }

  /** Sends bytes exactly as given (no framing added). */
  sendRaw(bytes: Uint8Array | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)
  }

  /** The next n answers' bodies, in order; rejects if the connection closes first. */
  next(n = 1): Promise<Uint8Array[]> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ n, resolve, reject })
      this.settle()
    })
  }

  /** The next n answers, parsed. */
  async nextJson(n = 1): Promise<unknown[]> {
    return (await this.next(n)).map((b) => JSON.parse(Buffer.from(b).toString('utf8')))
  }

  /** Sends one value and resolves with the parsed answer. */
  async request(value: unknown): Promise<unknown> {
    this.send(value)
    return (await this.nextJson(1))[0]
  }

  end(): void {
    this.socket.end()
  }

  destroy(): void {
    this.socket.destroy()
  }

  private settle(): void {
    while (this.waiters.length > 0) {
      const w = this.waiters[0]!
      if (this.answers.length >= w.n) {
        this.waiters.shift()
        w.resolve(this.answers.splice(0, w.n))
      } else if (this.ended) {
        this.waiters.shift()
        w.reject(
          Object.assign(
            new Error(`connection closed with ${this.answers.length} of ${w.n} answers`),
            { code: 'WL_ERR_CLOSED' },
          ),
        )
      } else return
    }
  }
}
