// The conformance runner's Transport over the bridge: each connect is one WebSocket, its events mapped to TCP's.
import { BridgeEvent } from '../../../shared/bridge-protocol.ts'
import { CLOSE } from '../../../shared/bridge-constants.ts'
import type {
  Clock,
  ConnEnd,
  ConnEvents,
  Connected,
  Transport,
} from '../../../shared/conformance/types.ts'
import { SYSTEM_CLOCK } from '../../../shared/conformance/wire.ts'
import { targetUrl, type Socket, type SocketFactory } from '../../session/connection.ts'

/** Where the checker's connections go, and how they are opened. */
export interface BridgeTransportOptions {
  socket: SocketFactory
  bridgeUrl: string
  /** `HOST:PORT` of the server under test (one the bridge allows). */
  target: string
  /** More URL parameters (the page's group and client id), read at each connect. */
  params?: () => Readonly<Record<string, string | undefined>>
  clock?: Clock
}

// A binary WebSocket message as bytes (the browser gives ArrayBuffers; a view is accepted too).
function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return undefined
}

// Why a TCP connect failed, from the errno the bridge reported.
function whyOf(errno: string): 'refused' | 'timeout' | 'error' {
  return errno === 'ECONNREFUSED' ? 'refused' : errno === 'ETIMEDOUT' ? 'timeout' : 'error'
}

// How an open connection ended, from the WebSocket close code when no bridge event said it first.
function endOf(code: number, reason: string): ConnEnd {
  if (code === CLOSE.TARGET_CLOSED) return { how: 'fin' }
  if (code === CLOSE.TARGET_RESET) return { how: 'reset', detail: reason || 'ECONNRESET' }
  // 1006 is the browser's code for a WebSocket that vanished without a close frame.
  const detail = code === 1006 ? 'the bridge went away' : `WebSocket ${code} ${reason}`.trim()
  return { how: 'error', detail }
}

/**
 * A Transport whose connections are WebSockets to the bridge: `connected` opens one, `refused` or a
 * TCP `error` before it fails it, binary frames are the server's bytes, and `fin`, `error` or the
 * WebSocket closing end it. The bridge has no half-close, so `end()` closes (the TCP side gets a FIN).
 */
export function bridgeTransport(options: BridgeTransportOptions): Transport {
  const { socket: open, bridgeUrl, target } = options
  const clock = options.clock ?? SYSTEM_CLOCK
  return {
    target,
    connect(events: ConnEvents, timeoutMs: number): Promise<Connected> {
      let url: string
      try {
        url = targetUrl(bridgeUrl, target, options.params?.())
      } catch {
        return Promise.resolve({
          ok: false,
          why: 'error',
          detail: `not a bridge URL: ${bridgeUrl}`,
        })
      }
      return new Promise((resolve) => {
        let phase: 'connecting' | 'open' | 'done' = 'connecting'
        let socket: Socket | undefined
        const fail = (why: 'refused' | 'timeout' | 'error', detail: string) => {
          if (phase !== 'connecting') return
          phase = 'done'
          clock.clear(timer)
          closeSocket()
          resolve({ ok: false, why, detail })
        }
        const end = (how: ConnEnd) => {
          if (phase !== 'open') return
          phase = 'done'
          events.closed(how)
        }
        const closeSocket = () => {
          const s = socket
          socket = undefined
          try {
            s?.close(CLOSE.NORMAL, 'checker done')
          } catch {
            // A socket that never opened may throw on close; it is gone either way.
          }
        }
        const conn = {
          write: (bytes: Uint8Array) => {
            if (phase === 'open') socket?.send(bytes)
          },
          end: () => conn.close(),
          close: () => {
            if (phase === 'open') phase = 'done'
            closeSocket()
          },
        }
        const opened = () => {
          if (phase !== 'connecting') return
          phase = 'open'
          clock.clear(timer)
          resolve({ ok: true, conn })
        }
        const bridgeOnEvent = (text: string) => {
          let event: BridgeEvent | undefined
          try {
            const parsed = BridgeEvent.safeParse(JSON.parse(text))
            if (parsed.success) event = parsed.data
          } catch {
            // Not JSON: handled as an unknown event below.
          }
          if (!event) {
            fail('error', `the bridge sent an unknown event: ${text.slice(0, 60)}`)
            return end({ how: 'error', detail: 'the bridge sent an unknown event' })
          }
          switch (event.type) {
            case 'connected':
              return opened()
            case 'refused':
              // The bridge itself said no (allow-list, limits): no TCP server was asked.
              return fail('error', `the bridge refused (${event.code}): ${event.reason}`)
            case 'error':
              fail(whyOf(event.code), event.code)
              return end({
                how: event.code === 'ECONNRESET' || event.code === 'EPIPE' ? 'reset' : 'error',
                detail: event.code,
              })
            case 'fin':
              return end({ how: 'fin' })
            // connecting, proxy (the PROXY v2 header the bundled server got) and closed: informational.
          }
        }

        const timer = clock.set(
          () => fail('timeout', `no connection after ${timeoutMs} ms`),
          timeoutMs,
        )
        try {
          socket = open(url, {
            open: () => {},
            message: (data) => {
              if (phase === 'done') return
              if (typeof data === 'string') return bridgeOnEvent(data)
              const bytes = bytesOf(data)
              if (!bytes) return end({ how: 'error', detail: 'binary frame not an ArrayBuffer' })
              // Bytes mean the TCP side is up even if the `connected` event was missed.
              opened()
              events.data(bytes)
            },
            close: (code, reason) => {
              socket = undefined
              if (phase === 'connecting') {
                return fail(
                  'error',
                  code === 1006 ? `cannot reach the bridge at ${bridgeUrl}` : `${code} ${reason}`,
                )
              }
              end(endOf(code, reason))
            },
          })
        } catch {
          fail('error', `cannot reach the bridge at ${bridgeUrl}`)
        }
      })
    },
  }
}
