// One connect/disconnect cycle that leaves a server rudely, for the connection floods of the fault tests and the soak.
import net from 'node:net'

/** The ways a cycle leaves once connected; the first four need no more than half a message. */
export const EXITS = [
  'destroy',
  'fin',
  'reset',
  'half-then-destroy',
  'half-then-fin',
  'request-then-fin',
] as const

/** One of EXITS. */
export type Exit = (typeof EXITS)[number]

/** What a cycle sends, and how long it may take. */
export interface CycleOptions {
  /** An unfinished message, for the half-then ways. */
  half: Uint8Array | string
  /** A whole request, for request-then-fin. */
  request?: Uint8Array
  /** A socket not closed by then is destroyed, and the cycle reports it hung. */
  ms: number
}

/**
 * Connects to 127.0.0.1:`port`, leaves the `exit` way once connected, reads whatever comes, and
 * resolves once the socket is closed: whether it connected, and whether it had to be destroyed.
 */
export function tcpCycle(
  port: number,
  exit: Exit,
  options: CycleOptions,
): Promise<{ connected: boolean; hung: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    let connected = false
    let hung = false
    const timer = setTimeout(() => {
      hung = true
      socket.destroy()
    }, options.ms)
    socket.on('error', () => {})
    socket.on('data', () => {})
    socket.once('close', () => {
      clearTimeout(timer)
      resolve({ connected, hung })
    })
    socket.once('connect', () => {
      connected = true
      switch (exit) {
        case 'destroy':
          return void socket.destroy()
        case 'fin':
          return void socket.end()
        case 'reset':
          return void socket.resetAndDestroy()
        case 'half-then-destroy':
          socket.write(options.half)
          return void socket.destroy()
        case 'half-then-fin':
          return void socket.end(options.half)
        case 'request-then-fin':
          socket.end(options.request ?? '')
      }
    })
  })
}
