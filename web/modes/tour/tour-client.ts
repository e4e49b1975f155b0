// One tour connection as promises over a client session: open it, ask and await the answer, close it.
import type { Endpoint } from '../../../shared/bridge-protocol.ts'
import type { Framing } from '../../../shared/framing.ts'
import type { Response } from '../../../shared/protocol.ts'
import type { CloseReason } from '../../session/events.ts'
import type { ClientSession } from '../../session/client-session.ts'
import { timersOf, type Timers } from '../../lib/timers.ts'

/** Why a try-it could not finish; the page turns each into a sentence. */
export type Trouble =
  /** The connection ended (or never opened): bridge down, server down, refused... */
  | { kind: 'closed'; reason: CloseReason }
  | { kind: 'timeout' }
  /** Bytes came back that are not a protocol response. */
  | { kind: 'unreadable' }
  /** The bridge's allow-list has no server this step can use. */
  | { kind: 'no-target' }

/** What a tour script's await throws when its connection lets it down; the run has one place that catches it. */
export class TourTrouble extends Error {
  readonly code = 'WL_ERR_TOUR_TROUBLE'
  constructor(readonly trouble: Trouble) {
    super(`tour: ${trouble.kind}`)
  }
}

/** Where the client connects and how long it waits for an answer. */
export interface TourClientOptions extends Timers {
  bridgeUrl: string
  /** No answer after this long is trouble (default 5 s); the session's connect timeout covers opening. */
  timeoutMs?: number
}

/** Both ends of an open connection, as the bridge's `connected` event reported them. */
export interface Ends {
  local?: Endpoint
  remote?: Endpoint
}

interface Waiter {
  want: 'open' | 'answer'
  resolve: (value: Ends | Response) => void
  reject: (trouble: Trouble) => void
}

/** A ClientSession driven one await at a time; the session still logs every byte and event for the page. */
export class TourClient {
  private waiter: Waiter | undefined
  private ended: CloseReason | undefined
  private timer: unknown
  private readonly off: (() => void)[]
  private readonly timeoutMs: number
  private readonly timers: Required<Timers>

  constructor(
    readonly session: ClientSession,
    private readonly options: TourClientOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000
    this.timers = timersOf(options)
    this.off = [
      session.connection.subscribe((e) => {
        if (e.type === 'state' && e.state.status === 'open') {
          this.settle('open', { local: e.state.local, remote: e.state.remote })
        } else if (e.type === 'local' && e.event.type === 'ended') {
          this.ended = e.event.reason
          this.reject({ kind: 'closed', reason: e.event.reason })
        }
      }),
      session.log.onMessage((entry) => {
        if (entry.dir !== 'received' || entry.view.type === 'frame-error') return
        if (entry.view.type === 'response') this.settle('answer', entry.view.response)
        else this.reject({ kind: 'unreadable' })
      }),
    ]
  }

  /** Connects to `target` in `framing`; resolves with both ends once the TCP side is up. */
  open(target: string, framing: Framing): Promise<Ends> {
    // End any earlier connection before waiting, so its 'ended' event is not this open's failure.
    this.session.disconnect()
    this.ended = undefined
    const opened = this.wait('open') as Promise<Ends>
    this.session.connect(this.options.bridgeUrl, target, framing)
    return opened
  }

  /** Sends `text` as one framed message and resolves with the server's answer. */
  ask(text: string): Promise<Response> {
    if (this.ended) return Promise.reject(new TourTrouble({ kind: 'closed', reason: this.ended }))
    const answered = this.wait('answer') as Promise<Response>
    if (!this.session.send(text)) this.reject({ kind: 'closed', reason: { kind: 'user' } })
    return answered
  }

  /** Closes the connection from the page; a pending await rejects, as the connection is gone. */
  close(): void {
    this.session.disconnect()
  }

  /** Closes the connection and stops listening to the ClientSession (the run was replaced). */
  dispose(): void {
    for (const off of this.off.splice(0)) off()
    this.reject({ kind: 'closed', reason: { kind: 'user' } })
    this.session.disconnect()
  }

  // One await at a time: tour scripts never ask before the previous answer came.
  private wait(want: Waiter['want']): Promise<Ends | Response> {
    return new Promise((resolve, reject) => {
      this.waiter = { want, resolve, reject: (trouble) => reject(new TourTrouble(trouble)) }
      // Opening has the connection's own timeout, which ends it with a reason; answers need this one.
      if (want === 'answer') {
        this.timer = this.timers.setTimer(() => this.reject({ kind: 'timeout' }), this.timeoutMs)
      }
    })
  }

  private settle(want: Waiter['want'], value: Ends | Response): void {
    const waiter = this.waiter
    if (waiter?.want !== want) return
    this.waiter = undefined
    this.timers.clearTimer(this.timer)
    waiter.resolve(value)
  }

  private reject(trouble: Trouble): void {
    const waiter = this.waiter
    if (!waiter) return
    this.waiter = undefined
    this.timers.clearTimer(this.timer)
    waiter.reject(trouble)
  }
}
