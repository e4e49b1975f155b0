// Test helpers for proxy-v2: feed a reader read by read, and see what the server would be left with.
import { concat } from './fuzz-chunking.ts'
import { ProxyV2Reader, type ProxyV2Read } from './proxy-v2.ts'

/** A read's verdict without its bytes, so verdicts compare with toEqual. */
export type Verdict =
  | { type: 'not-proxy' }
  | { type: 'invalid'; reason: string }
  | Omit<Extract<ProxyV2Read, { type: 'header' }>, 'rest'>

/** What a connection's reads amount to: the verdict, and the bytes left for the framing. */
export interface Outcome {
  verdict: Verdict
  /** For a header, the bytes after it; for not-proxy, every byte; for invalid, none. */
  data: Uint8Array
  /** Which push answered (the number of reads), or -1 when only end() did. */
  at: number
}

/** Pushes the reads in order until the reader answers, then ends the stream if it has not. */
export function feed(chunks: readonly Uint8Array[], reader = new ProxyV2Reader()): Outcome {
  for (const [i, chunk] of chunks.entries()) {
    const read = reader.push(chunk)
    if (read.type !== 'more') return outcome(read, chunks.slice(i + 1), i)
  }
  return outcome(reader.end(), [], -1)
}

function outcome(read: ProxyV2Read, later: readonly Uint8Array[], at: number): Outcome {
  switch (read.type) {
    case 'more':
      throw new Error('outcome of "more"')
    case 'not-proxy':
      return { verdict: { type: 'not-proxy' }, data: concat([read.bytes, ...later]), at }
    case 'invalid':
      return { verdict: read, data: new Uint8Array(0), at }
    case 'header': {
      const { rest, ...header } = read
      return { verdict: header, data: concat([rest, ...later]), at }
    }
  }
}

/** Hex pairs with spaces -> bytes, so goldens read like the spec's byte lists. */
export const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/), (h) => parseInt(h, 16))
