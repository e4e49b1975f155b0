// One client session: a connection to the bridge and the log of both directions, without React.
import { encodeFrame, type Framing } from '../../shared/framing.ts'
import type { Protocol } from '../../shared/protocols/types.ts'
import { Connection, type ConnectionOptions } from './connection.ts'
import { LogModel, type LogModelOptions } from '../log/model.ts'

/** A ClientSession's dependencies: the socket factory and clock, plus the log's options. */
export interface ClientSessionOptions extends ConnectionOptions {
  log?: LogModelOptions
}

const utf8 = new TextEncoder()

/** One client of the page (a pane, a mode's connection): connect, send framed text, log both directions. */
export class ClientSession {
  readonly connection: Connection
  readonly log: LogModel
  private framing: Framing = 'json'
  private protocol: Protocol = 'lesson'

  constructor(options: ClientSessionOptions) {
    this.connection = new Connection(options)
    this.log = new LogModel(options.log)
    this.connection.subscribe((e) => {
      switch (e.type) {
        case 'chunk':
          return this.log.chunk(e.dir, e.bytes, e.t)
        case 'bridge':
        case 'local':
          this.log.event(e.event, e.t)
          if (e.event.type === 'ended') this.log.endSession(e.t)
          return
      }
    })
  }

  /** The framing of the current (or last) connection. */
  get currentFraming(): Framing {
    return this.framing
  }

  /** What the current (or last) connection speaks. */
  get currentProtocol(): Protocol {
    return this.protocol
  }

  /**
   * Connects to `target` through the bridge; the log decodes both directions with `decodeAs`, or with
   * `protocol`'s decoders when the target speaks another protocol than the lesson's.
   */
  connect(
    bridgeUrl: string,
    target: string,
    framing: Framing,
    decodeAs: Framing = framing,
    protocol: Protocol = 'lesson',
  ): void {
    // End the old connection first, so its 'ended' event closes the old session, not the new one.
    this.connection.disconnect()
    this.framing = framing
    this.protocol = protocol
    this.log.beginSession(target, framing, decodeAs, protocol)
    this.connection.connect(bridgeUrl, target)
  }

  /** Ends the connection from the page. */
  disconnect(): void {
    this.connection.disconnect()
  }

  /** The bytes `text` becomes on the wire: UTF-8, then the framing's prefix or newline. */
  frame(text: string, framing: Framing = this.framing): Uint8Array {
    return encodeFrame(framing, utf8.encode(text))
  }

  /** Sends `bytes` exactly as they are, in one binary message; false when not connected. */
  sendBytes(bytes: Uint8Array): boolean {
    return this.connection.send(bytes)
  }

  /** Sends `text` as one framed binary message; false when not connected. */
  send(text: string): boolean {
    return this.connection.send(this.frame(text))
  }
}
