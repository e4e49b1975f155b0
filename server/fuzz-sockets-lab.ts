// The lab for fuzzing over real sockets: a server with a small limit, raw connections that collect its
// answers, and good clients whose every answer is checked byte for byte while bad ones do their worst.
import net from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterEach, expect } from 'vitest'
import { wlError } from '../shared/errors.ts'
import { createDecoder, encodeFrame, type Framing } from '../shared/framing.ts'
import { startServer, type RunningServer } from './server.ts'

/** A small limit keeps the oversize inputs cheap; nesting goes up to half of it (still a message). */
export const MAX = 32 * 1024
/** How long a client waits for its answers, or for the server to close. */
export const DEADLINE_MS = 5_000
// The bound is on the process CPU time spent during a round trip: on a loaded machine (this one runs
// benchmarks, and tests under nice) the whole process can sit unscheduled for most of a second, which
// says nothing about the server. The wall-clock worst is printed beside it, and bounded by DEADLINE_MS.
const WORST_ROUND_TRIP_MS = 1_000
const GOOD_FRAMINGS = ['json', 'ndjson', 'length'] as const

/** UTF-8 bytes of a string. */
export const utf8 = (s: string) => new TextEncoder().encode(s)
/** A lookup of a user nobody created, as json.dumps writes it. */
export const CONSULT_NOBODY =
  '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "ningu\\u00e9m"}'
/** The answer to CONSULT_NOBODY. */
export const NOBODY =
  '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "Usu\\u00e1rio n\\u00e3o registrado:ningu\\u00e9m"}'

/** Registers an afterEach that closes the server and every connection the test opened. */
export function useSocketLab() {
  let server: RunningServer | undefined
  const sockets: net.Socket[] = []
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy()
    await server?.close()
    server = undefined
  })
  const lab = {
    /** The running server; only valid after `start`. */
    get server(): RunningServer {
      if (!server) throw wlError('WL_ERR_TEST', 'no server started')
      return server
    },
    /** Starts the server on four free ports, with the small limit. */
    async start(): Promise<RunningServer> {
      server = await startServer({
        ports: { json: 0, ndjson: 0, length: 0, naive: 0 },
        maxMessage: MAX,
      })
      return server
    },
    /** A raw connection to the port of `framing`. */
    async connect(framing: Framing): Promise<Wire> {
      const wire = await Wire.connect(lab.server.ports[framing], framing)
      sockets.push(wire.socket)
      return wire
    },
    /** Starts good clients; the returned function stops them and checks what they saw. */
    goodClients(): () => Promise<GoodReport[]> {
      return startGoodClients(lab.server, (framing) => lab.connect(framing))
    },
  }
  return lab
}

/** A raw connection that collects the server's answers as text, decoded in the port's own framing. */
export class Wire {
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

/** What one good client saw. */
export interface GoodReport {
  framing: Framing
  /** Wall-clock milliseconds per request. */
  roundTrips: number[]
  /** Process CPU milliseconds (user + system) spent during each request. */
  cpu: number[]
  wrong: string[]
}

/** Runs a good client until `stop` resolves: one request at a time, each answer checked byte for byte. */
async function goodClient(wire: Wire, framing: Framing, stop: Promise<void>): Promise<GoodReport> {
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

/**
 * Good clients on the reassembling ports of `server`, from now until the returned function is called;
 * it checks their reports (every answer exact, every user removed, round trips bounded).
 */
function startGoodClients(
  server: RunningServer,
  connect: (framing: Framing) => Promise<Wire>,
): () => Promise<GoodReport[]> {
  let stop = () => {}
  const stopped = new Promise<void>((r) => (stop = r))
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const reports = Promise.all(
    GOOD_FRAMINGS.map(async (f) => goodClient(await connect(f), f, stopped)),
  )
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
        expect(server.registry.has(`good-${r.framing}-${c}@wire.lab`)).toBe(false)
    }
    expect(worstCpu).toBeLessThan(WORST_ROUND_TRIP_MS)
    expect(at(1)).toBeLessThan(DEADLINE_MS)
    return done
  }
}
