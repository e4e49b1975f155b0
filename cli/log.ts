// Log sinks for the server, the bridge and the start script: batched lines, and faults told once (Node only).
import type { Writable } from 'node:stream'

type WriteLine = (line: string) => void
type ReportFault = (err: Error) => void

/**
 * A log sink that batches lines and writes them once per event-loop turn, so a busy server is not
 * slowed by one synchronous write per request.
 */
export function createLineWriter(stream: Writable): WriteLine {
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

/** What a fault reporter says: the first fault at once, then how many more came and the latest. */
interface FaultLines {
  first: (fault: string) => string
  more: (held: number, latest: string) => string
}

const SERVER_FAULTS: FaultLines = {
  first: (fault) =>
    `server: a message failed inside the server: ${fault}. It was answered 500 and nothing ` +
    'changed; the server goes on. With --data, check that the disk has room and the file is writable.',
  more: (held, latest) => `server: ${held} more message(s) failed the same way (latest: ${latest})`,
}

const BRIDGE_FAULTS: FaultLines = {
  first: (fault) =>
    `bridge: a request failed inside the bridge: ${fault}. It was answered 500; the bridge ` +
    'and every other connection go on. Please report this as a bug.',
  more: (held, latest) => `bridge: ${held} more request(s) failed (latest: ${latest})`,
}

/**
 * Tells whoever runs the server that messages are failing inside it (answered 500; nothing changed),
 * even with --quiet: the first fault at once, then at most one summary per `everyMs`, so a full disk
 * under --data is seen in the terminal and not buried under one log line per request.
 */
export function createFaultReporter(write: WriteLine, everyMs = 10_000): ReportFault {
  return createThrottledReporter(write, SERVER_FAULTS, everyMs)
}

/** The bridge's counterpart: a request or WebSocket handler threw (answered 500); the bridge goes on. */
export function createBridgeFaultReporter(write: WriteLine, everyMs = 10_000): ReportFault {
  return createThrottledReporter(write, BRIDGE_FAULTS, everyMs)
}

/** One line at the first error, then at most one summary line per `everyMs` while errors go on. */
function createThrottledReporter(
  write: WriteLine,
  { first, more }: FaultLines,
  everyMs: number,
): ReportFault {
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
