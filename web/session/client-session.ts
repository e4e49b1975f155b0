// Wires the connection, the log and the scenario runner together: the page's whole model, without React.
import { dumps } from '../../shared/codec.ts'
import { encodeFrame, type Framing } from '../../shared/framing.ts'
import { LESSON_SCENARIO } from '../../shared/protocol.ts'
import { Connection, type ConnectionOptions } from './connection.ts'
import { responseCode } from '../log/decode/decode.ts'
import { LogModel, type LogModelOptions } from '../log/model.ts'
import { ScenarioRunner, type ScenarioOptions } from '../playground/scenario/scenario.ts'

/** The ClientSession's dependencies: the socket factory and clock, plus log and scenario options. */
export interface ClientSessionOptions extends ConnectionOptions {
  log?: LogModelOptions
  scenario?: Omit<ScenarioOptions, 'send'>
}

const utf8 = new TextEncoder()

/** The lesson scenario's requests as the wire texts `dumps` gives (what Python's json.dumps sends). */
export const SCENARIO_TEXTS: readonly string[] = LESSON_SCENARIO.map((request) => dumps(request))

/** The page's model: connect, send text in the chosen framing, and log both directions. */
export class ClientSession {
  readonly connection: Connection
  readonly log: LogModel
  readonly scenario: ScenarioRunner
  private framing: Framing = 'json'

  constructor(options: ClientSessionOptions) {
    this.connection = new Connection(options)
    this.log = new LogModel(options.log)
    this.scenario = new ScenarioRunner(SCENARIO_TEXTS, {
      ...options.scenario,
      send: (text) => this.send(text),
    })
    this.connection.subscribe((e) => {
      switch (e.type) {
        case 'chunk':
          return this.log.chunk(e.dir, e.bytes, e.t)
        case 'bridge':
        case 'local':
          this.log.event(e.event, e.t)
          if (e.event.type === 'ended') {
            // Stop the runner first: a message left incomplete by the close is not an answer.
            this.scenario.disconnected()
            this.log.endSession(e.t)
          }
          return
      }
    })
    this.log.onMessage((entry) => {
      if (entry.dir === 'received') this.scenario.answered(responseCode(entry.view))
    })
  }

  /** The framing of the current (or last) connection. */
  get currentFraming(): Framing {
    return this.framing
  }

  /** Connects to `target` through the bridge; the log decodes both directions with `decodeAs`. */
  connect(bridgeUrl: string, target: string, framing: Framing, decodeAs: Framing = framing): void {
    // End the old connection first, so its 'ended' event closes the old session, not the new one.
    this.connection.disconnect()
    this.framing = framing
    this.log.beginSession(target, framing, decodeAs)
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

  /** Sends `text` as one framed binary message; false when not connected. */
  send(text: string): boolean {
    return this.connection.send(this.frame(text))
  }
}
