// One try-it of the guided tour: the step's script over its own connections, what it saw, and one fail path.
import type { ClientSession } from '../../session/client-session.ts'
import type { TargetOption } from '../../targets/targets.ts'
import type { Timers } from '../../lib/timers.ts'
import { botTargets, defaultBotTarget, type BotTarget } from '../bot/bot-targets.ts'
import {
  DEFAULT_SETTINGS,
  labTargets,
  planFor,
  type LabTarget,
} from '../framing-lab/framing-lab.ts'
import { FramingRun } from '../framing-lab/framing-run.ts'
import { TourClient, TourTrouble, type Trouble } from './tour-client.ts'
import {
  PROBES,
  probeText,
  tourText,
  type Probe,
  type TourData,
  type TourStep,
  type TraceItem,
  type Who,
} from './tour.ts'
import { SnapshotStore } from '../../lib/snapshot-store.ts'
import { wlError } from '../../../shared/errors.ts'

/** Where a try-it is: running its script, finished, or stopped by trouble. */
export type TourPhase = 'running' | 'done' | 'failed'

/** A try-it as the page shows it; a new object on every change. */
export interface TourRunState {
  phase: TourPhase
  /** Connections opened and answers received so far, in order. */
  trace: readonly TraceItem[]
  trouble?: Trouble
}

/** The servers a try-it may use: one for the request steps, naive and json for the framing step. */
export interface TourTargets {
  main?: BotTarget
  naive?: LabTarget
  json?: LabTarget
}

/** The tour's servers from the allow-list: the bot's choice (json first), and the first naive and json ports. */
export function tourTargets(options: readonly TargetOption[]): TourTargets {
  const session = labTargets(options)
  const main = defaultBotTarget(botTargets(options))
  const naive = session.find((t) => t.framing === 'naive')
  const json = session.find((t) => t.framing === 'json')
  return { ...(main ? { main } : {}), ...(naive ? { naive } : {}), ...(json ? { json } : {}) }
}

/** One column of the framing step: a server and the run that sends it the halves. */
export interface FramingColumnRun {
  target: LabTarget
  run: FramingRun
}

/** What a try-it needs: the bridge, its targets, fresh data, and a ClientSession per connection. */
export interface TourRunOptions extends Timers {
  bridgeUrl: string
  targets: TourTargets
  data: TourData
  /** A new ClientSession for each connection (the page uses the browser's WebSocket, tests a fake bridge). */
  makeSession: () => ClientSession
  /** How long to wait for each answer (default 5 s). */
  timeoutMs?: number
  /** The framing step's pause between the two halves, so each arrives as its own read (default 250 ms). */
  halfDelayMs?: number
}

/** The connections each step opens: A alone, or A and B at once; the framing step uses framing runs. */
const CLIENTS: Readonly<Record<TourStep, readonly Who[]>> = {
  sockets: ['A'],
  messages: ['A'],
  codes: ['A'],
  framing: [],
  concurrency: ['A', 'B'],
}

/** Runs one step's experiment live; every ClientSession keeps its log for the page to show. */
export class TourRun extends SnapshotStore<TourRunState> {
  /** The step's connections, by name, each with its own ClientSession. */
  readonly clients: Readonly<Partial<Record<Who, TourClient>>>
  /** The framing step's two columns: naive and json, each its own connection. */
  readonly framing: { naive: FramingColumnRun; json: FramingColumnRun } | undefined
  private stopped = false

  constructor(
    readonly step: TourStep,
    private readonly options: TourRunOptions,
  ) {
    super({ phase: 'running', trace: [] })
    const clients: Partial<Record<Who, TourClient>> = {}
    for (const who of CLIENTS[step]) clients[who] = new TourClient(options.makeSession(), options)
    this.clients = clients
    const { naive, json } = options.targets
    this.framing =
      step === 'framing' && naive && json
        ? { naive: this.framingColumn(naive), json: this.framingColumn(json) }
        : undefined
  }

  /** The fresh emails and phone this run uses. */
  get data(): TourData {
    return this.options.data
  }

  /** Runs the step's script; it ends done, or failed with the trouble that stopped it. */
  start(): void {
    this.script().then(
      () => this.end({ phase: 'done' }),
      (err: unknown) => {
        if (err instanceof TourTrouble) return this.end({ phase: 'failed', trouble: err.trouble })
        // A programmer error: the page still says the try-it failed instead of spinning.
        this.end({ phase: 'failed', trouble: { kind: 'unreadable' } })
        throw err
      },
    )
  }

  /** Closes every connection and ignores what comes later (a newer run replaces this one). */
  stop(): void {
    this.stopped = true
    this.closeAll()
  }

  private script(): Promise<void> {
    switch (this.step) {
      case 'sockets':
        return this.sockets()
      case 'messages':
        return this.messages()
      case 'codes':
        return this.codes()
      case 'framing':
        return this.framingScript()
      case 'concurrency':
        return this.concurrency()
    }
  }

  // Open, look at both ends, close: the page's close makes the bridge send FIN to the server.
  private async sockets(): Promise<void> {
    await this.open('A')
    this.client('A').close()
  }

  private async messages(): Promise<void> {
    const { email } = this.options.data
    await this.open('A')
    await this.ask('A', tourText('CRIAR USUARIO', email))
    await this.ask('A', tourText('CONSULTAR USUARIO', email))
    this.client('A').close()
  }

  // The unknown user first; then a CRIAR that succeeds, so the same CRIAR again is a conflict.
  private async codes(): Promise<void> {
    const { data } = this.options
    await this.open('A')
    const [unknown, ...rest] = PROBES
    await this.ask('A', probeText(unknown, data), unknown)
    await this.ask('A', tourText('CRIAR USUARIO', data.email))
    for (const probe of rest) await this.ask('A', probeText(probe, data), probe)
    this.client('A').close()
  }

  private async framingScript(): Promise<void> {
    if (!this.framing) throw new TourTrouble({ kind: 'no-target' })
    await Promise.all([finished(this.framing.naive.run), finished(this.framing.json.run)])
  }

  // A and B are both open before A writes: B reads A's Telefone over its own, simultaneous connection.
  private async concurrency(): Promise<void> {
    const { email, phone } = this.options.data
    await Promise.all([this.open('A'), this.open('B')])
    await this.ask('A', tourText('CRIAR USUARIO', email))
    await this.ask('A', tourText('MODIFICAR USUARIO', email, { field: 'Telefone', value: phone }))
    await this.ask('B', tourText('CONSULTAR USUARIO', email))
    this.client('A').close()
    this.client('B').close()
  }

  private client(who: Who): TourClient {
    const client = this.clients[who]
    if (!client) throw wlError('WL_ERR_TOUR_CLIENT', `no client ${who}`)
    return client
  }

  private async open(who: Who): Promise<void> {
    const target = this.options.targets.main
    if (!target) throw new TourTrouble({ kind: 'no-target' })
    const ends = await this.client(who).open(target.id, target.framing)
    this.record({ type: 'open', who, ...ends })
  }

  private async ask(who: Who, sent: string, probe?: Probe): Promise<void> {
    const response = await this.client(who).ask(sent)
    this.record({ type: 'exchange', who, sent, response, ...(probe ? { probe } : {}) })
  }

  private framingColumn(target: LabTarget): FramingColumnRun {
    const { options } = this
    const settings = {
      ...DEFAULT_SETTINGS,
      text: tourText('CRIAR USUARIO', options.data.email),
      pieces: 2,
      delayMs: options.halfDelayMs ?? 250,
    }
    const run = new FramingRun(options.makeSession(), {
      bridgeUrl: options.bridgeUrl,
      target: target.target,
      plan: planFor(target.framing, settings),
      setTimer: options.setTimer,
      clearTimer: options.clearTimer,
    })
    return { target, run }
  }

  private closeAll(): void {
    for (const client of Object.values(this.clients)) client.dispose()
    if (this.framing) for (const column of Object.values(this.framing)) column.run.stop()
  }

  private record(item: TraceItem): void {
    if (this.stopped) return
    this.set({ trace: [...this.state.trace, item] })
  }

  private end(change: Pick<TourRunState, 'phase' | 'trouble'>): void {
    if (this.stopped || this.state.phase !== 'running') return
    // Failing closes whatever is still open; a finished script has closed its own connections.
    if (change.phase === 'failed') this.closeAll()
    this.set(change)
  }

  private set(change: Partial<TourRunState>): void {
    this.replace({ ...this.state, ...change })
  }
}

/** Starts a framing run and settles when it has finished; a failed run is the connection's trouble. */
function finished(run: FramingRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = run.getSnapshot()
      if (state.phase !== 'done' && state.phase !== 'failed') return
      off()
      if (state.phase === 'done') resolve()
      else reject(new TourTrouble({ kind: 'closed', reason: state.reason ?? { kind: 'user' } }))
    }
    const off = run.subscribe(check)
    run.start()
    check()
  })
}
