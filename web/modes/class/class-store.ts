// The teacher's view of the class as a plain store: the key, a live stream of snapshots, one student's exchange.
import {
  ClassSnapshot,
  Exchange,
  KEY_PARAM,
  type ClassConnection,
} from '../../../shared/class-protocol.ts'
import { SnapshotStore } from '../../lib/snapshot-store.ts'
import type { StorageLike } from '../../lib/storage.ts'
import { timersOf, type Timers } from '../../lib/timers.ts'
import type { ClientSession } from '../../session/client-session.ts'
import { fetchChecked, parseChecked } from './class-fetch.ts'
import type { EventStream, EventStreamFactory } from './event-stream.ts'
import { ExchangeReplay } from './exchange-replay.ts'
import { keepKey } from './teacher-key.ts'

/**
 * Whether the class may be shown: no key yet, being checked, granted, refused (401), the bridge
 * not answering, or answering what this page cannot read (another version).
 */
export type Access = 'no-key' | 'checking' | 'granted' | 'refused' | 'unreachable' | 'incompatible'

/** The live stream: not open, opening, delivering, or lost and retrying. */
export type Stream = 'off' | 'connecting' | 'live' | 'reconnecting'

/** One student's connection opened read-only: its log (a replay) and the gist of the last fetch. */
export interface OpenExchange {
  id: number
  status: 'loading' | 'ready' | 'gone' | 'failed'
  /** Refetch whenever the snapshot says the connection changed. */
  follow: boolean
  connection?: ClassConnection
  dropped?: Exchange['dropped']
  session: ClientSession
}

/** Everything the class mode shows. */
export interface ClassState {
  hasKey: boolean
  access: Access
  stream: Stream
  snapshot?: ClassSnapshot
  /** The page's clock minus the bridge's, at the last snapshot (for "connected 3 min ago"). */
  skew: number
  exchange?: OpenExchange
}

/** Where the class API is, the key, and how to reach it (fetch and EventSource, fakes in tests). */
export interface ClassStoreOptions extends Timers {
  /** The bridge's `/api/class` URL. */
  apiUrl: string
  key?: string | undefined
  /** Where the key is kept for the tab (sessionStorage); a refused key is forgotten. */
  storage?: StorageLike | undefined
  events: EventStreamFactory
  fetch?: typeof fetch
  /** The page's clock (default Date.now). */
  now?: () => number
}

// After the stream closes for good (401, 503, a restarted bridge) or the bridge is unreachable.
const RETRY_MS = 3000
// Snapshots come up to 4 a second; an open exchange is fetched again at most about twice a second.
const FOLLOW_MS = 500

/** The class mode's model: start() when the mode shows, stop() when it goes. */
export class ClassStore extends SnapshotStore<ClassState> {
  private key: string | undefined
  private stream: EventStream | undefined
  private retry: unknown
  private follow: unknown
  private inFlight = false
  // A refresh asked for while a fetch was on its way: fetched again when it lands.
  private again = false
  private running = false
  // Bumped by start/stop/setKey: answers to an older attempt change nothing.
  private attempt = 0
  private replay: ExchangeReplay | undefined
  private readonly timers: Required<Timers>
  private readonly fetcher: typeof fetch
  private readonly now: () => number

  constructor(private readonly options: ClassStoreOptions) {
    const key = options.key?.trim() || undefined
    super({
      hasKey: key !== undefined,
      access: key ? 'checking' : 'no-key',
      stream: 'off',
      skew: 0,
    })
    this.key = key
    this.timers = timersOf(options)
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init))
    this.now = options.now ?? Date.now
  }

  /** Checks the key, then opens the live stream; does nothing without a key or when running. */
  start(): void {
    if (this.running) return
    this.running = true
    void this.check()
  }

  /** Closes the stream and stops retrying; the last snapshot stays. */
  stop(): void {
    this.running = false
    this.attempt++
    this.closeStream()
    this.timers.clearTimer(this.retry)
    this.timers.clearTimer(this.follow)
    this.retry = this.follow = undefined
    if (this.state.stream !== 'off') this.patch({ stream: 'off' })
  }

  /** A key typed by the teacher: kept for the tab, then checked. */
  setKey(text: string): void {
    const key = text.trim()
    if (!key) return
    this.key = key
    keepKey(this.options.storage, key)
    const wasRunning = this.running
    this.stop()
    this.patch({ hasKey: true, access: 'checking' })
    if (wasRunning) this.start()
  }

  /** Opens one connection's exchange read-only, in a fresh log. */
  open(id: number): void {
    this.timers.clearTimer(this.follow)
    this.follow = undefined
    this.replay = new ExchangeReplay()
    const connection = this.state.snapshot?.connections.find((c) => c.id === id)
    this.patch({
      exchange: {
        id,
        status: 'loading',
        follow: true,
        ...(connection && { connection }),
        session: this.replay.session,
      },
    })
    void this.fetchExchange()
  }

  /** Closes the open exchange. */
  close(): void {
    this.timers.clearTimer(this.follow)
    this.follow = undefined
    this.replay = undefined
    if (this.state.exchange) this.patch({ exchange: undefined })
  }

  /** Fetches the open exchange again now. */
  refresh(): void {
    void this.fetchExchange()
  }

  /** Turns following the open exchange's news on or off. */
  setFollow(follow: boolean): void {
    const open = this.state.exchange
    if (open && open.follow !== follow) this.patch({ exchange: { ...open, follow } })
    if (follow) this.followChanges()
  }

  private async check(): Promise<void> {
    const key = this.key
    if (!key) return this.patch({ access: 'no-key', stream: 'off' })
    const attempt = ++this.attempt
    const got = await fetchChecked(
      this.fetcher,
      `${this.options.apiUrl}?${KEY_PARAM}=${encodeURIComponent(key)}`,
      ClassSnapshot,
    )
    if (attempt !== this.attempt) return
    if (got.ok) {
      this.take(got.data, { access: 'granted' })
      return this.openStream(key, attempt)
    }
    if (got.status === 401) return this.refuse()
    this.patch({
      access:
        got.status === 'invalid' ? 'incompatible' : this.state.snapshot ? 'granted' : 'unreachable',
      stream: this.state.snapshot ? 'reconnecting' : 'off',
    })
    this.retryLater(attempt)
  }

  private openStream(key: string, attempt: number): void {
    this.closeStream()
    this.patch({ stream: 'connecting' })
    const live = () => attempt === this.attempt
    this.stream = this.options.events(
      `${this.options.apiUrl}/events?${KEY_PARAM}=${encodeURIComponent(key)}`,
      {
        open: () => live() && this.patch({ stream: 'live' }),
        snapshot: (data) => {
          if (!live()) return
          const parsed = parseChecked(data, ClassSnapshot)
          // A snapshot this page cannot read is skipped; the next one may do.
          if (parsed) this.take(parsed, { stream: 'live' })
        },
        error: (closed) => {
          if (!live()) return
          this.patch({ stream: 'reconnecting' })
          // EventSource retries a dropped stream itself; a closed one (401, 503) is checked again later.
          if (closed) {
            this.closeStream()
            this.retryLater(attempt)
          }
        },
      },
    )
  }

  private retryLater(attempt: number): void {
    this.timers.clearTimer(this.retry)
    this.retry = this.timers.setTimer(() => {
      this.retry = undefined
      if (attempt === this.attempt && this.running) void this.check()
    }, RETRY_MS)
  }

  private refuse(): void {
    this.key = undefined
    keepKey(this.options.storage, undefined)
    this.closeStream()
    this.close()
    this.patch({ hasKey: false, access: 'refused', stream: 'off', snapshot: undefined })
  }

  private take(snapshot: ClassSnapshot, change: Partial<ClassState>): void {
    const open = this.state.exchange
    const before = open && this.state.snapshot?.connections.find((c) => c.id === open.id)
    const after = open && snapshot.connections.find((c) => c.id === open.id)
    this.patch({ ...change, snapshot, skew: this.now() - snapshot.at })
    if (open && after && changed(before, after)) this.followChanges()
  }

  private followChanges(): void {
    const open = this.state.exchange
    if (!open?.follow || this.follow !== undefined) return
    this.follow = this.timers.setTimer(() => {
      this.follow = undefined
      void this.fetchExchange()
    }, FOLLOW_MS)
  }

  private async fetchExchange(): Promise<void> {
    const open = this.state.exchange
    const replay = this.replay
    if (!open || !replay || !this.key) return
    if (this.inFlight) {
      this.again = true
      return
    }
    this.inFlight = true
    const url = `${this.options.apiUrl}/exchange/${open.id}?${KEY_PARAM}=${encodeURIComponent(this.key)}`
    const got = await fetchChecked(this.fetcher, url, Exchange)
    this.inFlight = false
    const again = this.again
    this.again = false
    // Closed, or another connection opened, while the answer was on its way.
    if (this.replay !== replay || !this.state.exchange) return void (again && this.fetchExchange())
    if (got.ok) {
      replay.apply(got.data)
      const { connection, dropped } = got.data
      this.patch({ exchange: { ...this.state.exchange, status: 'ready', connection, dropped } })
      if (again) void this.fetchExchange()
      return
    }
    if (got.status === 401) return this.refuse()
    const status = got.status === 404 ? 'gone' : 'failed'
    this.patch({ exchange: { ...this.state.exchange, status } })
  }

  private closeStream(): void {
    this.stream?.close()
    this.stream = undefined
  }

  private patch(change: Partial<ClassState>): void {
    this.replace({ ...this.state, ...change })
  }
}

// Whether a connection's gist moved on: more bytes either way, or it ended.
function changed(before: ClassConnection | undefined, after: ClassConnection): boolean {
  return (
    !before ||
    before.bytes.toTarget !== after.bytes.toTarget ||
    before.bytes.fromTarget !== after.bytes.fromTarget ||
    (before.ended === undefined) !== (after.ended === undefined)
  )
}
