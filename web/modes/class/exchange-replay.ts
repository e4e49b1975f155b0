// One student's recorded exchange replayed into the same log the student's pane keeps, a refresh at a time.
import type { Exchange } from '../../../shared/class-protocol.ts'
import { fromHex } from '../../bytes/bytes.ts'
import { reviewSession } from '../../playground/use-playground.ts'

/** A read-only ClientSession whose log holds a connection's exchange; `apply` adds what is new since last time. */
export class ExchangeReplay {
  /** The session the log view reads, like an imported file's pane: it never opens a socket. */
  readonly session = reviewSession([])
  // Items the bridge has recorded for this connection so far, counting those it no longer keeps.
  private applied = 0
  private begun = false

  /** Adds the items of `exchange` not applied yet (a later fetch of the same connection repeats the older ones). */
  apply(exchange: Exchange): void {
    const { log } = this.session
    const { connection, dropped, items } = exchange
    if (!this.begun) {
      this.begun = true
      log.beginSession(connection.target, connection.framing ?? 'json')
    }
    // Items are numbered from the connection's start: the first kept one is number dropped.items.
    const from = Math.max(0, this.applied - dropped.items)
    for (const item of items.slice(from)) {
      if (item.kind === 'data') {
        log.chunk(item.dir, fromHex(item.hex) ?? new Uint8Array(0), item.t)
        continue
      }
      log.event(item.event, item.t)
      if (item.event.type === 'closed' || item.event.type === 'refused') log.endSession(item.t)
    }
    this.applied = Math.max(this.applied, dropped.items + items.length)
  }
}
