// The fuzz corpus over real sockets: random cuts of it sent to every framing's port while good clients
// do normal work; every bad message gets its one answer in order, and the good answers stay exact and fast.
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { corpusInput } from '../shared/fuzz-arbitraries.ts'
import { chunking, concat, splitBytes, type Chunking } from '../shared/fuzz-chunking.ts'
import { EMAIL_POOL, anyString, preview, type FuzzInput } from '../shared/fuzz-requests.ts'
import { FRAMINGS, createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import { answerFrameError, answerMessage } from './handle.ts'
import { CONSULT_NOBODY, DEADLINE_MS, MAX, NOBODY, useSocketLab, utf8 } from './fuzz-sockets-lab.ts'
import { MemoryRegistry } from './registry.ts'

const RUNS = 20
const lab = useSocketLab()

// ---- The bad clients: the corpus, framed (or not), cut at random. ----

interface BadPlan {
  inputs: FuzzInput[]
  chunking: Chunking
}

/**
 * A bad client's inputs and how they are cut. Its emails (and rename targets) start with a random tag
 * of its own, so clients sharing the server never meet: two random 7-character tags are practically
 * never equal, nor one byte apart, which the corpus's one-byte mutations would need.
 */
const badPlan: fc.Arbitrary<BadPlan> = fc
  .noBias(fc.integer({ min: 36 ** 6, max: 36 ** 7 - 1 }))
  .map((n) => n.toString(36).toUpperCase() + '-')
  .chain((tag) =>
    fc.record({
      inputs: fc.array(
        corpusInput({
          maxMessage: MAX,
          // Nesting up to the limit (still a message, so the handler sees it), not only past it.
          maxDepth: MAX / 2,
          weights: { deep: 4 },
          email: fc.constantFrom(...EMAIL_POOL).map((e) => tag + e),
          text: anyString.map((s) => tag + s),
        }),
        { maxLength: 8 },
      ),
      chunking,
    }),
  )

/** The stream a bad client sends: each input in the port's framing (json and naive: as is, spaced). */
function badStream(framing: Framing, inputs: readonly FuzzInput[]): Uint8Array {
  const space = new Uint8Array([0x0a])
  return concat(
    inputs.flatMap((x) =>
      framing === 'json' || framing === 'naive'
        ? [x.bytes, space]
        : [encodeFrame(framing, x.bytes)],
    ),
  )
}

const GARBAGE = /^\{"CODIGO DE ERRO": "400", "EXPLICA\\u00c7\\u00c3O": "\d+ byte\(s\) que n/

/**
 * The answers the server owes for a stream, from the same decoder fed the whole stream and the
 * handler run against a registry of this client's own: chunking never changes messages (see
 * shared/framing.fuzz.test.ts), and each client's users are its own. `undefined` where the handler
 * throws: any one well-formed answer will do there.
 */
function owedAnswers(framing: Framing, stream: Uint8Array): (string | undefined)[] {
  const registry = new MemoryRegistry()
  const decoder = createDecoder(framing, { maxMessage: MAX })
  const owed: (string | undefined)[] = []
  for (const e of [...decoder.push(stream), ...decoder.end()]) {
    if (e.type === 'message') {
      try {
        owed.push(answerMessage(e.body, registry, 'lesson').text)
      } catch {
        owed.push(undefined)
      }
      continue
    }
    owed.push(answerFrameError(e, MAX, 'lesson').text)
    if (e.fatal) break
  }
  return owed
}

const WELL_FORMED = /^\{"CODIGO DE ERRO": "(200|400|404|413)", "EXPLICA\\u00c7\\u00c3O": .*\}$/

/** Sends one plan and checks the answers; returns what went wrong (nothing when all is well). */
async function badClient(framing: Framing, plan: BadPlan): Promise<string[]> {
  const stream = badStream(framing, plan.inputs)
  const wire = await lab.connect(framing)
  await wire.send(splitBytes(stream, plan.chunking))
  wire.socket.end()
  const closed = await Promise.race([
    wire.closed.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), DEADLINE_MS)),
  ])
  const problems: string[] = []
  const name = `${framing} [${plan.inputs.map((x) => x.kind).join(', ')}]`
  if (!closed)
    problems.push(`${name}: the server did not close within ${DEADLINE_MS} ms of our end`)
  for (const a of wire.answers)
    if (!WELL_FORMED.test(a)) problems.push(`${name}: malformed answer ${a}`)
  if (framing === 'naive') {
    // naive's messages are whatever each read holds: only the shape of the answers can be checked.
    if (stream.length > 0 && wire.answers.length === 0) problems.push(`${name}: no answer at all`)
    return problems
  }
  const owed = owedAnswers(framing, stream)
  // A run of garbage is one answer unless the writes pause inside it for longer than the server waits
  // (it then answers what came), so garbage may take more answers than in one read; everything else
  // is one answer per message, in order.
  const notGarbage = (a: string | undefined) => a === undefined || !GARBAGE.test(a)
  const got = wire.answers.filter(notGarbage)
  const want = owed.filter(notGarbage)
  const same =
    got.length === want.length &&
    want.every((w, i) => (w === undefined ? WELL_FORMED.test(got[i]!) : w === got[i]))
  if (!same)
    problems.push(
      `${name}: answers differ (${got.length} got, ${want.length} owed)\n` +
        `  sent: ${plan.inputs.map((x) => `${x.kind}(${preview(x.bytes)})`).join('\n        ')}\n` +
        `  got:  ${got.map((a) => a.slice(0, 160)).join('\n        ')}\n` +
        `  owed: ${want.map((a) => (a ?? '(any answer)').slice(0, 160)).join('\n        ')}`,
    )
  const garbage = wire.answers.length - got.length
  if (garbage < owed.length - want.length)
    problems.push(`${name}: ${garbage} garbage answers, fewer than owed`)
  return problems
}

test(`the corpus over real sockets, cut at random, to every port (${RUNS} runs), while good clients work`, async () => {
  await lab.start()
  const stopGood = lab.goodClients()
  try {
    await fc.assert(
      fc.asyncProperty(fc.tuple(badPlan, badPlan, badPlan, badPlan), async (plans) => {
        // One bad client per port, all at once.
        const problems = await Promise.all(plans.map((plan, i) => badClient(FRAMINGS[i]!, plan)))
        expect(problems.flat()).toEqual([])
      }),
      // Shrinking over sockets is slow; the handler and framing suites shrink the same corpus.
      { numRuns: RUNS, endOnFailure: true },
    )
  } finally {
    await stopGood()
  }
  // Still listening on every port, and still answering.
  for (const framing of FRAMINGS) {
    const wire = await lab.connect(framing)
    wire.socket.write(encodeFrame(framing, utf8(CONSULT_NOBODY)))
    expect(await wire.waitFor(1)).toBe(true)
    expect(wire.answers[0]).toBe(NOBODY)
  }
}, 60_000)
