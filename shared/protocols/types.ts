// The protocols the log can decode, and the one incremental decoder interface they all share.
import type { Framing } from '../framing.ts'
import type { HttpMessage } from './http-head.ts'
import type { RespValue } from './resp-values.ts'
import type { Direction, Problem, Range } from './basics.ts'

export type { Direction, Problem, Range } from './basics.ts'

/**
 * How a target's bytes are read: the lesson's JSON protocol (with its framing), HTTP/1.1, Redis RESP,
 * text lines (SMTP-, POP- or FTP-like dialogues), or raw bytes with no decoding.
 */
export const PROTOCOLS = ['lesson', 'http', 'resp', 'lines', 'raw'] as const
export type Protocol = (typeof PROTOCOLS)[number]

/** One lesson message: the body without its framing (length prefix, newline). */
export interface LessonMessage {
  protocol: 'lesson'
  body: Uint8Array
}

/** One text line; `text` is its bytes as UTF-8 (U+FFFD for invalid bytes), without the terminator. */
export interface LineMessage {
  protocol: 'lines'
  text: string
  bytes: Uint8Array
  /** What ended it: CRLF, a bare LF, or nothing (the last line of a stream that ended without one). */
  terminator: 'crlf' | 'lf' | 'none'
}

/** One RESP value at the top level: a reply, or a command (an array of bulk strings, or an inline line). */
export interface RespMessage {
  protocol: 'resp'
  value: RespValue
}

/** A decoded message, display-ready, discriminated by `protocol`. */
export type Decoded = LessonMessage | LineMessage | RespMessage | HttpMessage

/** A complete message and its bytes. `frame` lists the ranges inside it that are framing, not content. */
export interface MessageEvent extends Range {
  type: 'message'
  message: Decoded
  frame: Range[]
}

/**
 * Bytes that are not a message, with a short English `detail` for the curious (the page translates by
 * `problem`). After a `fatal` error the decoder reads nothing more: every later byte is undecodable.
 */
export interface ErrorEvent extends Range {
  type: 'error'
  problem: Problem
  detail: string
  fatal: boolean
}

export type ProtocolEvent = MessageEvent | ErrorEvent

/**
 * An incremental decoder for one direction of one connection: feed it chunks as they arrive, split
 * anywhere; `end()` at end of stream. It never throws on any input. Events come in stream order and never
 * overlap; bytes between them (blank lines, a tunnel, the rest after a fatal error) belong to no event.
 */
export interface ProtocolDecoder {
  readonly protocol: Protocol
  readonly direction: Direction
  push(chunk: Uint8Array): ProtocolEvent[]
  /** The stream went quiet: what is held open only to be reported once (the lesson's json garbage). */
  flush(): ProtocolEvent[]
  end(): ProtocolEvent[]
  /** Bytes held for a message not yet complete (bounded by the limits). */
  readonly pending: number
}

/** Limits and, for the lesson, the framing. */
export interface ProtocolOptions {
  /** The lesson protocol's framing (default json). */
  framing?: Framing
  /**
   * Largest message a decoder holds, in bytes (default 64 KiB): a lesson message, a line, a RESP value,
   * an HTTP head. HTTP bodies are not limited: they are kept up to `maxBody` and counted past it.
   */
  maxMessage?: number
  /** HTTP: body bytes kept per message for display (default 64 KiB); the length is always exact. */
  maxBody?: number
  /** RESP: deepest nesting of aggregates (default 64). */
  maxDepth?: number
}

/** The default `maxMessage`, `maxBody` and `maxDepth`. */
export const DEFAULT_LIMITS = { maxMessage: 64 * 1024, maxBody: 64 * 1024, maxDepth: 64 } as const
