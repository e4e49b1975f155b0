// What a relay is given and what it gives back: its options, its handle, how it ended.
import type net from 'node:net'
import type { ByteCounts } from '../shared/bridge-protocol.ts'
import type { RelayTap } from './class-monitor.ts'

export interface RelayOptions {
  host: string
  port: number
  /** Send bridge events as text frames (the page's protocol); false relays bytes only (websockify). */
  events: boolean
  /** `performance.now()` when the WebSocket was accepted: events' `at` counts from here. */
  startedAt: number
  /** Bytes of client messages held while the TCP connect is in progress before the WebSocket is paused. */
  maxQueue: number
  idleTimeoutMs: number
  connectTimeoutMs?: number
  /** Opens the TCP connection; tests pass one that connects late. */
  dial?: (options: net.NetConnectOpts) => net.Socket
  /** A PROXY v2 header to write before any page byte (the bundled server only), and what it says. */
  proxy?: { header: Uint8Array; source: { address: string; port: number }; group?: string }
  /** Told of every byte and event, for the teacher's view. */
  tap?: RelayTap
}

/** How a relay ended: the close code and reason, and the bytes relayed each way. */
export interface RelayEnd {
  code: number
  reason: string
  bytes: ByteCounts
}

/** A running relay. */
export interface Relay {
  /** `HOST:PORT` of the TCP target. */
  readonly target: string
  readonly bytes: Readonly<ByteCounts>
  /** Bytes the relay holds right now: WebSocket send buffer, TCP write buffer and the connect queue. */
  readonly held: number
  /** Closes the WebSocket with this code and reason (after a `closed` event) and ends the TCP side. */
  close(code: number, reason: string): void
  /** Resolves once both the WebSocket and the TCP socket are closed. */
  readonly done: Promise<RelayEnd>
}
