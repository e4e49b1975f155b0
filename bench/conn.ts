// The benchmarks' client connection, TCP or WebSocket, with the same small surface.
import net from 'node:net'
import { WebSocket } from 'ws'

/** One client connection, TCP or WebSocket, with the same small surface. */
export interface Conn {
  send(data: Buffer): void
  onData: (data: Buffer) => void
  /** Bytes waiting in this client's own send buffer. */
  buffered(): number
  pause(): void
  resume(): void
  close(): void
}

/** A TCP client to 127.0.0.1:port, Nagle off. */
export function openTcp(port: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true })
    const conn: Conn = {
      send: (data) => void socket.write(data),
      onData: () => {},
      buffered: () => socket.writableLength,
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      close: () => socket.destroy(),
    }
    socket.on('data', (d: Buffer) => conn.onData(d))
    socket.once('error', reject)
    socket.once('connect', () => resolve(conn))
  })
}

/** A WebSocket client (binary frames only count as data: text frames are the bridge's events). */
export function openWs(url: string): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 })
    const conn: Conn = {
      send: (data) => ws.send(data, { binary: true }),
      onData: () => {},
      buffered: () => ws.bufferedAmount,
      pause: () => ws.pause(),
      resume: () => ws.resume(),
      close: () => ws.terminate(),
    }
    // Text frames are the bridge's events (connecting, connected...), not echoed bytes.
    ws.on('message', (d: Buffer, isBinary) => isBinary && conn.onData(d))
    ws.once('error', reject)
    ws.once('close', (code) => reject(new Error(`closed with ${code} before opening`)))
    ws.once('open', () => resolve(conn))
  })
}
