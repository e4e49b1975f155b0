// One connection of a run: the transport's connection, its reader, and every byte reported as it goes.
import type { Framing } from '../framing.ts'
import type { Clock, Conn, Transport } from './types.ts'
import { Wire } from './wire.ts'

/** An open connection and its reader. */
export interface Link {
  readonly wire: Wire
  write(bytes: Uint8Array): void
  close(): void
}

/** Why a connection could not be opened. */
export interface Unopened {
  ok: false
  why: 'refused' | 'timeout' | 'error'
  detail: string
}

/** Opens a connection; `onIo` sees every write and every chunk received. */
export async function openLink(
  transport: Transport,
  framing: Framing,
  clock: Clock,
  timeoutMs: number,
  onIo: (dir: 'out' | 'in', bytes: Uint8Array) => void,
): Promise<({ ok: true } & Link) | Unopened> {
  const wire = new Wire(framing, clock, (chunk) => onIo('in', chunk))
  const opened = await transport.connect(wire.events, timeoutMs)
  if (!opened.ok) return opened
  const conn: Conn = opened.conn
  let closed = false
  return {
    ok: true,
    wire,
    write(bytes) {
      if (closed || wire.closed) return
      onIo('out', bytes)
      conn.write(bytes)
    },
    close() {
      if (closed) return
      closed = true
      conn.close()
    },
  }
}

/** Waits `ms` on the run's clock. */
export function pause(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.set(resolve, ms))
}
