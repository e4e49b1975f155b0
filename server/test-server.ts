// For server tests: a server on four free ports and framed clients, all closed after each test.
import dc from 'node:diagnostics_channel'
import type net from 'node:net'
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterEach } from 'vitest'
import { wlError } from '../shared/errors.ts'
import type { Framing } from '../shared/framing.ts'
import { Changes } from '../test-support/changes.ts'
import { FramedClient, type TcpOptions } from '../test-support/framed-client.ts'
import { startServer, type RunningServer, type ServerOptions } from './server.ts'

/** Every framing on port 0. */
export const ANY_PORTS = { json: 0, ndjson: 0, length: 0, naive: 0 }

/** Registers an afterEach that closes what `start` and `connect` opened during the test. */
export function useTestServer() {
  let server: RunningServer | undefined
  const clients: FramedClient[] = []
  // The server logs a line as each connection is counted in or out: the line is the event.
  const changes = new Changes()
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await server?.close()
    server = undefined
  })
  return {
    /** The running server; only valid after `start`. */
    get server(): RunningServer {
      if (!server) throw wlError('WL_ERR_TEST', 'no server started')
      return server
    },
    async start(options: ServerOptions = {}): Promise<RunningServer> {
      const log = options.log
      server = await startServer({
        ports: ANY_PORTS,
        ...options,
        log: (line) => {
          log?.(line)
          changes.changed()
        },
      })
      return server
    },
    /** Resolves once `check()` holds, re-checked after each server log line; rejects after `ms`. */
    until(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
      return changes.until(check, ms, what)
    },
    async connect(framing: Framing, options?: TcpOptions): Promise<FramedClient> {
      const c = await FramedClient.connect(this.server.ports[framing], framing, options)
      clients.push(c)
      return c
    },
  }
}

/** Resolves with the next socket a server in this process accepts (diagnostics_channel announces each). */
export function nextAccepted(): Promise<net.Socket> {
  return new Promise((resolve) => {
    const onSocket = (message: unknown) => {
      dc.unsubscribe('net.server.socket', onSocket)
      resolve((message as { socket: net.Socket }).socket)
    }
    dc.subscribe('net.server.socket', onSocket)
  })
}

/** `global.gc`, without starting Node with --expose-gc: two full collections. */
export function collector(): () => void {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  return () => {
    gc()
    gc()
  }
}
