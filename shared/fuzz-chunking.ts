// How a byte stream is cut into reads for the fuzz tests, and byte arrays joined back into one.
import fc from 'fast-check'
import { concatBytes } from './pieces.ts'

/**
 * How a byte stream is cut into reads: whole, one byte per read, fixed-size reads, or cuts at
 * positions (taken modulo the stream length, so they shrink well; a repeated cut is an empty read).
 */
export type Chunking =
  | { kind: 'whole' }
  | { kind: 'bytes' }
  | { kind: 'size'; size: number }
  | { kind: 'cuts'; at: number[] }

/** A chunking: every kind, with 1-byte reads and random cut points both common. */
export const chunking: fc.Arbitrary<Chunking> = fc.oneof(
  fc.constant({ kind: 'whole' as const }),
  fc.constant({ kind: 'bytes' as const }),
  fc.integer({ min: 1, max: 700 }).map((size) => ({ kind: 'size' as const, size })),
  {
    arbitrary: fc.array(fc.nat(), { maxLength: 24 }).map((at) => ({ kind: 'cuts' as const, at })),
    weight: 3,
  },
)

/** The reads `chunking` makes of `bytes`; their concatenation is `bytes`. */
export function splitBytes(bytes: Uint8Array, c: Chunking): Uint8Array[] {
  switch (c.kind) {
    case 'whole':
      return [bytes]
    case 'bytes':
      return Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))
    case 'size': {
      const out: Uint8Array[] = []
      for (let i = 0; i < bytes.length; i += c.size) out.push(bytes.subarray(i, i + c.size))
      return out
    }
    case 'cuts': {
      const cuts = c.at.map((n) => n % (bytes.length + 1)).sort((a, b) => a - b)
      const out: Uint8Array[] = []
      let from = 0
      for (const cut of cuts) {
        out.push(bytes.subarray(from, cut))
        from = cut
      }
      out.push(bytes.subarray(from))
      return out
    }
  }
}

/** Joins byte arrays into one. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return concatBytes(parts)
}
