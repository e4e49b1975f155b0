// The teacher's live stream behind a factory, as connection.ts does with WebSockets: EventSource in the page, a fake in tests.

/** What a stream reports: opened, a `snapshot` event's data, or an error (`closed`: it will not retry). */
export interface EventStreamHandlers {
  open(): void
  snapshot(data: string): void
  error(closed: boolean): void
}

/** An open stream; close() stops it, and no handler runs after. */
export interface EventStream {
  close(): void
}

/** Opens a server-sent events stream to `url`. */
export type EventStreamFactory = (url: string, on: EventStreamHandlers) => EventStream

/**
 * The browser's EventSource behind the factory. It reconnects by itself after a dropped stream
 * (readyState CONNECTING); an HTTP error such as 401 closes it for good (readyState CLOSED).
 */
export const browserEventStream: EventStreamFactory = (url, on) => {
  const source = new EventSource(url)
  source.onopen = () => on.open()
  source.addEventListener('snapshot', (e) => on.snapshot(String((e as MessageEvent).data)))
  source.onerror = () => on.error(source.readyState === EventSource.CLOSED)
  return { close: () => source.close() }
}
