// The bot menu's store: each step's request sent over its own client session, each answer fed back.
import { dumps } from '../../../shared/codec.ts'
import type { Framing } from '../../../shared/framing.ts'
import type { Request } from '../../../shared/protocol.ts'
import type { ClientSession } from '../../session/client-session.ts'
import { timersOf, type Timers } from '../../lib/timers.ts'
import { INITIAL_BOT, step, type BotAction, type BotState } from './bot-menu.ts'
import type { BotTarget } from './bot-targets.ts'
import { SnapshotStore } from '../../lib/snapshot-store.ts'

/** Where the bot connects and how long it waits for an answer (timers injectable for tests). */
export interface BotStoreOptions extends Timers {
  bridgeUrl: string
  /** No answer after this long counts as trouble (default 5 s). */
  timeoutMs?: number
}

/** The bot's model for the page: its state, one connection, one request in flight at most. */
export class BotStore extends SnapshotStore<BotState> {
  private target: { target: string; framing: Framing } | undefined
  // A request waiting for the connection to open.
  private queued: string | undefined
  private timer: unknown
  private readonly timeoutMs: number
  private readonly timers: Required<Timers>

  constructor(
    readonly session: ClientSession,
    private readonly options: BotStoreOptions,
  ) {
    super(INITIAL_BOT)
    this.timeoutMs = options.timeoutMs ?? 5000
    this.timers = timersOf(options)
    session.connection.subscribe((e) => {
      if (e.type === 'state' && e.state.status === 'open' && this.queued !== undefined) {
        const text = this.queued
        this.queued = undefined
        this.session.send(text)
      } else if (e.type === 'local' && e.event.type === 'ended' && this.state.pending) {
        this.queued = undefined
        this.apply({ type: 'trouble', trouble: 'closed' })
      }
    })
    session.log.onMessage((entry) => {
      if (entry.dir !== 'received' || !this.state.pending) return
      if (entry.view.type === 'response') {
        this.apply({ type: 'answer', response: entry.view.response })
      } else if (entry.view.type !== 'frame-error') {
        this.apply({ type: 'trouble', trouble: 'unreadable' })
      }
    })
  }

  /** The target the next request goes to (none while a range's port is invalid); a change closes the connection. */
  setTarget(target: BotTarget | undefined): void {
    if (this.target?.target === target?.id && this.target?.framing === target?.framing) return
    this.target = target && { target: target.id, framing: target.framing }
    this.session.disconnect()
  }

  /** A person's step: moves the bot and sends its request, connecting first when needed. */
  dispatch(action: BotAction): void {
    this.apply(action)
  }

  /** Closes the connection (the mode is leaving the page). */
  close(): void {
    this.timers.clearTimer(this.timer)
    this.queued = undefined
    this.session.disconnect()
  }

  private apply(action: BotAction): void {
    const { state, send } = step(this.state, action)
    if (state === this.state) return
    if (!state.pending) this.timers.clearTimer(this.timer)
    this.replace(state)
    if (send) this.send(send)
  }

  private send(request: Request): void {
    this.timers.clearTimer(this.timer)
    this.timer = this.timers.setTimer(
      () => this.state.pending && this.apply({ type: 'trouble', trouble: 'timeout' }),
      this.timeoutMs,
    )
    // json.dumps bytes, as the lesson's client sends them.
    const text = dumps(request)
    const status = this.session.connection.getState().status
    if (status === 'open') {
      this.session.send(text)
      return
    }
    this.queued = text
    if (status === 'connecting') return
    const target = this.target
    if (!target) return this.apply({ type: 'trouble', trouble: 'no-target' })
    this.session.connect(this.options.bridgeUrl, target.target, target.framing)
  }
}
