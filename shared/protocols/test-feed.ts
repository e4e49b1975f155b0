// For decoder tests: feed chunks, then end; events as plain values (bytes as Latin-1 text) to compare.
import type { ProtocolDecoder, ProtocolEvent } from './types.ts'

const latin1 = new TextDecoder('latin1')
const encoder = new TextEncoder()

/** UTF-8 bytes of a string. */
export const utf8 = (s: string): Uint8Array => encoder.encode(s)

/** Bytes of a string of byte values (each character one byte, as `\xff` escapes write them). */
export const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

/** Every Uint8Array inside a value replaced by its bytes as Latin-1 text, so toEqual diffs read well. */
export function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return latin1.decode(value)
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  return value
}

/** Feeds each chunk (recording `pending` after each push), then ends the stream. */
export function feed(
  decoder: ProtocolDecoder,
  chunks: readonly Uint8Array[],
): { events: ProtocolEvent[]; pending: number[] } {
  const events: ProtocolEvent[] = []
  const pending: number[] = []
  for (const chunk of chunks) {
    events.push(...decoder.push(chunk))
    pending.push(decoder.pending)
  }
  events.push(...decoder.end())
  return { events, pending }
}

/** The same bytes cut at `cut`, and one byte per chunk. */
export function splitAt(bytes: Uint8Array, cut: number): Uint8Array[] {
  return [bytes.subarray(0, cut), bytes.subarray(cut)]
}

/** One chunk per byte. */
export function oneByOne(bytes: Uint8Array): Uint8Array[] {
  return Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))
}
