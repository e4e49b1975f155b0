// The words every protocol decoder shares: which way bytes go, where they are, what was wrong.

/** Which way the bytes go: `request` is client -> server (page -> target), `response` the reverse. */
export type Direction = 'request' | 'response'

/** A byte range in one direction's stream: `start` inclusive, `end` exclusive, from the stream's first byte. */
export interface Range {
  start: number
  end: number
}

/**
 * Why bytes are not a message. `too-large`: past the decoder's limit; `too-deep`: RESP nesting past
 * its limit; `incomplete`: the stream ended inside a message; `garbage`: bytes the lesson's json
 * framing skips; the others name the part of the protocol that was malformed.
 */
export type Problem =
  | 'too-large'
  | 'too-deep'
  | 'incomplete'
  | 'garbage'
  | 'bad-start-line'
  | 'bad-header'
  | 'bad-length'
  | 'bad-chunk'
  | 'bad-type'
  | 'bad-crlf'
  | 'bad-value'
