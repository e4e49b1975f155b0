// A runaway student server for tests and benches: floods each client with JSON answers, raw text or one huge write.
import net from 'node:net'

/** What the server sends each client once it connects. */
export type FloodKind =
  /** ~1 KiB protocol answers back to back, as a server stuck in a loop answering. */
  | 'json'
  /** Plain text lines without any framing, written in 64 KiB writes. */
  | 'raw'
  /** One single write of one answer `bytes` long (a 20 MB record, say), then silence. */
  | 'huge'
  /** One single write of ~1 KiB answers back to back, `bytes` in all, then silence. */
  | 'burst'

/** How a FloodServer floods, and when it stops by itself. */
export interface FloodOptions {
  kind: FloodKind
  /** Stop after this many bytes per client (for 'huge' and 'burst': the size of the write). */
  bytes: number
  /** Stop after this many milliseconds per client, whichever comes first (default: no time limit). */
  ms?: number
}

/** A flooding server on 127.0.0.1 and what it has sent. */
export interface FloodServer {
  port: number
  /** Bytes written to all clients so far (accepted by the kernel). */
  sent(): number
  /** Resolves once `count` clients' floods have ended (by their byte or time limit, or the client leaving). */
  ended(count?: number): Promise<void>
  close(): Promise<void>
}

// One answer of about 1 KiB in the lesson's shape, json.dumps-style, so a json-framing page decodes each one.
function answer(n: number): Buffer {
  const pad = 'x'.repeat(960)
  return Buffer.from(`{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "${n} ${pad}"}`)
}

// One answer whose text makes it `size` bytes long.
function hugeAnswer(size: number): Buffer {
  const head = Buffer.from('{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": "')
  const out = Buffer.alloc(Math.max(size, head.length + 2), 'z')
  head.copy(out)
  out.write('"}', out.length - 2)
  return out
}

// Answers back to back, `size` bytes of them (the last one cut short).
function answers(size: number): Buffer {
  const parts: Buffer[] = []
  for (let n = 1, total = 0; total < size; n++) total += parts[parts.push(answer(n)) - 1]!.length
  return Buffer.concat(parts).subarray(0, size)
}

// A 64 KiB block of numbered text lines: bytes no framing can make a message of.
function textBlock(): Buffer {
  const lines: string[] = []
  for (let i = 0; lines.join('').length < 65_536; i++) lines.push(`linha ${i} do loop infinito\n`)
  return Buffer.from(lines.join('')).subarray(0, 65_536)
}

/** Starts a server that floods every client as `options` say; write backpressure keeps its own memory flat. */
export function startFloodServer(options: FloodOptions): Promise<FloodServer> {
  let total = 0
  let endedCount = 0
  let waiting: { count: number; resolve: () => void }[] = []
  const sockets = new Set<net.Socket>()
  const block = textBlock()

  const flood = (socket: net.Socket) => {
    const started = Date.now()
    let sent = 0
    let n = 0
    let done = false
    const finish = () => {
      if (done) return
      done = true
      endedCount++
      for (const w of waiting) if (w.count <= endedCount) w.resolve()
      waiting = waiting.filter((w) => w.count > endedCount)
    }
    socket.on('close', finish)
    const more = (): boolean =>
      !done &&
      sent < options.bytes &&
      (options.ms === undefined || Date.now() - started < options.ms)
    const write = (bytes: Buffer): boolean => {
      const piece = bytes.subarray(0, options.bytes - sent)
      sent += piece.length
      total += piece.length
      return socket.write(piece)
    }
    const pump = () => {
      if (options.kind === 'huge' || options.kind === 'burst') {
        write(options.kind === 'huge' ? hugeAnswer(options.bytes) : answers(options.bytes))
        return finish()
      }
      // Write until the kernel's buffer is full, then wait for 'drain': as fast as the reader reads.
      while (more()) {
        const ok = write(options.kind === 'json' ? answer(++n) : block)
        if (!ok) return void socket.once('drain', pump)
      }
      finish()
    }
    pump()
  }

  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    // What the client sends is read and ignored: the runaway loop does not listen.
    socket.resume()
    flood(socket)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo
      resolve({
        port: address.port,
        sent: () => total,
        ended: (count = 1) =>
          new Promise((done) => {
            if (endedCount >= count) done()
            else waiting.push({ count, resolve: done })
          }),
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
