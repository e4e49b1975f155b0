// The framings' names and the values a decoder reports: what framing.ts and the json scanner share.

/** The framing names, in port order (3213 json, 3214 ndjson, 3215 length, 3216 naive). */
export const FRAMINGS = ['json', 'ndjson', 'length', 'naive'] as const
export type Framing = (typeof FRAMINGS)[number]

/** One complete message; offsets count bytes from the start of the stream (end exclusive, prefix included). */
export interface FrameMessage {
  type: 'message'
  body: Uint8Array
  start: number
  end: number
}

/**
 * Bytes that are not a message. `garbage`: bytes that cannot start a JSON value (json framing);
 * `too-large`: past the size limit, `fatal` when the framing cannot resynchronise (json, naive);
 * `incomplete`: the stream ended inside a message.
 */
export interface FrameError {
  type: 'error'
  problem: 'garbage' | 'too-large' | 'incomplete'
  start: number
  end: number
  fatal: boolean
}

export type FrameEvent = FrameMessage | FrameError

/** An incremental decoder: feed it chunks as they arrive, in any sizes; `end()` at end of stream. */
export interface Decoder {
  readonly framing: Framing
  push(chunk: Uint8Array): FrameEvent[]
  /**
   * The stream went quiet: report what is held open only so it can be reported once (the json
   * scanner's run of garbage, which otherwise waits for a '{' or '['); [] for the other framings.
   */
  flush(): FrameEvent[]
  end(): FrameEvent[]
  /** Bytes held for a message not yet complete. */
  readonly pending: number
}
