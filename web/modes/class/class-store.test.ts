import { describe, expect, it } from 'vitest'
import { manualTimers } from '../../lib/fake-timers.ts'
import { responseCode } from '../../log/decode/decode.ts'
import { ClassStore, type ClassState } from './class-store.ts'
import { FakeStreams, connectionOf, exchangeOf, fakeFetch, snapshotOf } from './class-fixtures.ts'
import { TEACHER_KEY } from './teacher-key.ts'

const API = 'http://127.0.0.1:8080/api/class'
type Route = () => { status: number; body: unknown } | 'down'

function setup(key: string | undefined = 'k3y') {
  const routes = new Map<string, Route>()
  const { urls, fetcher } = fakeFetch(routes)
  const streams = new FakeStreams()
  const timers = manualTimers()
  const storage = new Map<string, string>(key ? [[TEACHER_KEY, key]] : [])
  const store = new ClassStore({
    apiUrl: API,
    key,
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    events: streams.factory,
    fetch: fetcher,
    now: () => 1_750_000_060_500,
    ...timers,
  })
  // Resolves once the state satisfies `ok`: tests wait for the store, never for the clock.
  const until = (ok: (s: ClassState) => boolean) =>
    new Promise<ClassState>((resolve) => {
      if (ok(store.getSnapshot())) return resolve(store.getSnapshot())
      const stop = store.subscribe(() => {
        if (!ok(store.getSnapshot())) return
        stop()
        resolve(store.getSnapshot())
      })
    })
  return { routes, urls, streams, timers, storage, store, until }
}

const one = snapshotOf([connectionOf(1)])

describe('ClassStore', () => {
  it('without a key asks nothing and says so', () => {
    const { store, urls, streams } = setup('')
    store.start()
    expect(store.getSnapshot()).toMatchObject({ hasKey: false, access: 'no-key', stream: 'off' })
    expect(urls).toEqual([])
    expect(streams.urls).toEqual([])
  })

  it('checks the key, then streams snapshots live, skipping one it cannot read', async () => {
    const { store, routes, urls, streams, until } = setup()
    routes.set('/api/class?key=k3y', () => ({ status: 200, body: one }))
    store.start()
    expect(store.getSnapshot().access).toBe('checking')
    const granted = await until((s) => s.access === 'granted')
    expect(granted.snapshot?.connections.map((c) => c.id)).toEqual([1])
    // The bridge's clock ran 500 ms behind the page's.
    expect(granted.skew).toBe(500)
    expect(urls).toEqual(['/api/class?key=k3y'])
    expect(streams.urls).toEqual([`${API}/events?key=k3y`])
    expect(store.getSnapshot().stream).toBe('connecting')
    streams.open()
    expect(store.getSnapshot().stream).toBe('live')
    streams.snapshot(snapshotOf([connectionOf(1), connectionOf(2)]))
    expect(store.getSnapshot().snapshot?.connections).toHaveLength(2)
    streams.snapshot({ at: 'yesterday' })
    streams.snapshot('{not json')
    expect(store.getSnapshot().snapshot?.connections).toHaveLength(2)
  })

  it('refuses a wrong key: nothing of the class, no stream, and the key forgotten', async () => {
    const { store, routes, streams, storage, until } = setup()
    routes.set('/api/class?key=k3y', () => ({ status: 401, body: { error: 'key' } }))
    store.start()
    const refused = await until((s) => s.access === 'refused')
    expect(refused).toMatchObject({ hasKey: false, stream: 'off' })
    expect(refused.snapshot).toBeUndefined()
    expect(streams.urls).toEqual([])
    expect(storage.has(TEACHER_KEY)).toBe(false)
  })

  it('rides out a dropped stream, and learns of a new key when the closed stream is checked again', async () => {
    const { store, routes, streams, timers, until } = setup()
    let status = 200
    routes.set('/api/class?key=k3y', () => ({ status, body: one }))
    store.start()
    await until((s) => s.access === 'granted')
    streams.open()
    streams.error(false)
    expect(store.getSnapshot().stream).toBe('reconnecting')
    expect(timers.size).toBe(0)
    streams.open()
    expect(store.getSnapshot().stream).toBe('live')
    // npm start restarted with another key: the EventSource's reconnect got 401 and closed.
    status = 401
    streams.error(true)
    expect(streams.closed).toBe(1)
    expect(store.getSnapshot()).toMatchObject({ stream: 'reconnecting', access: 'granted' })
    expect(timers.fire()).toBe(3000)
    const refused = await until((s) => s.access === 'refused')
    expect(refused.snapshot).toBeUndefined()
  })

  it('retries an unreachable bridge, and a typed key replaces a refused one', async () => {
    const { store, routes, timers, storage, until } = setup()
    let down = true
    routes.set('/api/class?key=k3y', () => (down ? 'down' : { status: 401, body: {} }))
    routes.set('/api/class?key=good%20key', () => ({ status: 200, body: one }))
    store.start()
    await until((s) => s.access === 'unreachable')
    down = false
    timers.fire()
    await until((s) => s.access === 'refused')
    store.setKey('  good key ')
    expect(store.getSnapshot()).toMatchObject({ hasKey: true, access: 'checking' })
    expect(storage.get(TEACHER_KEY)).toBe('good key')
    await until((s) => s.access === 'granted')
  })

  it('says so when the bridge answers what the page cannot read', async () => {
    const { store, routes, until } = setup()
    routes.set('/api/class?key=k3y', () => ({ status: 200, body: { connections: 'none' } }))
    store.start()
    await until((s) => s.access === 'incompatible')
  })

  it("opens a student's exchange read-only and follows it without repeating what it showed", async () => {
    const { store, routes, streams, timers, urls, until } = setup()
    const first = connectionOf(1)
    routes.set('/api/class?key=k3y', () => ({ status: 200, body: snapshotOf([first]) }))
    let upTo = 3
    routes.set('/api/class/exchange/1?key=k3y', () => ({
      status: 200,
      body: exchangeOf(first, upTo),
    }))
    store.start()
    await until((s) => s.access === 'granted')
    store.open(1)
    expect(store.getSnapshot().exchange).toMatchObject({ id: 1, status: 'loading', follow: true })
    const ready = await until((s) => s.exchange?.status === 'ready')
    const log = ready.exchange!.session.log
    expect(log.all().filter((e) => e.kind === 'chunk')).toHaveLength(1)

    // The snapshot says the connection moved on: fetched again after a short while, news only.
    upTo = 5
    streams.snapshot(snapshotOf([{ ...first, bytes: { toTarget: 80, fromTarget: 80 } }]))
    expect(timers.fire()).toBe(500)
    await until((s) => s.exchange !== ready.exchange && s.exchange?.status === 'ready')
    expect(log.all().filter((e) => e.kind === 'chunk')).toHaveLength(3)
    const messages = log.all().flatMap((e) => (e.kind === 'message' ? [e] : []))
    expect(messages.map((m) => [m.dir, responseCode(m.view)])).toEqual([
      ['sent', undefined],
      ['received', '404'],
    ])
    expect(urls.filter((u) => u.includes('exchange'))).toHaveLength(2)

    // An unchanged connection is not fetched again; neither is one no longer followed.
    streams.snapshot(snapshotOf([{ ...first, bytes: { toTarget: 80, fromTarget: 80 } }]))
    expect(timers.size).toBe(0)
    store.setFollow(false)
    streams.snapshot(snapshotOf([{ ...first, bytes: { toTarget: 90, fromTarget: 80 } }]))
    expect(timers.size).toBe(0)

    store.close()
    expect(store.getSnapshot().exchange).toBeUndefined()
  })

  it('says when an exchange is no longer kept', async () => {
    const { store, routes, until } = setup()
    routes.set('/api/class?key=k3y', () => ({ status: 200, body: one }))
    store.start()
    await until((s) => s.access === 'granted')
    store.open(7)
    await until((s) => s.exchange?.status === 'gone')
  })

  it('stops: the stream closed, its late events ignored', async () => {
    const { store, routes, streams, until } = setup()
    routes.set('/api/class?key=k3y', () => ({ status: 200, body: one }))
    store.start()
    await until((s) => s.access === 'granted')
    streams.open()
    store.stop()
    expect(streams.closed).toBe(1)
    expect(store.getSnapshot().stream).toBe('off')
    streams.snapshot(snapshotOf([]))
    expect(store.getSnapshot().snapshot?.connections).toHaveLength(1)
  })
})
