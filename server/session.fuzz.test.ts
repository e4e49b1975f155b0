// The json session's fast path must write exactly what scanning every byte would, in any state.
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { corpusInput } from '../shared/fuzz-arbitraries.ts'
import { entriesText, fullEntries, style, utf8 } from '../shared/fuzz-requests.ts'
import { createDecoder, encodeFrameText, type FrameEvent } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'
import { answerFrameError, answerMessage, refuse } from './handle.ts'
import { MemoryRegistry } from './registry.ts'
import { Session } from './session.ts'

const MAX = 1 << 16

/** The json framing as PROTOCOL.md describes it: the scanner reads every byte, each event answered. */
function scanningServer() {
  const registry = new MemoryRegistry()
  const decoder = createDecoder('json', { maxMessage: MAX })
  let closed = false
  const answer = (events: FrameEvent[]) => {
    let out = ''
    for (const e of events) {
      if (closed) break
      let reply
      try {
        reply =
          e.type === 'message'
            ? answerMessage(e.body, registry, 'lesson')
            : answerFrameError(e, MAX, 'lesson')
      } catch {
        reply = refuse('internal', 'lesson', TEXT.internal)
      }
      out += encodeFrameText('json', reply.text)
      closed = e.type === 'error' && e.fatal
    }
    return out
  }
  return {
    push: (chunk: Uint8Array) => answer(decoder.push(chunk)),
    flush: () => answer(decoder.flush()),
    end: () => answer(decoder.end()),
  }
}

/** Printable ASCII without quotes or backslashes: strings the fast path reads itself. */
const plainOnly = fc
  .string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 20,
  })
  .filter((s) => !s.includes('"') && !s.includes('\\'))
const space = fc.constantFrom('', ' ', '\n', '\r\n\t ')
/** A read of the corpus, sometimes followed by the pause that flushes a run of garbage. */
const read = fc.record({ input: corpusInput(), pause: fc.boolean() })

test('a read that is one plain request is answered as the scanner would, before and after anything', () => {
  let fast = 0
  fc.assert(
    fc.property(
      fc.array(read, { maxLength: 3 }),
      fc.tuple(fullEntries({ email: plainOnly, text: plainOnly }), style, space, space),
      fc.array(read, { maxLength: 3 }),
      (before, [entries, s, lead, trail], after) => {
        const whole = utf8(lead + entriesText(entries, s) + trail)
        const session = new Session({
          framing: 'json',
          registry: new MemoryRegistry(),
          codes: 'lesson',
          maxMessage: MAX,
          idleTimeoutMs: 600_000,
        })
        const reference = scanningServer()
        const same = ({ input, pause }: { input: { bytes: Uint8Array }; pause: boolean }) => {
          expect(session.push(input.bytes).out).toBe(reference.push(input.bytes))
          if (pause) expect(session.flush().out).toBe(reference.flush())
        }
        before.forEach(same)
        const scanned = session.scanned
        const { out } = session.push(whole)
        expect(out).toBe(reference.push(whole))
        if (out !== '' && session.scanned === scanned) fast++
        after.forEach(same)
        expect(session.end().out).toBe(reference.end())
      },
    ),
    { numRuns: 300 },
  )
  // The property is about the fast path: most runs must have taken it.
  expect(fast).toBeGreaterThan(100)
})
