import { describe, expect, it } from 'vitest'
import { FakeBridge } from '../../session/fake-socket.ts'
import { ClientSession } from '../../session/client-session.ts'
import {
  LogFile,
  exportFileName,
  exportLog,
  importLog,
  paneLogOf,
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
