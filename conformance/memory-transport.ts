// An in-memory server behind the runner's Transport, for the runner's tests: the project's pure handler,
// bytes delivered one per chunk, and switches for a crash or a refusal (tests only, no sockets).
import { createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import type { CodeMode } from '../shared/protocol.ts'
import type { ConnEvents, Transport } from '../shared/conformance/types.ts'
import { answerFrameError, answerMessage } from '../server/handle.ts'
import { MemoryRegistry } from '../server/registry.ts'

export interface MemoryServerOptions {
  framing: Framing
  codes?: CodeMode
  /** A message that kills the whole server: every connection closes, every later connect is refused. */
  crashOn?: (body: Uint8Array) => boolean
  /** Refuse every connection (no server at all). */
  refuse?: boolean
}

/** A transport to a server that lives in this process; `opened` counts connections. */
export function memoryTransport(options: MemoryServerOptions): Transport & { opened: number } {
  const { framing } = options
  const codes = options.codes ?? 'lesson'
  const registry = new MemoryRegistry()
  const open = new Set<ConnEvents>()
  let dead = options.refuse === true
  const later = (f: () => void) => void Promise.resolve().then(f)
  const transport = {
    target: 'memory:0',
    opened: 0,
    connect(events: ConnEvents) {
      if (dead) {
        return Promise.resolve({
          ok: false as const,
          why: 'refused' as const,
          detail: 'ECONNREFUSED',
        })
      }
      transport.opened++
      open.add(events)
      const decoder = createDecoder(framing)
      const send = (bytes: Uint8Array) => {
        for (const b of bytes) later(() => open.has(events) && events.data(new Uint8Array([b])))
      }
      // After the bytes already on their way, as TCP delivers a FIN.
      const close = (target: ConnEvents) =>
        later(() => {
          if (open.delete(target)) target.closed({ how: 'fin' })
        })
      return Promise.resolve({
        ok: true as const,
        conn: {
          write(bytes: Uint8Array) {
            if (!open.has(events) || dead) return
            for (const event of decoder.push(bytes)) {
              if (event.type === 'message' && options.crashOn?.(event.body)) {
                dead = true
                for (const each of [...open]) close(each)
                return
              }
              const reply =
                event.type === 'message'
                  ? answerMessage(event.body, registry, codes)
                  : answerFrameError(event, 64 * 1024, codes)
              send(encodeFrame(framing, new TextEncoder().encode(reply.text)))
              if (event.type === 'error' && event.fatal) return close(events)
            }
          },
          end: () => close(events),
          close: () => close(events),
        },
      })
    },
  }
  return transport
}
