// The fuzz corpus over real sockets: random cuts of it sent to every framing's port while good clients
// do normal work; every bad message gets its one answer in order, and the good answers stay exact and fast.
import net from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import fc from 'fast-check'
import { afterEach, expect, test } from 'vitest'
import { corpusInput } from '../shared/fuzz-arbitraries.ts'
import { chunking, concat, splitBytes, type Chunking } from '../shared/fuzz-chunking.ts'
import { EMAIL_POOL, anyString, preview, type FuzzInput } from '../shared/fuzz-requests.ts'
import { FRAMINGS, createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import { answerFrameError, answerMessage } from './handle.ts'
import { MemoryRegistry } from './registry.ts'
import { startServer, type RunningServer } from './server.ts'

// A small limit keeps the oversize inputs cheap; nesting goes up to half of it (still a message).
const MAX = 32 * 1024
const RUNS = 20
const DEADLINE_MS = 5_000
// The bound is on the process CPU time spent during a round trip: on a loaded machine (this one runs
// benchmarks, and tests under nice) the whole process can sit unscheduled for most of a second, which
// says nothing about the server. The wall-clock worst is printed beside it, and bounded by DEADLINE_MS.
const WORST_ROUND_TRIP_MS = 1_000
const GOOD_FRAMINGS = ['json', 'ndjson', 'length'] as const

let server: RunningServer | undefined
const sockets: net.Socket[] = []
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  await server?.close()
  server = undefined
})

async function start(): Promise<RunningServer> {
  server = await startServer({
    ports: { json: 0, ndjson: 0, length: 0, naive: 0 },
    maxMessage: MAX,
  })
  return server
}

/** A raw connection that collects the server's answers as text, decoded in the port's own framing. */
class Wire {
  readonly answers: string[] = []
  readonly closed: Promise<void>
  private ended = false
  private wake: () => void = () => {}

  private constructor(
    readonly socket: net.Socket,
    framing: Framing,
  ) {
    // Answers are JSON objects, so the json scanner splits naive's unframed answers too.
    const decoder = createDecoder(framing === 'naive' ? 'json' : framing, { maxMessage: 1 << 30 })
    const latin1 = new TextDecoder('latin1')
    socket.on('data', (chunk: Buffer) => {
      for (const e of decoder.push(chunk))
        if (e.type === 'message') this.answers.push(latin1.decode(e.body))
      this.wake()
    })
    socket.on('error', () => {})
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.ended = true
        this.wake()
        resolve()
      }),
    )
  }

  static connect(port: number, framing: Framing): Promise<Wire> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => {
        socket.off('error', reject)
        sockets.push(socket)
        resolve(new Wire(socket, framing))
      })
      socket.once('error', reject)
    })
  }

  /** Resolves when `n` answers are in (true), or the connection closed or the time ran out (false). */
  async waitFor(n: number, ms = DEADLINE_MS): Promise<boolean> {
    const until = Date.now() + ms
    while (this.answers.length < n && !this.ended && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, until - Date.now())
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
    return this.answers.length >= n
  }

  /** Writes the reads one by one, yielding to the event loop between them so they arrive apart. */
  async send(reads: readonly Uint8Array[]): Promise<void> {
    for (let i = 0; i < reads.length; i++) {
      if (this.socket.destroyed) return
      if (!this.socket.write(reads[i]!)) await new Promise((r) => this.socket.once('drain', r))
      if (reads.length < 64 || i % 32 === 0) await new Promise((r) => setImmediate(r))
    }
  }
}

// ---- The good client: create, read, modify, read, remove, checked against json.dumps bytes. ----

/** The k-th request of a good client's cycle and the exact json.dumps text of its answer. */
function goodStep(email: string, k: number): [object, string] {
  const DP = 'Dados Pessoais'
  const ok = (explanation: string) =>
    `{"CODIGO DE ERRO": "200", "EXPLICA\\u00c7\\u00c3O": ${explanation}}`
  const nome = `Jo\u00e3o ${k}`
  switch (k % 5) {
    case 0:
      return [
        { SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email },
        ok(`"Novo usu\\u00e1rio registrado com email:${email}"`),
      ]
    case 1:
      return [
        { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email },
        ok(`{"Nome": null, "Endere\\u00e7o": null, "Telefone": null, "Email": "${email}"}`),
      ]
    case 2:
      return [
        {
          SERVIÇO: DP,
          AÇÃO: 'MODIFICAR USUARIO',
          EMAIL_USUARIO: email,
          CAMPO: 'Nome',
          VALOR: nome,
        },
        ok(`"Usu\\u00e1rio ${email} teve o CAMPO:Nome atualizado para o VALOR:Jo\\u00e3o ${k}"`),
      ]
    case 3:
      return [
        { SERVIÇO: DP, AÇÃO: 'CONSULTAR USUARIO', EMAIL_USUARIO: email },
        ok(
          `{"Nome": "Jo\\u00e3o ${k - 1}", "Endere\\u00e7o": null, "Telefone": null, "Email": "${email}"}`,
        ),
      ]
    default:
      return [
        { SERVIÇO: DP, AÇÃO: 'REMOVER USUARIO', EMAIL_USUARIO: email },
        ok(`"Usu\\u00e1rio removido:${email}"`),
      ]
  }
}

interface GoodReport {
  framing: Framing
  /** Wall-clock milliseconds per request. */
  roundTrips: number[]
  /** Process CPU milliseconds (user + system) spent during each request. */
  cpu: number[]
  wrong: string[]
}

/** Runs a good client until `stop` resolves: one request at a time, each answer checked byte for byte. */
async function goodClient(framing: Framing, stop: Promise<void>): Promise<GoodReport> {
  const wire = await Wire.connect(server!.ports[framing], framing)
  const report: GoodReport = { framing, roundTrips: [], cpu: [], wrong: [] }
  let stopping = false
  void stop.then(() => (stopping = true))
  // Each cycle of five ends with its user removed, so stop only at a cycle's end.
  for (let k = 0; !stopping || k % 5 !== 0; k++) {
    const [request, expected] = goodStep(`good-${framing}-${Math.floor(k / 5)}@wire.lab`, k)
    const started = performance.now()
    const cpu = process.cpuUsage()
    wire.socket.write(encodeFrame(framing, new TextEncoder().encode(JSON.stringify(request))))
    if (!(await wire.waitFor(k + 1))) {
      report.wrong.push(`${framing} #${k}: no answer within ${DEADLINE_MS} ms`)
      break
    }
    report.roundTrips.push(performance.now() - started)
    const used = process.cpuUsage(cpu)
    report.cpu.push((used.user + used.system) / 1000)
    const got = wire.answers[k]
    if (got !== expected && report.wrong.length < 5)
      report.wrong.push(`${framing} #${k}: ${got} != ${expected}`)
  }
  wire.socket.end()
  return report
}

/** Good clients on the reassembling ports, from now until the returned function is called. */
function startGoodClients(): () => Promise<GoodReport[]> {
  let stop = () => {}
  const stopped = new Promise<void>((r) => (stop = r))
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const reports = Promise.all(GOOD_FRAMINGS.map((f) => goodClient(f, stopped)))
  return async () => {
    stop()
    const done = await reports
    delay.disable()
    const all = done.flatMap((r) => r.roundTrips).sort((x, y) => x - y)
    const at = (q: number) => all[Math.min(all.length - 1, Math.floor(q * all.length))] ?? 0
    const worstCpu = Math.max(0, ...done.flatMap((r) => r.cpu))
    console.log(
      `good clients: ${all.length} requests, round trip median ${at(0.5).toFixed(1)} ms, ` +
        `p99 ${at(0.99).toFixed(1)} ms, worst ${at(1).toFixed(1)} ms (worst CPU time within one ` +
        `${worstCpu.toFixed(1)} ms); worst event-loop stall ${(delay.max / 1e6).toFixed(1)} ms`,
    )
    expect(done.flatMap((r) => r.wrong)).toEqual([])
    for (const r of done) {
      expect(r.roundTrips.length).toBeGreaterThan(0)
      for (let c = 0; c * 5 < r.roundTrips.length; c++)
        expect(server!.registry.has(`good-${r.framing}-${c}@wire.lab`)).toBe(false)
    }
    expect(worstCpu).toBeLessThan(WORST_ROUND_TRIP_MS)
    expect(at(1)).toBeLessThan(DEADLINE_MS)
    return done
  }
}

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
  const wire = await Wire.connect(server!.ports[framing], framing)
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

const CONSULT_NOBODY =
  '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "ningu\\u00e9m"}'
const NOBODY =
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:ningu\\u00e9m"}'
const utf8 = (s: string) => new TextEncoder().encode(s)

test(`the corpus over real sockets, cut at random, to every port (${RUNS} runs), while good clients work`, async () => {
  await start()
  const stopGood = startGoodClients()
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
    const wire = await Wire.connect(server!.ports[framing], framing)
    wire.socket.write(encodeFrame(framing, utf8(CONSULT_NOBODY)))
    expect(await wire.waitFor(1)).toBe(true)
    expect(wire.answers[0]).toBe(NOBODY)
  }
}, 60_000)

const ENDLESS_LIMIT = 8 << 20

test.each(['json', 'ndjson', 'length'] as const)(
  '%s: an endless oversize message gets its 413 long before its end, and good clients never notice',
  async (framing) => {
    await start()
    const stopGood = startGoodClients()
    const wire = await Wire.connect(server!.ports[framing], framing)
    const head =
      framing === 'json'
        ? utf8('{"x": "')
        : framing === 'length'
          ? new Uint8Array(4).fill(0xff)
          : new Uint8Array(0)
    const chunk = new Uint8Array(64 * 1024).fill(0x61)
    let sent = head.length
    wire.socket.write(head)
    while (wire.answers.length === 0 && sent < ENDLESS_LIMIT && !wire.socket.destroyed) {
      if (!wire.socket.write(chunk)) await new Promise((r) => wire.socket.once('drain', r))
      sent += chunk.length
      await new Promise((r) => setImmediate(r))
    }
    console.log(
      `${framing}: 413 after ${sent} bytes written (limit ${MAX}, a read is up to 64 KiB)`,
    )
    expect(await wire.waitFor(1)).toBe(true)
    expect(sent).toBeLessThan(ENDLESS_LIMIT)
    const closing = framing === 'json'
    expect(wire.answers[0]).toBe(
      `{"CODIGO DE ERRO": "413", "EXPLICA\\u00c7\\u00c3O": "Mensagem excede o limite de ${MAX} bytes; ` +
        (closing ? 'a conex\\u00e3o ser\\u00e1 encerrada"}' : 'o restante dela foi descartado"}'),
    )
    if (framing === 'json') await wire.closed
    if (framing === 'ndjson') {
      // The rest of the line is skipped; the next line is a message again.
      wire.socket.write(concat([chunk, utf8('\n' + CONSULT_NOBODY + '\n')]))
      expect(await wire.waitFor(2)).toBe(true)
      expect(wire.answers[1]).toBe(NOBODY)
    }
    await stopGood()
  },
)

test.each(['json', 'ndjson', 'length'] as const)(
  '%s: a field nested 6000 deep (12 kB, under the limit) is answered, and the server goes on',
  async (framing) => {
    await start()
    const wire = await Wire.connect(server!.ports[framing], framing)
    // Found by the fuzz corpus: the value is echoed as JSON (PROTOCOL.md, deviations), and echoing
    // this one must not overflow the stack. How it is shown is left open here.
    const deep = '{"SERVI\\u00c7O": ' + '['.repeat(6000) + ']'.repeat(6000) + '}'
    const then =
      '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "x"}'
    wire.socket.write(concat([encodeFrame(framing, utf8(deep)), encodeFrame(framing, utf8(then))]))
    await wire.waitFor(2, 1_500)
    expect(wire.answers.map((a) => a.slice(0, 160))).toEqual([
      expect.stringMatching(
        /^\{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Mensagem cont\\u00e9m uma entrada inv\\u00e1lida de SERVI\\u00c7O:/,
      ),
      '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:x"}',
    ])
  },
)
