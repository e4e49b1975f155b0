// Test data for the class mode: a snapshot, a connection, an exchange, a fake stream and a fake class API.
import type { ClassConnection, ClassSnapshot, Exchange } from '../../../shared/class-protocol.ts'
import { toHex } from '../../bytes/bytes.ts'
import type { EventStreamFactory, EventStreamHandlers } from './event-stream.ts'

const utf8 = new TextEncoder()
const BASE = 1_750_000_000_000

/** A connection's gist; `change` overrides any field. */
export function connectionOf(id: number, change: Partial<ClassConnection> = {}): ClassConnection {
  return {
    id,
    address: '127.0.0.1',
    workspace: 'ip:127.0.0.1',
    client: `tab00${id}-A`,
    target: '127.0.0.1:3213',
    framing: 'json',
    since: BASE,
    bytes: { toTarget: 0, fromTarget: 0 },
    requests: 0,
    answers: {},
    ...change,
  }
}

/** A class of `connections`, taken at `at`. */
export function snapshotOf(connections: ClassConnection[], at = BASE + 60_000): ClassSnapshot {
  return { at, connections, tally: {}, workspaces: [], feed: [] }
}

/** A request and its answer as the bridge records them, after connecting. */
export const REQUEST =
  '{"SERVIÇO": "Dados Pessoais", "AÇÃO": "CONSULTAR USUARIO", "EMAIL_USUARIO": "x@y.z"}'
export const ANSWER =
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o encontrado"}'

/** An exchange holding `items` of the standard opening plus one request and answer (split in two reads). */
export function exchangeOf(connection: ClassConnection, upTo = 5, dropped = 0): Exchange {
  const request = utf8.encode(REQUEST)
  const answer = utf8.encode(ANSWER)
  const items: Exchange['items'] = [
    { kind: 'event', t: 0.1, event: { type: 'connecting', at: 0.1, target: connection.target } },
    {
      kind: 'event',
      t: 0.5,
      event: {
        type: 'connected',
        at: 0.5,
        local: { address: '127.0.0.1', port: 50000 },
        remote: { address: '127.0.0.1', port: 3213 },
      },
    },
    { kind: 'data', t: 10, dir: 'sent', hex: toHex(request, '') },
    { kind: 'data', t: 11, dir: 'received', hex: toHex(answer.subarray(0, 20), '') },
    { kind: 'data', t: 12, dir: 'received', hex: toHex(answer.subarray(20), '') },
  ]
  return {
    connection,
    dropped: { items: dropped, bytes: 0 },
    items: items.slice(dropped, upTo),
  }
}

/** Plays the bridge's side of the page's event streams. */
export class FakeStreams {
  readonly urls: string[] = []
  closed = 0
  private on: EventStreamHandlers | undefined

  readonly factory: EventStreamFactory = (url, on) => {
    this.urls.push(url)
    this.on = on
    return { close: () => void this.closed++ }
  }

  private get handlers(): EventStreamHandlers {
    if (!this.on) throw new Error('no stream opened yet')
    return this.on
  }

  open(): void {
    this.handlers.open()
  }
  snapshot(value: unknown): void {
    this.handlers.snapshot(typeof value === 'string' ? value : JSON.stringify(value))
  }
  error(closed: boolean): void {
    this.handlers.error(closed)
  }
}

/** A fetch answering from `routes` (path and query after the origin -> status and body), recording each URL. */
export function fakeFetch(routes: Map<string, () => { status: number; body: unknown } | 'down'>) {
  const urls: string[] = []
  const fetcher: typeof fetch = (input) => {
    const url = new URL(String(input))
    const path = url.pathname + url.search
    urls.push(path)
    const route = routes.get(path)?.() ?? { status: 404, body: { error: 'not found' } }
    if (route === 'down') return Promise.reject(new TypeError('Failed to fetch'))
    return Promise.resolve(new Response(JSON.stringify(route.body), { status: route.status }))
  }
  return { urls, fetcher }
}
