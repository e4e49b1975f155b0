// A fake bridge socket for unit tests: records what the page sends, and delivers data one byte per message.
import type { BridgeEvent, ByteCounts } from '../../shared/bridge-protocol.ts'
import type { SocketFactory, SocketHandlers } from './connection.ts'

/** Plays the bridge's side of one or more WebSockets, driven step by step by a test. */
export class FakeBridge {
  /** URLs of every socket opened, in order. */
  readonly urls: string[] = []
  /** Binary messages the page sent on the current socket. */
  sent: Uint8Array[] = []
  /** How the page closed the current socket, if it did. */
  closedBy: { code?: number; reason?: string } | undefined
  private on: SocketHandlers | undefined

  /** The factory to hand to the Connection. */
  readonly factory: SocketFactory = (url, on) => {
    this.urls.push(url)
    this.on = on
    this.sent = []
    this.closedBy = undefined
    return {
      send: (data) => {
        this.sent.push(data)
      },
      close: (code, reason) => {
        this.closedBy = {
          ...(code !== undefined && { code }),
          ...(reason !== undefined && { reason }),
        }
      },
    }
  }

  private get handlers(): SocketHandlers {
    if (!this.on) throw new Error('no socket opened yet')
    return this.on
  }

  /** The WebSocket handshake completes. */
  open(): void {
    this.handlers.open()
  }

  /** The bridge sends one event as a JSON text frame. */
  event(event: BridgeEvent): void {
    this.handlers.message(JSON.stringify(event))
  }

  /** A text frame with arbitrary content. */
  text(text: string): void {
    this.handlers.message(text)
  }

  /** Bytes from the TCP target, delivered one byte per binary message (as ArrayBuffers). */
  data(bytes: Uint8Array | string): void {
    const all = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
    for (const b of all) this.handlers.message(new Uint8Array([b]).buffer)
  }

  /** Bytes from the TCP target in a single binary message. */
  chunk(bytes: Uint8Array | string): void {
    const all = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
    this.handlers.message(all.slice().buffer)
  }

  /** The WebSocket closes with a code (1006: no close frame). */
  close(code: number, reason = ''): void {
    this.handlers.close(code, reason)
  }

  /** The bridge ends the connection as it does: a `closed` event with the byte counts, then the close. */
  end(code: number, reason: string, bytes: ByteCounts, at = 1): void {
    this.event({ type: 'closed', at, code, reason, bytes })
    this.close(code, reason)
  }

  /** The usual opening: handshake, `connecting`, `connected`. */
  accept(target = '127.0.0.1:3213'): void {
    this.open()
    this.event({ type: 'connecting', at: 0.1, target })
    this.event({
      type: 'connected',
      at: 0.5,
      local: { address: '127.0.0.1', port: 50000 },
      remote: { address: '127.0.0.1', port: Number(target.split(':')[1]) },
    })
  }
}

/** A socket factory that gives every socket its own FakeBridge, for models that open several connections. */
export function fakeBridges(): { bridges: FakeBridge[]; factory: SocketFactory } {
  const bridges: FakeBridge[] = []
  return {
    bridges,
    factory: (url, on) => {
      const bridge = new FakeBridge()
      bridges.push(bridge)
      return bridge.factory(url, on)
    },
  }
}
