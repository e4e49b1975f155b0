// For server tests: a server on four free ports and framed clients, all closed after each test.
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterEach } from 'vitest'
import { wlError } from '../shared/errors.ts'
import type { Framing } from '../shared/framing.ts'
import { FramedClient, type TcpOptions } from '../test-support/framed-client.ts'
import { startServer, type RunningServer, type ServerOptions } from './server.ts'

/** Every framing on port 0. */
export const ANY_PORTS = { json: 0, ndjson: 0, length: 0, naive: 0 }

/** Registers an afterEach that closes what `start` and `connect` opened during the test. */
export function useTestServer() {
  let server: RunningServer | undefined
  const clients: FramedClient[] = []
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
      server = await startServer({ ports: ANY_PORTS, ...options })
      return server
    },
    async connect(framing: Framing, options?: TcpOptions): Promise<FramedClient> {
      const c = await FramedClient.connect(this.server.ports[framing], framing, options)
      clients.push(c)
      return c
    },
  }
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
