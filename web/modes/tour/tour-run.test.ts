import { describe, expect, it } from 'vitest'
import { dumps } from '../../../shared/codec.ts'
import { CODE, EXPLANATION } from '../../../shared/protocol.ts'
import { FakeBridge } from '../../session/fake-socket.ts'
import { manualTimers } from '../../lib/fake-timers.ts'
import { ClientSession } from '../../session/client-session.ts'
import { targetOptions } from '../../targets/targets.ts'
import { TourRun, tourTargets, type TourTargets } from './tour-run.ts'
import { readCodes, readConcurrency, readFraming, readMessages, readSockets } from './tour.ts'
import type { TourStep } from './tour.ts'

const DATA = { email: 'aluno-abc@escola.br', other: 'colega-xyz@escola.br', phone: '91234567' }
const TARGETS: TourTargets = {
  main: { id: '127.0.0.1:3213', framing: 'json', label: 'json' },
  naive: { id: '127.0.0.1:3216', target: '127.0.0.1:3216', framing: 'naive' },
  json: { id: '127.0.0.1:3213', target: '127.0.0.1:3213', framing: 'json' },
}
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)
const reply = (code: string, explanation: unknown) =>
  dumps({ [CODE]: code, [EXPLANATION]: explanation })
const record = (phone: string | null) => ({
  Nome: null,
  Endereço: null,
  Telefone: phone,
  Email: DATA.email,
})
// Lets the run's awaits continue after each thing the fake bridge does.
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

// A run whose every connection gets its own fake bridge, in the order the run opens them.
function setup(step: TourStep, targets: TourTargets = TARGETS) {
  const bridges: FakeBridge[] = []
  const timers = manualTimers()
  const run = new TourRun(step, {
    bridgeUrl: 'ws://127.0.0.1:8080/ws',
    targets,
    data: DATA,
    makeSession: () => {
      const bridge = new FakeBridge()
      bridges.push(bridge)
      return new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
    },
    ...timers,
  })
  run.start()
  return { bridges, timers, run }
}

// The bridge's side of an open: handshake and `connected`, from a given local port.
function accept(bridge: FakeBridge, port: number) {
  bridge.open()
  bridge.event({
    type: 'connected',
    at: 1,
    local: { address: '127.0.0.1', port },
    remote: { address: '127.0.0.1', port: 3213 },
  })
}

describe('TourRun', () => {
  it('step 1 opens a connection, records both ends, and closes it from the page', async () => {
    const { bridges, run } = setup('sockets')
    expect(bridges).toHaveLength(1)
    const bridge = bridges[0]!
    expect(bridge.urls[0]).toContain('target=127.0.0.1%3A3213')
    expect(run.getSnapshot().phase).toBe('running')
    accept(bridge, 50123)
    await flush()
    expect(run.getSnapshot().phase).toBe('done')
    expect(readSockets(run.getSnapshot().trace)).toEqual({
      local: { address: '127.0.0.1', port: 50123 },
      remote: { address: '127.0.0.1', port: 3213 },
    })
    expect(bridge.closedBy).toEqual({ code: 1000, reason: 'page closed' })
    const events = run.clients.A!.session.log.all().flatMap((e) => (e.kind === 'event' ? [e] : []))
    expect(events.map((e) => e.event.type)).toContain('connected')
    expect(events.at(-1)?.event).toEqual({ type: 'ended', reason: { kind: 'user' } })
  })

  it('step 2 creates the fresh user, then reads its record, on one connection', async () => {
    const { bridges, run } = setup('messages')
    const bridge = bridges[0]!
    accept(bridge, 50000)
    await flush()
    expect(text(bridge.sent[0])).toContain(
      '"CRIAR USUARIO", "EMAIL_USUARIO": "aluno-abc@escola.br"',
    )
    // Answers arrive one byte per message: the framing decoder finds where each ends.
    bridge.data(reply('200', `Novo usuário registrado com email:${DATA.email}`))
    await flush()
    expect(text(bridge.sent[1])).toContain('"CONSULTAR USUARIO"')
    bridge.data(reply('200', record(null)))
    await flush()
    expect(run.getSnapshot().phase).toBe('done')
    expect(readMessages(run.getSnapshot().trace, DATA)).toEqual({
      ok: true,
      created: '200',
      consulted: '200',
    })
    expect(bridge.closedBy?.code).toBe(1000)
  })

  it('step 3 sends the four probes and a setup CRIAR, and reads the codes from the answers', async () => {
    const { bridges, run } = setup('codes')
    const bridge = bridges[0]!
    accept(bridge, 50000)
    const codes = ['404', '200', '409', '400', '400']
    for (const [i, code] of codes.entries()) {
      await flush()
      expect(bridge.sent).toHaveLength(i + 1)
      bridge.chunk(reply(code, `answer ${i}`))
    }
    await flush()
    expect(bridge.sent.map(text)).toEqual([
      expect.stringContaining('"CONSULTAR USUARIO", "EMAIL_USUARIO": "colega-xyz'),
      expect.stringContaining('"CRIAR USUARIO", "EMAIL_USUARIO": "aluno-abc'),
      expect.stringContaining('"CRIAR USUARIO", "EMAIL_USUARIO": "aluno-abc'),
      expect.not.stringContaining('EMAIL_USUARIO'),
      expect.stringMatching(/,}$/),
    ])
    expect(run.getSnapshot().phase).toBe('done')
    expect(readCodes(run.getSnapshot().trace)).toEqual({
      kind: 'precise',
      codes: { unknown: '404', conflict: '409', missing: '400', broken: '400' },
    })
  })

  it('step 4 sends the same request in two halves to naive and json, and waits for both', async () => {
    const { bridges, timers, run } = setup('framing')
    expect(bridges).toHaveLength(2)
    const [naive, json] = bridges as [FakeBridge, FakeBridge]
    expect(naive.urls[0]).toContain('3216')
    accept(naive, 50001)
    accept(json, 50002)
    // Each first half went out on open; the timers send the second halves 250 ms later.
    expect(naive.sent).toHaveLength(1)
    expect(timers.fire()).toBe(250)
    expect(timers.fire()).toBe(250)
    expect(text(new Uint8Array([...naive.sent[0]!, ...naive.sent[1]!]))).toContain('CRIAR USUARIO')
    naive.chunk(reply('400', 'meia mensagem'))
    naive.chunk(reply('400', 'outra metade'))
    json.chunk(reply('200', `Novo usuário registrado com email:${DATA.email}`))
    // naive ends on silence; json ended with its one answer.
    expect(timers.fire()).toBe(700)
    await flush()
    expect(run.getSnapshot().phase).toBe('done')
    const { naive: left, json: right } = run.framing!
    expect(left.target.framing).toBe('naive')
    expect(readFraming(left.run.getSnapshot().codes, right.run.getSnapshot().codes)).toBe(
      'as-expected',
    )
  })

  it('step 5 opens A and B together; B reads the Telefone A wrote', async () => {
    const { bridges, run } = setup('concurrency')
    const [a, b] = bridges as [FakeBridge, FakeBridge]
    accept(a, 50001)
    await flush()
    // A waits for B: nothing is written until both connections are open.
    expect(a.sent).toHaveLength(0)
    accept(b, 50002)
    await flush()
    expect(text(a.sent[0])).toContain('"CRIAR USUARIO"')
    a.chunk(reply('200', 'Novo'))
    await flush()
    expect(text(a.sent[1])).toContain('"CAMPO": "Telefone", "VALOR": "91234567"')
    a.chunk(reply('200', 'atualizado'))
    await flush()
    expect(b.sent).toHaveLength(1)
    expect(text(b.sent[0])).toContain('"CONSULTAR USUARIO"')
    b.chunk(reply('200', record(DATA.phone)))
    await flush()
    expect(run.getSnapshot().phase).toBe('done')
    expect(readConcurrency(run.getSnapshot().trace, DATA)).toMatchObject({
      ok: true,
      ports: { A: 50001, B: 50002 },
    })
    expect(a.closedBy?.code).toBe(1000)
    expect(b.closedBy?.code).toBe(1000)
  })
})

describe('TourRun trouble', () => {
  it('fails with the reason when the bridge cannot be reached', async () => {
    const { bridges, run } = setup('messages')
    // The WebSocket closes before it ever opened: no bridge there.
    bridges[0]!.close(1006)
    await flush()
    expect(run.getSnapshot()).toMatchObject({
      phase: 'failed',
      trouble: { kind: 'closed', reason: { kind: 'unreachable' } },
    })
  })

  it('fails with the TCP error when the server is down', async () => {
    const { bridges, run } = setup('concurrency')
    const [a, b] = bridges as [FakeBridge, FakeBridge]
    a.open()
    a.event({ type: 'error', at: 1, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })
    a.close(4002, 'cannot connect')
    await flush()
    expect(run.getSnapshot()).toMatchObject({
      phase: 'failed',
      trouble: { kind: 'closed', reason: { kind: 'closed', code: 4002, errno: 'ECONNREFUSED' } },
    })
    // B, still connecting, is closed too.
    expect(b.closedBy?.code).toBe(1000)
  })

  it('fails when an answer does not come in time, and closes the connection', async () => {
    const { bridges, timers, run } = setup('messages')
    accept(bridges[0]!, 50000)
    await flush()
    expect(timers.fire()).toBe(5000)
    await flush()
    expect(run.getSnapshot()).toMatchObject({ phase: 'failed', trouble: { kind: 'timeout' } })
    expect(bridges[0]!.closedBy?.code).toBe(1000)
  })

  it('fails when the server answers something that is not a response', async () => {
    const { bridges, run } = setup('messages')
    accept(bridges[0]!, 50000)
    await flush()
    bridges[0]!.chunk('{"hello": "world"}')
    await flush()
    expect(run.getSnapshot()).toMatchObject({ phase: 'failed', trouble: { kind: 'unreadable' } })
  })

  it('fails at once when the bridge offers no server for the step', async () => {
    const { bridges, run } = setup('framing', { main: TARGETS.main })
    await flush()
    expect(bridges).toHaveLength(0)
    expect(run.getSnapshot()).toMatchObject({ phase: 'failed', trouble: { kind: 'no-target' } })
    const sockets = setup('sockets', {})
    await flush()
    expect(sockets.run.getSnapshot().trouble).toEqual({ kind: 'no-target' })
  })

  it('ignores everything after stop, and closes its connections', async () => {
    const { bridges, run } = setup('messages')
    accept(bridges[0]!, 50000)
    await flush()
    run.stop()
    await flush()
    expect(bridges[0]!.closedBy?.code).toBe(1000)
    expect(run.getSnapshot()).toEqual({ phase: 'running', trace: [expect.anything()] })
  })
})

describe('tourTargets', () => {
  it("picks the lesson's json port for requests, and the first naive and json ports", () => {
    const options = targetOptions({
      targets: [
        { host: '127.0.0.1', from: 3216, to: 3216, framing: 'naive' },
        { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json' },
        { host: '10.0.0.5', from: 3213, to: 3213, framing: 'json' },
        { host: '192.168.0.0', from: 3000, to: 3100, label: 'alunos' },
      ],
    })
    expect(tourTargets(options)).toEqual({
      main: { id: '127.0.0.1:3213', framing: 'json', label: '127.0.0.1:3213 — json' },
      naive: { id: '127.0.0.1:3216', target: '127.0.0.1:3216', framing: 'naive' },
      json: { id: '127.0.0.1:3213', target: '127.0.0.1:3213', framing: 'json' },
    })
  })

  it('offers nothing for an allow-list of port ranges only', () => {
    const options = targetOptions({ targets: [{ host: '10.0.0.1', from: 3000, to: 3100 }] })
    expect(tourTargets(options)).toEqual({})
  })
})
