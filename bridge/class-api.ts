// The teacher's HTTP API under /api/class: a snapshot, a live stream of them, one student's exchange.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CLASS_PATH, KEY_PARAM } from '../shared/bridge-constants.ts'
import type { ClassMonitor } from './class-monitor.ts'

/** Answers a request under /api/class; false when the path is not the class API's. */
export type ClassApi = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean

// The stream sends a snapshot at most this often, however busy the class is.
const STREAM_EVERY_MS = 500
// ...and never spends more than 1/COST_SHARE of the process's time on it: a class so large that one
// snapshot takes 15 ms gets one every 750 ms, so the students' relays keep 98% of the process.
const COST_SHARE = 50

/**
 * Milliseconds between two snapshots of a stream after one that took `costMs` to build and write:
 * STREAM_EVERY_MS, or longer when snapshots are so costly that they would take over 2% of the time.
 */
export function streamInterval(costMs: number): number {
  return Math.max(STREAM_EVERY_MS, Math.ceil(costMs * COST_SHARE))
}
// A comment line this often keeps proxies and the bridge's own idle timer from closing the stream.
const HEARTBEAT_MS = 15_000
// Teacher screens streaming at once; more get 503 (a student cannot open a stream without the key).
const MAX_STREAMS = 8

/** The class API for `monitor`, open only to requests that carry `key`. */
export function createClassApi(monitor: ClassMonitor, key: string): ClassApi {
  const expected = digest(key)
  let streams = 0

  const authorized = (req: IncomingMessage, url: URL): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const given = url.searchParams.get(KEY_PARAM) ?? bearer
    // Compared as digests in constant time: the key's length and prefix do not leak through timing.
    return given !== undefined && given !== null && timingSafeEqual(digest(given), expected)
  }

  return (req, res, url) => {
    const path = url.pathname
    if (path !== CLASS_PATH && !path.startsWith(CLASS_PATH + '/')) return false
    res.setHeader('Cache-Control', 'no-store')
    if (!authorized(req, url)) {
      json(res, 401, {
        error: "the teacher's view needs the key from the teacher URL that npm start printed",
      })
      return true
    }
    if (path === CLASS_PATH) {
      text(res, 200, monitor.snapshotJson())
      return true
    }
    const exchange = /^\/exchange\/(\d{1,9})$/.exec(path.slice(CLASS_PATH.length))
    if (exchange) {
      const found = monitor.exchange(Number(exchange[1]))
      if (found) json(res, 200, found)
      else json(res, 404, { error: 'no such connection (or it is no longer kept)' })
      return true
    }
    if (path === `${CLASS_PATH}/events`) {
      if (streams >= MAX_STREAMS) {
        json(res, 503, { error: `at most ${MAX_STREAMS} teacher screens at once` })
        return true
      }
      streams++
      stream(req, res, monitor, () => streams--)
      return true
    }
    json(res, 404, { error: 'not found' })
    return true
  }
}

/**
 * Server-sent events: a snapshot now, then one whenever the class changes (at most every 500 ms, less
 * often for a class whose snapshots are costly, never faster than the screen reads them).
 */
function stream(
  req: IncomingMessage,
  res: ServerResponse,
  monitor: ClassMonitor,
  done: () => void,
): void {
  // The bridge drops silent connections; this one is quiet on purpose between snapshots.
  req.socket.setTimeout(0)
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  })
  res.write('retry: 2000\n\n')
  let timer: NodeJS.Timeout | undefined
  let next = 0
  let draining = false
  const send = () => {
    timer = undefined
    // A screen that has not read the last snapshot gets the newest once it has, none in between.
    if (res.writableNeedDrain) {
      draining = true
      return
    }
    const t0 = performance.now()
    res.write(`event: snapshot\ndata: ${monitor.snapshotJson()}\n\n`)
    next = Date.now() + streamInterval(performance.now() - t0)
  }
  const changed = () => {
    if (timer !== undefined || draining) return
    timer = setTimeout(send, Math.max(0, next - Date.now()))
  }
  res.on('drain', () => {
    if (!draining) return
    draining = false
    changed()
  })
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS)
  const unsubscribe = monitor.subscribe(changed)
  send()
  res.on('close', () => {
    clearTimeout(timer)
    clearInterval(heartbeat)
    unsubscribe()
    done()
  })
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

function json(res: ServerResponse, status: number, body: unknown): void {
  text(res, status, JSON.stringify(body))
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}
