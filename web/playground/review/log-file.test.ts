import { describe, expect, it } from 'vitest'
import { FakeBridge } from '../../session/fake-socket.ts'
import { ClientSession } from '../../session/client-session.ts'
import { ENTRY_OVERHEAD } from '../../log/budget.ts'
import { en } from '../../i18n/en.ts'
import { pt } from '../../i18n/pt.ts'
import { reviewSession } from '../use-playground.ts'
import { importFailureText } from './import-failure.ts'
import {
  LogFile,
  MAX_IMPORT_BYTES,
  exportFileName,
  exportLog,
  importLog,
  paneLogOf,
  readLogFile,
  type ImportError,
  type PaneLog,
} from './log-file.ts'

const ANSWER = '{"CODIGO DE ERRO": "404", "EXPLICA\\u00c7\\u00c3O": "x"}'

// A ClientSession that connected, sent a request, got one answer in two chunks plus garbage, and closed.
function connectedSession(): ClientSession {
  const bridge = new FakeBridge()
  const session = new ClientSession({ socket: bridge.factory, log: { schedule: () => {} } })
  session.connect('ws://127.0.0.1:8080/ws', '127.0.0.1:3213', 'json')
  bridge.accept()
  session.send('{"SERVI\\u00c7O": "Dados Pessoais"}')
  bridge.chunk(ANSWER.slice(0, 9))
  bridge.chunk(`${ANSWER.slice(9)} oops`)
  bridge.event({ type: 'fin', at: 3, bytes: { toTarget: 30, fromTarget: 60 } })
  bridge.close(4000, 'target closed')
  return session
}

const pane = (): PaneLog => paneLogOf('A', connectedSession())

describe('exportLog and importLog', () => {
  it('round-trips every entry: bytes, marks, decoded views, events and timings', () => {
    const a = pane()
    const b: PaneLog = { name: 'B', target: null, framing: 'length', entries: [] }
    const text = exportLog([a, b], new Date('2026-11-25T13:30:00Z'))
    const file = LogFile.parse(JSON.parse(text))
    expect(file.exportedAt).toBe('2026-11-25T13:30:00.000Z')
    expect(file.panes[0]!.entries[0]).toEqual({
      kind: 'event',
      t: 0,
      event: { type: 'session', target: '127.0.0.1:3213', framing: 'json' },
    })
    const back = importLog(text)
    if (!back.ok) throw new Error(JSON.stringify(back.error))
    expect(back.panes).toEqual([a, b])
    const kinds = back.panes[0]!.entries.map((e) => e.kind)
    expect(kinds.filter((k) => k === 'message')).toHaveLength(3)
    expect(exportLog(back.panes, new Date('2026-11-25T13:30:00Z'))).toBe(text)
  })

  it('keeps the restored-session flag', () => {
    const a = pane()
    const entries = a.entries.map((e) => ({ ...e, previous: true }))
    const back = importLog(exportLog([{ ...a, entries }]))
    expect(back.ok && back.panes[0]!.entries.every((e) => e.previous)).toBe(true)
  })

  it('refuses text that is not JSON, JSON that is not a log, and other versions', () => {
    expect(importLog('{nope')).toEqual({ ok: false, error: { kind: 'not-json' } })
    expect(importLog('{"panes": []}')).toEqual({ ok: false, error: { kind: 'not-log' } })
    expect(importLog('{"format": "wire-lab-log", "version": 2}')).toEqual({
      ok: false,
      error: { kind: 'version', version: 2 },
    })
  })

  it('says where a file breaks the schema', () => {
    const file = JSON.parse(exportLog([pane()]))
    const at = file.panes[0].entries.findIndex((e: { kind: string }) => e.kind === 'chunk')
    file.panes[0].entries[at].hex = 'zz'
    const result = importLog(JSON.stringify(file))
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid', path: `panes[0].entries[${at}].hex` },
    })
    file.panes[0].entries[at].hex = '00'
    file.panes.push({ ...file.panes[0] })
    expect(importLog(JSON.stringify(file))).toMatchObject({
      ok: false,
      error: { kind: 'invalid', path: 'panes', message: 'duplicate pane' },
    })
  })

  it('takes the target from the connection, else from the last session', () => {
    const session = connectedSession()
    expect(paneLogOf('B', session)).toMatchObject({
      name: 'B',
      target: '127.0.0.1:3213',
      framing: 'json',
    })
    const fresh = new ClientSession({
      socket: new FakeBridge().factory,
      log: { schedule: () => {} },
    })
    expect(paneLogOf('A', fresh)).toMatchObject({ target: null, entries: [] })
  })

  it('names the download after the local date and time', () => {
    expect(exportFileName(new Date(2026, 10, 5, 9, 7))).toBe('wire-lab-2026-11-05-0907.json')
  })
})

describe('the limits of a log file', () => {
  const at = new Date('2026-11-25T13:30:00Z')
  // A pane whose log holds `n` events, t = 0..n-1.
  const events = (name: 'A' | 'B', n: number): PaneLog => {
    const session = new ClientSession({
      socket: new FakeBridge().factory,
      log: { schedule: () => {} },
    })
    for (let i = 0; i < n; i++) session.log.event({ type: 'ws-open' }, i)
    return paneLogOf(name, session)
  }

  it('refuses a file past the limit before reading it, with its size and the limit', async () => {
    let read = false
    const file = {
      size: MAX_IMPORT_BYTES + 1,
      text: () => {
        read = true
        return Promise.resolve('{}')
      },
    }
    expect(await readLogFile(file)).toEqual({
      ok: false,
      error: { kind: 'too-large', size: MAX_IMPORT_BYTES + 1, max: MAX_IMPORT_BYTES },
    })
    expect(read).toBe(false)
    const failure = {
      fileName: 'big.json',
      error: { kind: 'too-large', size: 195_035_136, max: MAX_IMPORT_BYTES },
    } as const
    expect(importFailureText(failure, pt)).toBe(
      'Não foi possível importar big.json: o arquivo tem 186 MiB; esta página importa registros de até 64 MiB.',
    )
    expect(importFailureText(failure, en)).toBe(
      'Could not import big.json: the file is 186 MiB; this page imports logs of up to 64 MiB.',
    )
  })

  it('reads a small file that was chosen', async () => {
    const text = exportLog([pane()], at)
    const result = await readLogFile({ size: text.length, text: () => Promise.resolve(text) })
    expect(result.ok).toBe(true)
  })

  it('says what is wrong with a version given as text, or missing, instead of "version 1 is not 1"', () => {
    const result = importLog('{"format": "wire-lab-log", "version": "1"}')
    expect(result).toEqual({ ok: false, error: { kind: 'version', version: '1' } })
    const text = (error: ImportError) => importFailureText({ fileName: 'a.json', error }, pt)
    if (result.ok) throw new Error('imported')
    expect(text(result.error)).toBe(
      'Não foi possível importar a.json: a versão do formato está escrita como texto ("1"); esta página lê a versão 1, escrita como o número 1.',
    )
    expect(text({ kind: 'version', version: undefined })).toBe(
      'Não foi possível importar a.json: o arquivo não diz a versão do formato; esta página lê a versão 1.',
    )
    expect(text({ kind: 'version', version: 2 })).toBe(
      'Não foi possível importar a.json: o arquivo usa a versão 2 do formato; esta página lê a versão 1.',
    )
  })

  it('keeps the newest entries of each pane within the live log caps, and counts the rest', () => {
    const text = exportLog([events('A', 10), events('B', 2)], at)
    const result = importLog(text, { maxEntries: 4, maxBytes: 1 << 20 })
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    const [a, b] = result.panes
    expect(a!.entries.map((e) => [e.id, e.t])).toEqual([
      [1, 6],
      [2, 7],
      [3, 8],
      [4, 9],
    ])
    expect(a!.dropped).toEqual({ entries: 6, bytes: 6 * ENTRY_OVERHEAD })
    expect(b!.entries).toHaveLength(2)
    expect(b!.dropped).toBeUndefined()
    // The byte cap as well: room for three events.
    const bytes = importLog(text, { maxEntries: 100, maxBytes: 3.5 * ENTRY_OVERHEAD })
    expect(bytes.ok && bytes.panes[0]!.entries.map((e) => e.t)).toEqual([7, 8, 9])
  })

  it('writes each pane within its share of the limit, newest first, so the page reads what it wrote', () => {
    const max = 20_000
    const text = exportLog([events('A', 500), events('B', 3)], at, max)
    expect(text.length).toBeLessThanOrEqual(max)
    const result = importLog(text)
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    const [a, b] = result.panes
    expect(a!.entries.at(-1)!.t).toBe(499)
    expect(a!.entries.length + a!.dropped!.entries).toBe(500)
    expect(a!.dropped!.bytes).toBe(a!.dropped!.entries * ENTRY_OVERHEAD)
    expect(b!.entries).toHaveLength(3)
  })

  it('carries the dropped entries of a live log entries into the file and into the review', () => {
    const session = new ClientSession({
      socket: new FakeBridge().factory,
      log: { schedule: () => {}, maxEntries: 10 },
    })
    for (let i = 0; i < 30; i++) session.log.event({ type: 'ws-open' }, i)
    const live = paneLogOf('A', session)
    expect(live.dropped!.entries).toBeGreaterThan(0)
    const result = importLog(exportLog([live], at))
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    expect(result.panes[0]!.dropped).toEqual(live.dropped)
    const review = reviewSession(result.panes[0]!.entries, result.panes[0]!.dropped)
    review.log.flush()
    expect(review.log.getSnapshot()).toMatchObject({
      dropped: live.dropped!.entries,
      droppedBytes: live.dropped!.bytes,
      total: live.entries.length,
    })
  })
})
