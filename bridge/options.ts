// The bridge's options and the handle startBridge returns.
import type { AllowedTarget } from '../shared/bridge-protocol.ts'
import type { ClassMonitor, MonitorOptions } from './class-monitor.ts'

export interface BridgeOptions {
  /** Listen address (default 127.0.0.1; 0.0.0.0 for a classroom LAN). */
  host?: string
  /** Listen port (default 8080; 0 picks a free one). */
  port?: number
  /** The only TCP targets the bridge will ever dial. */
  allow: AllowedTarget[]
  /** `HOST:PORT` used when the URL has no `?target=`; it must be allowed too. */
  defaultTarget?: string
  /** Extra page origins allowed to connect (`http://host:port`); '*' allows any. */
  origins?: string[]
  /** WebSockets at once, in total (default 1000: a class of thirty with many panes, or three hundred students). */
  maxConnections?: number
  /** WebSockets at once from one client IP address (default 16). */
  maxPerClient?: number
  /** Largest WebSocket message from a client, in bytes (default 1 MiB); larger ones close with 1009. */
  maxFrame?: number
  /** Milliseconds without a byte either way before the relay closes (default 600 s). */
  idleTimeoutMs?: number
  /** Milliseconds a TCP connect may take (default 10 s). */
  connectTimeoutMs?: number
  /** Directory of the built page, served on GET (single-page: unknown paths get index.html). */
  staticDir?: string
  /** Receives one line per connection opened, refused or closed; omit for silence. */
  log?: (line: string) => void
  /** Told of each exception an HTTP or WebSocket handler raised (answered 500); default: `log`. */
  onFault?: (err: Error) => void
  /** Host names the page may be opened by, besides IP addresses, localhost and this computer's name. */
  allowedHosts?: string[]
  /** TCP connections at once from one address, HTTP and WebSocket (default 2 x maxPerClient + 32). */
  maxSocketsPerClient?: number
  /** TCP connections at once in total (default 2 x maxConnections + 256). */
  maxSockets?: number
  /** Milliseconds a connection may take to send a request header, or stay silent (default 10 s). */
  headersTimeoutMs?: number
  /**
   * Targets (`HOST:PORT`) that get a PROXY protocol v2 header naming the page before its bytes: the
   * bundled server's ports, never a student's own server.
   */
  proxyTo?: string[]
  /** The teacher's view: a class monitor behind /api/class, open to requests carrying `key`. */
  classroom?: { key: string } & MonitorOptions
}

export interface RunningBridge {
  readonly host: string
  /** The port actually bound. */
  readonly port: number
  /** `http://HOST:PORT/`. */
  readonly url: string
  /** Open WebSockets right now (relays, and refusals still closing). */
  readonly connections: number
  /** Bytes the relays hold right now in send buffers and connect queues, all together. */
  readonly buffered: number
  /** The class monitor, when `classroom` was given. */
  readonly monitor: ClassMonitor | undefined
  /** Stops listening, closes every WebSocket with 1001 and ends every TCP side; resolves when all are gone. */
  close(): Promise<void>
}
