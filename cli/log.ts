// Log sinks for the server, the bridge and the start script: batched lines, and faults told once (Node only).
import type { Writable } from 'node:stream'

/**
 * A log sink that batches lines and writes them once per event-loop turn, so a busy server is not
 * slowed by one synchronous write per request.
 */
export function createLineWriter(stream: Writable): (line: string) => void {
  let lines: string[] = []
  const flush = () => {
    const text = lines.join('\n') + '\n'
    lines = []
    stream.write(text)
  }
  return (line) => {
    if (lines.push(line) === 1) setImmediate(flush)
  }
}

/**
 * Tells whoever runs the server that messages are failing inside it (answered 500; nothing changed),
 * even with --quiet: the first fault at once, then at most one summary per `everyMs`, so a full disk
 * under --data is seen in the terminal and not buried under one log line per request.
 */
export function createFaultReporter(
  write: (line: string) => void,
  everyMs = 10_000,
): (err: Error) => void {
  return createThrottledReporter(
    write,
    (fault) =>
      `server: a message failed inside the server: ${fault}. It was answered 500 and nothing ` +
      'changed; the server goes on. With --data, check that the disk has room and the file is writable.',
    (held, latest) => `server: ${held} more message(s) failed the same way (latest: ${latest})`,
    everyMs,
  )
}

/** The bridge's counterpart: a request or WebSocket handler threw (answered 500); the bridge goes on. */
export function createBridgeFaultReporter(
  write: (line: string) => void,
  everyMs = 10_000,
): (err: Error) => void {
  return createThrottledReporter(
    write,
    (fault) =>
      `bridge: a request failed inside the bridge: ${fault}. It was answered 500; the bridge ` +
      'and every other connection go on. Please report this as a bug.',
    (held, latest) => `bridge: ${held} more request(s) failed (latest: ${latest})`,
    everyMs,
  )
}

/** One line at the first error, then at most one summary line per `everyMs` while errors go on. */
function createThrottledReporter(
  write: (line: string) => void,
  first: (fault: string) => string,
  more: (held: number, latest: string) => string,
  everyMs: number,
): (err: Error) => void {
  let held = 0
  let last = ''
  let timer: NodeJS.Timeout | undefined
  const summary = () => {
    timer = undefined
    if (held === 0) return
    write(more(held, last))
    held = 0
  }
  return (err) => {
    last = describeFault(err)
    if (timer !== undefined) {
      held++
      return
    }
    write(first(last))
    timer = setTimeout(summary, everyMs).unref()
  }
}

const describeFault = (err: Error & { code?: unknown }) =>
  typeof err.code === 'string' ? `${err.code}: ${err.message}` : err.message
