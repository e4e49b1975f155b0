// One decoder per protocol and direction, or a linked pair for both directions of one connection.
import { HttpDecoder } from './http.ts'
import { LessonDecoder } from './lesson.ts'
import { LinesDecoder } from './lines.ts'
import { RespDecoder } from './resp.ts'
import {
  DEFAULT_LIMITS,
  type Direction,
  type Protocol,
  type ProtocolDecoder,
  type ProtocolEvent,
  type ProtocolOptions,
} from './types.ts'

/** raw: no decoding at all; the log shows the chunks alone. */
export class RawDecoder implements ProtocolDecoder {
  readonly protocol = 'raw'
  readonly pending = 0

  constructor(readonly direction: Direction) {}

  push(): ProtocolEvent[] {
    return []
  }

  flush(): ProtocolEvent[] {
    return []
  }

  end(): ProtocolEvent[] {
    return []
  }
}

/**
 * A new decoder for one direction of a connection speaking `protocol`. After bad input, each one either
 * resynchronises or stops (a fatal error: every later byte is undecodable):
 * - lesson: as its framing does (ndjson and length resynchronise; json and naive stop when too large);
 * - http: stops on any malformed framing or a head over `maxMessage` (bodies are never too large);
 * - resp: resynchronises after a value over `maxMessage`, stops on malformed input or nesting too deep;
 * - lines: resynchronises at the next LF after a line over `maxMessage`;
 * - raw: decodes nothing.
 */
export function createProtocolDecoder(
  protocol: Protocol,
  direction: Direction,
  options: ProtocolOptions = {},
): ProtocolDecoder {
  const max = options.maxMessage ?? DEFAULT_LIMITS.maxMessage
  switch (protocol) {
    case 'lesson':
      return new LessonDecoder(direction, options.framing ?? 'json', max)
    case 'http':
      return new HttpDecoder(direction, max, options.maxBody ?? DEFAULT_LIMITS.maxBody)
    case 'resp':
      return new RespDecoder(direction, max, options.maxDepth ?? DEFAULT_LIMITS.maxDepth)
    case 'lines':
      return new LinesDecoder(direction, max)
    case 'raw':
      return new RawDecoder(direction)
  }
}

/** The two decoders of one connection. */
export interface ProtocolPair {
  /** For the bytes the page sends (client -> server). */
  request: ProtocolDecoder
  /** For the bytes the target sends back. */
  response: ProtocolDecoder
}

/**
 * Both directions of one connection. For HTTP they are linked: each request's method reaches the response
 * decoder (a response to HEAD has no body, a 2xx to CONNECT opens a tunnel), and a switch of protocols
 * seen in a response stops the request decoder after its current request. Feed each request's bytes
 * before the response's bytes that answer it, as they happen on the wire.
 */
export function createProtocolPair(
  protocol: Protocol,
  options: ProtocolOptions = {},
): ProtocolPair {
  const request = createProtocolDecoder(protocol, 'request', options)
  const response = createProtocolDecoder(protocol, 'response', options)
  if (request instanceof HttpDecoder && response instanceof HttpDecoder) {
    request.onRequestHead = (method) => response.requestSent(method)
    response.onTunnel = () => request.switchProtocols()
  }
  return { request, response }
}
