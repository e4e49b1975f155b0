// Property-based fuzzing of the framing decoders at their limits: an endless oversize message is refused
// in the very read that crosses the limit, never held past it, and what follows it decodes again.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { FRAMINGS, createDecoder, encodeFrame, type Framing } from './framing.ts'
import { chunking, concat, splitBytes } from './fuzz-chunking.ts'
import { REASSEMBLING, framedStream, plain, run, utf8 } from './fuzz-framing.ts'

/** The bytes that open an endless message; for length, a prefix declaring `declared` bytes. */
function endlessHead(framing: Framing, declared: number): Uint8Array {
  switch (framing) {
    case 'json':
      return utf8('{"x": "')
    case 'length': {
      const head = new Uint8Array(4)
      new DataView(head.buffer).setUint32(0, declared)
      return head
    }
    default:
      return new Uint8Array(0)
  }
}

describe.each(REASSEMBLING)('%s decoder on an endless oversize message', (framing) => {
  test('holds at most the limit, and refuses in the very read that crosses it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom(0x61, 0x5b, 0x22, 0x20),
        (max, sizes, declared, fill) => {
          const decoder = createDecoder(framing, { maxMessage: max })
          // Declared longer than all that is fed, so the message never ends.
          const head = endlessHead(framing, max + 10_000 + (declared % 1_000_000))
          let fed = 0
          let crossedAt = -1
          for (let i = 0; fed < head.length + max + 2 * 3000; i++) {
            const size = sizes[i % sizes.length]!
            const chunk = new Uint8Array(size).fill(fill)
            if (fed < head.length) chunk.set(head.subarray(fed, fed + size))
            const events = decoder.push(chunk)
            fed += size
            expect(decoder.pending).toBeLessThanOrEqual(
              framing === 'length' ? Math.max(max, 3) : max,
            )
            // length: the prefix alone says too large; json counts from '{'; ndjson counts the line.
            const crosses = framing === 'length' ? fed >= 4 : fed > max
            if (crossedAt < 0 && crosses) {
              crossedAt = i
              expect(events.map(plain)).toEqual([
                {
                  type: 'error',
                  problem: 'too-large',
                  start: 0,
                  end: framing === 'length' ? 4 : fed,
                  fatal: framing === 'json',
                },
              ])
            } else expect(events).toEqual([])
          }
          expect(crossedAt).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: 100 },
    )
  })

  test('a message of exactly the limit passes and one byte more is refused, however it is cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 12, max: 3000 }), fc.boolean(), chunking, (max, over, c) => {
        const size = max + (over ? 1 : 0)
        const body =
          framing === 'json'
            ? utf8('{"x": "' + 'a'.repeat(size - 9) + '"}')
            : new Uint8Array(size).fill(0x61)
        expect(body.length).toBe(size)
        const wire = encodeFrame(framing, body)
        const events = run(framing, splitBytes(wire, c), max)
        expect(events.map((e) => (e.type === 'message' ? e.body.length : e.problem))).toEqual([
          over ? 'too-large' : size,
        ])
      }),
      { numRuns: 100 },
    )
  })
})

describe.each(['ndjson', 'length'] as const)('%s decoder after an oversize message', (framing) => {
  test('skips exactly that message and decodes what follows, offsets included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 3000 }),
        framedStream(framing),
        chunking,
        (max, extra, { stream, expected }, c) => {
          const oversize = encodeFrame(framing, new Uint8Array(max + extra).fill(0x61))
          const wire = concat([oversize, stream])
          const events = run(framing, splitBytes(wire, c), max)
          const messages = expected
            .filter((e) => e.type === 'message' && e.body.length <= max)
            .map((e) => ({ ...e, start: e.start + oversize.length, end: e.end + oversize.length }))
          expect(events[0]).toMatchObject({ type: 'error', problem: 'too-large', start: 0 })
          expect(events.filter((e) => e.type === 'message')).toEqual(messages)
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe.each(FRAMINGS)(
  '%s decoder fed 64 MiB of one endless message in 64 KiB reads',
  (framing) => {
    test('refuses it within the limit plus one read and never holds more than the limit', () => {
      const max = framing === 'naive' ? 256 : 64 * 1024
      const read = 64 * 1024
      const decoder = createDecoder(framing, { maxMessage: max })
      const head = endlessHead(framing, 0xffff_ffff)
      let fed = 0
      let refusedAt = -1
      let held = 0
      for (let i = 0; i < 1024; i++) {
        // A fresh buffer per read, as a socket gives.
        const chunk = new Uint8Array(read).fill(0x61)
        if (i === 0) chunk.set(head)
        for (const e of decoder.push(chunk))
          if (e.type === 'error' && refusedAt < 0) {
            expect(e.problem).toBe('too-large')
            refusedAt = fed + chunk.length
          }
        fed += chunk.length
        held = Math.max(held, decoder.pending)
      }
      expect(refusedAt).toBeGreaterThan(0)
      expect(refusedAt).toBeLessThanOrEqual(head.length + max + read)
      expect(held).toBeLessThanOrEqual(max)
    })
  },
)
