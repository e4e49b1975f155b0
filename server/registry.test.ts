// Every registry keeps the same contract: in memory, in a data file, and as a workspace of either.
import { describe, expect, test } from 'vitest'
import { FIELDS } from '../shared/protocol.ts'
import { MemoryRegistry, type Registry } from './registry.ts'
import { openSqliteData, type SqliteData } from './registry-sqlite.ts'
import { UNUSUAL, useDataDir } from './registry-test-helpers.ts'
import { Workspaces } from './workspaces.ts'

const data = useDataDir()

/** A workspace's registry as a connection gets it, over memory or a new data file. */
function workspaceView(store?: SqliteData) {
  return new Workspaces(store === undefined ? {} : { store: data.track(store) }).enter(
    'ip:10.0.0.1',
  )
}

describe.each([
  ['MemoryRegistry', (): Registry => new MemoryRegistry()],
  ['SqliteRegistry', (): Registry => data.openNew()],
  ['WorkspaceRegistry over memory', (): Registry => workspaceView()],
  [
    'WorkspaceRegistry over a data file',
    (): Registry => workspaceView(openSqliteData(data.path())),
  ],
])('%s', (_name, make) => {
  test('create gives an empty record keyed by its email; get and has find it', () => {
    const r = make()
    expect(r.get('eu@gmail.com')).toBeUndefined()
    expect(r.has('eu@gmail.com')).toBe(false)
    expect(r.create('eu@gmail.com')).toEqual({
      Nome: null,
      Endereço: null,
      Telefone: null,
      Email: 'eu@gmail.com',
    })
    expect(r.has('eu@gmail.com')).toBe(true)
    expect(Object.keys(r.get('eu@gmail.com')!)).toEqual([...FIELDS])
    expect(r.size).toBe(1)
  })

  test('remove deletes once', () => {
    const r = make()
    r.create('a')
    r.create('b')
    expect(r.remove('a')).toBe(true)
    expect(r.remove('a')).toBe(false)
    expect(r.get('a')).toBeUndefined()
    expect(r.size).toBe(1)
  })

  test('update sets one field and keeps the key order', () => {
    const r = make()
    r.create('eu')
    r.update('eu', 'Telefone', '3218181')
    r.update('eu', 'Nome', 'Cabron')
    r.update('eu', 'Endereço', 'Rua Ç, 1')
    const record = r.get('eu')!
    expect(record).toEqual({
      Nome: 'Cabron',
      Endereço: 'Rua Ç, 1',
      Telefone: '3218181',
      Email: 'eu',
    })
    expect(Object.keys(record)).toEqual([...FIELDS])
  })

  test('update of Email moves the record to the new key with its fields', () => {
    const r = make()
    r.create('eu@gmail.com')
    r.update('eu@gmail.com', 'Nome', 'Ana')
    r.update('eu@gmail.com', 'Email', 'meu@gmail.com')
    expect(r.has('eu@gmail.com')).toBe(false)
    expect(r.get('meu@gmail.com')).toEqual({
      Nome: 'Ana',
      Endereço: null,
      Telefone: null,
      Email: 'meu@gmail.com',
    })
    expect(r.size).toBe(1)
  })

  test('update of Email to the same email keeps the user', () => {
    const r = make()
    r.create('eu')
    r.update('eu', 'Email', 'eu')
    expect(r.get('eu')).toMatchObject({ Email: 'eu' })
    expect(r.size).toBe(1)
  })

  // handle.ts refuses these first; the registry itself accepts them as the Map does.
  test('create over a user and rename onto a user overwrite it, as Map.set does', () => {
    const r = make()
    r.create('a')
    r.update('a', 'Nome', 'A')
    r.create('a')
    expect(r.get('a')).toEqual({ Nome: null, Endereço: null, Telefone: null, Email: 'a' })
    r.update('a', 'Nome', 'A')
    r.create('b')
    r.update('a', 'Email', 'b')
    expect(r.get('b')).toEqual({ Nome: 'A', Endereço: null, Telefone: null, Email: 'b' })
    expect(r.has('a')).toBe(false)
    expect(r.size).toBe(1)
  })

  test('update of an unknown user throws WL_ERR_NO_USER', () => {
    const r = make()
    expect(() => r.update('nobody', 'Nome', 'x')).toThrow(
      expect.objectContaining({ code: 'WL_ERR_NO_USER' }),
    )
  })

  test('__proto__, empty, case, NUL, lone surrogates and long strings are ordinary, distinct keys', () => {
    const r = make()
    for (const email of UNUSUAL) r.create(email)
    expect(r.size).toBe(UNUSUAL.length)
    expect(r.has('eu@gmail.com')).toBe(false)
    expect(r.has('\ufffd')).toBe(false)
    for (const [i, email] of UNUSUAL.entries()) {
      const value = `${UNUSUAL[(i + 1) % UNUSUAL.length]}|${email}`
      r.update(email, FIELDS[i % 3]!, value)
      expect(r.get(email)![FIELDS[i % 3]!]).toBe(value)
      expect(r.get(email)!.Email).toBe(email)
    }
    r.update('\ud800', 'Email', '\udc00\ud800')
    expect(r.get('\udc00\ud800')?.Email).toBe('\udc00\ud800')
    expect(r.has('\ud800')).toBe(false)
    expect(r.remove('__proto__')).toBe(true)
    expect(r.has('__proto__')).toBe(false)
    expect(r.size).toBe(UNUSUAL.length - 1)
  })
})
