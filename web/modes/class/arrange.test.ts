import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../../i18n/all-messages.ts'
import { arrange, classCounts, codeCounts, compareAddresses, workspaceRows } from './arrange.ts'
import { connectionOf, snapshotOf } from './class-fixtures.ts'
import { ago, clientLabel, endSentence, errorSentence, workspaceName } from './class-text.ts'

const T0 = 1_750_000_000_000
const ended = { at: T0 + 500, code: 1000, reason: 'page closed' }
const a1 = connectionOf(1, { address: '10.0.0.10', client: 'aaaaaa-B' })
const a2 = connectionOf(2, { address: '10.0.0.10', client: 'aaaaaa-A', ended })
const b3 = connectionOf(3, {
  address: '10.0.0.9',
  answers: { '200': 2, '404': 3 },
  lastAnswer: { at: T0 + 100, code: '404', text: 'x' },
})
const c4 = connectionOf(4, {
  address: '10.0.0.9',
  lastError: { kind: 'close', at: T0 + 900, code: 4007, reason: 'idle' },
  lastRequest: { at: T0 + 900, text: 'CRIAR USUARIO x@y.z' },
})
const all = [a1, a2, b3, c4]
const ids = (groups: ReturnType<typeof arrange>) =>
  groups.map((g) => g.connections.map((c) => c.id))

describe('arranging the class', () => {
  it('groups by computer in address order, open ones first, then by client id', () => {
    const groups = arrange(all, 'computer', true)
    expect(groups.map((g) => [g.address, g.open])).toEqual([
      ['10.0.0.9', 2],
      ['10.0.0.10', 1],
    ])
    expect(ids(groups)).toEqual([
      [3, 4],
      [1, 2],
    ])
    expect(ids(arrange(all, 'computer', false))).toEqual([[3, 4], [1]])
  })

  it('lists by latest activity, or by trouble, open ones first', () => {
    expect(ids(arrange(all, 'activity', true))).toEqual([[4, 3, 1, 2]])
    expect(ids(arrange(all, 'trouble', true))).toEqual([[3, 4, 1, 2]])
    expect(arrange([], 'activity', true)).toEqual([])
  })

  it('orders IPv4 addresses by number, others after', () => {
    const list = ['10.0.0.10', '::1', '10.0.0.9', '127.0.0.1'].sort(compareAddresses)
    expect(list).toEqual(['10.0.0.9', '10.0.0.10', '127.0.0.1', '::1'])
  })

  it('counts open connections, their computers, and the ended ones', () => {
    expect(classCounts(snapshotOf(all))).toEqual({ open: 3, computers: 2, ended: 1 })
  })

  it('lists codes in numeric order and workspaces with their users and open pages', () => {
    expect(codeCounts({ '404': 3, '200': 2, '1000': 1, '500': 0 })).toEqual([
      ['200', 2],
      ['404', 3],
      ['1000', 1],
    ])
    const snapshot = {
      ...snapshotOf([...all, connectionOf(5, { workspace: 'group:g1' })]),
      workspaces: [
        { name: 'ip:10.0.0.1', users: 4 },
        { name: 'ip:127.0.0.1', users: 1 },
      ],
    }
    expect(workspaceRows(snapshot)).toEqual([
      { name: 'ip:127.0.0.1', users: 1, open: 3 },
      { name: 'group:g1', users: 0, open: 1 },
      { name: 'ip:10.0.0.1', users: 4, open: 0 },
    ])
  })
})

describe('the class view in words', () => {
  const pt = MESSAGES.pt
  const en = MESSAGES.en

  it("names a page by its tab and pane or mode, else by what it sent or the connection's number", () => {
    expect(clientLabel({ id: 1, client: 'k3j9x2-A' }, pt)).toBe('k3j9x2 · Cliente A')
    expect(clientLabel({ id: 1, client: 'k3j9x2-tour' }, en)).toBe('k3j9x2 · Guided tour')
    expect(clientLabel({ id: 1, client: 'my_own-client' }, pt)).toBe('my_own-client')
    expect(clientLabel({ id: 1, client: 'k3j9x2-zzz' }, pt)).toBe('k3j9x2-zzz')
    expect(clientLabel({ id: 9 }, pt)).toBe('Conexão 9')
  })

  it('says how long ago', () => {
    expect(ago(-20, pt)).toBe('agora')
    expect(ago(12_400, pt)).toBe('há 12 s')
    expect(ago(3 * 60_000 + 5, en)).toBe('3 min ago')
    expect(ago(2 * 3_600_000, pt)).toBe('há 2 h')
  })

  it('puts last errors and ends in words, by close code', () => {
    expect(endSentence(1000, 'page closed', pt)).toBe('o aluno desconectou.')
    expect(endSentence(4007, 'idle', pt)).toBe('Conexão encerrada por inatividade (4007).')
    expect(errorSentence({ kind: 'close', at: 0, code: 4001, reason: 'x' }, en)).toBe(
      'The TCP server reset the connection (4001).',
    )
    expect(errorSentence({ kind: 'answer', at: 0, code: '404', text: 'Usuário' }, pt)).toBe(
      'Usuário',
    )
    expect(errorSentence({ kind: 'undecodable', at: 0, text: 'garbage: 12 bytes' }, pt)).toBe(
      'Bytes descartados: não iniciam um valor JSON. (12 bytes)',
    )
    expect(errorSentence({ kind: 'undecodable', at: 0, text: 'odd' }, en)).toBe(
      'bytes that make no message (odd)',
    )
  })

  it('names workspaces for the teacher', () => {
    expect(workspaceName({ kind: 'computer', address: '10.0.0.9' }, pt)).toBe('computador 10.0.0.9')
    expect(workspaceName({ kind: 'group', name: 'g1' }, en)).toBe('group g1')
    expect(workspaceName({ kind: 'class' }, pt)).toBe('a turma inteira')
  })
})
