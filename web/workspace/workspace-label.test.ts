import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../session/connection.ts'
import { MESSAGES } from '../i18n/all-messages.ts'
import {
  pendingGroup,
  workspaceOfConnection,
  workspaceOfKey,
  workspaceSentence,
} from './workspace-label.ts'

const open = (group?: string): ConnectionState => ({
  status: 'open',
  target: '127.0.0.1:3213',
  proxy: { source: { address: '192.168.0.23', port: 50123 }, ...(group && { group }) },
})

describe('workspace labels', () => {
  it("names the computer's workspace, or the group's, from the bridge's PROXY event", () => {
    expect(workspaceOfConnection(open())).toEqual({ kind: 'computer', address: '192.168.0.23' })
    expect(workspaceOfConnection(open('grupo-3'))).toEqual({ kind: 'group', name: 'grupo-3' })
  })

  it('names none for another target (no PROXY event) or a connection not open', () => {
    expect(workspaceOfConnection({ status: 'open', target: '192.168.0.42:4000' })).toBeUndefined()
    expect(workspaceOfConnection({ ...open(), status: 'closed' })).toBeUndefined()
    expect(workspaceOfConnection({ status: 'connecting' })).toBeUndefined()
  })

  it("reads the server's workspace keys", () => {
    expect(workspaceOfKey('ip:127.0.0.1')).toEqual({ kind: 'computer', address: '127.0.0.1' })
    expect(workspaceOfKey('ip:::1')).toEqual({ kind: 'computer', address: '::1' })
    expect(workspaceOfKey('group:grupo-3')).toEqual({ kind: 'group', name: 'grupo-3' })
    expect(workspaceOfKey('class')).toEqual({ kind: 'class' })
    expect(workspaceOfKey('room:7')).toEqual({ kind: 'other', key: 'room:7' })
  })

  it('says to reconnect when the page chose another group than the connection has', () => {
    expect(pendingGroup(open(), undefined)).toBeUndefined()
    expect(pendingGroup(open('grupo-3'), 'grupo-3')).toBeUndefined()
    expect(pendingGroup(open(), 'grupo-3')).toEqual({ chosen: 'grupo-3' })
    expect(pendingGroup(open('grupo-3'), undefined)).toEqual({ chosen: undefined })
    expect(pendingGroup({ status: 'idle' }, 'grupo-3')).toBeUndefined()
  })

  it('says where the student works, in both languages', () => {
    const pt = MESSAGES.pt
    const en = MESSAGES.en
    expect(workspaceSentence(workspaceOfConnection(open())!, pt)).toBe(
      'este computador (192.168.0.23)',
    )
    expect(workspaceSentence(workspaceOfConnection(open('grupo-3'))!, pt)).toBe('grupo grupo-3')
    expect(workspaceSentence({ kind: 'computer', address: '10.0.0.5' }, en)).toBe(
      'this computer (10.0.0.5)',
    )
    expect(workspaceSentence({ kind: 'class' }, en)).toBe('the whole class')
    expect(en.workspace.reconnectTo('g1')).toBe('Reconnect to join group g1.')
  })
})
