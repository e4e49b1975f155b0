// The runner's transport over real TCP (Node's net.Socket), for the command and the tests.
import net from 'node:net'
import type { Connected, ConnEvents, Transport } from '../shared/conformance/types.ts'

/** A transport to HOST:PORT: each connect is one net.Socket, Nagle off so split writes stay split. */
export function tcpTransport(host: string, port: number): Transport {
  return {
    target: `${host}:${port}`,
    connect(events: ConnEvents, timeoutMs: number): Promise<Connected> {
      return new Promise((resolve) => {
        const socket = net.connect({ host, port })
        let open = false
        let ended = false
        const timer = setTimeout(() => {
          socket.destroy()
          resolve({ ok: false, why: 'timeout', detail: `no connection after ${timeoutMs} ms` })
        }, timeoutMs)
        // The error listener first: a refused or reset connection must never throw.
        socket.on('error', (err: NodeJS.ErrnoException) => {
          if (!open) {
            clearTimeout(timer)
            const why = err.code === 'ECONNREFUSED' ? 'refused' : 'error'
            resolve({ ok: false, why, detail: err.code ?? err.message })
            return
          }
          if (!ended) {
            ended = true
            events.closed({
              how: err.code === 'ECONNRESET' ? 'reset' : 'error',
              detail: err.code ?? err.message,
            })
          }
        })
        socket.on('connect', () => {
          open = true
          clearTimeout(timer)
          socket.setNoDelay(true)
          resolve({
            ok: true,
            conn: {
              write: (bytes) => {
                if (!socket.destroyed && socket.writable) socket.write(bytes)
              },
              end: () => socket.end(),
              close: () => socket.destroy(),
            },
          })
        })
        socket.on('data', (chunk: Buffer) => {
          events.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))
        })
        socket.on('close', () => {
          if (open && !ended) {
            ended = true
            events.closed({ how: 'fin' })
          }
        })
      })
    },
  }
}
