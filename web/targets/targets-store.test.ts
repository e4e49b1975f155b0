import { describe, expect, it } from 'vitest'
import { TargetsStore, type TargetsState } from './targets-store.ts'

const INFO = {
  targets: [{ host: '127.0.0.1', from: 3213, to: 3213, framing: 'json' as const }],
  defaultTarget: '127.0.0.1:3213',
}

// A fetch whose answers the test hands out one call at a time, in order.
function scriptedFetch() {
  const calls: { url: string; answer: (response: Response | Error) => void }[] = []
  const fetcher = ((url: string) =>
    new Promise<Response>((resolve, reject) => {
      calls.push({
        url,
        answer: (r) => (r instanceof Error ? reject(r) : resolve(r)),
      })
    })) as unknown as typeof fetch
  return { calls, fetcher }
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status })

// Resolves once the store has left 'loading'.
function settled(store: TargetsStore): Promise<TargetsState> {
  return new Promise((resolve) => {
    const off = store.subscribe(() => {
      const state = store.getSnapshot()
      if (state.status === 'loading') return
      off()
      resolve(state)
    })
  })
}

describe('TargetsStore', () => {
  it('fetches once for the whole page, however often load() is called', async () => {
    const { calls, fetcher } = scriptedFetch()
    const store = new TargetsStore('http://b/api/targets', fetcher)
    store.load()
    store.load()
    expect(calls.map((c) => c.url)).toEqual(['http://b/api/targets'])
    const done = settled(store)
    calls[0]!.answer(json(INFO))
    expect(await done).toMatchObject({
      status: 'ready',
      info: INFO,
      options: [{ id: '127.0.0.1:3213' }],
    })
    store.load()
    expect(calls).toHaveLength(1)
  })

  it('keeps the failure code and HTTP status, and a retry fetches again', async () => {
    const { calls, fetcher } = scriptedFetch()
    const store = new TargetsStore('u', fetcher)
    store.load()
    let done = settled(store)
    calls[0]!.answer(json({}, 503))
    expect(await done).toEqual({ status: 'error', code: 'WL_ERR_TARGETS_HTTP', httpStatus: 503 })
    store.retry()
    expect(store.getSnapshot()).toEqual({ status: 'loading' })
    done = settled(store)
    calls[1]!.answer(new TypeError('fetch failed'))
    expect(await done).toEqual({ status: 'error', code: 'WL_ERR_TARGETS_UNREACHABLE' })
    store.retry()
    done = settled(store)
    calls[2]!.answer(json({ targets: 3 }))
    expect(await done).toEqual({ status: 'error', code: 'WL_ERR_TARGETS_INVALID' })
  })

  it('ignores an older fetch that answers after a retry', async () => {
    const { calls, fetcher } = scriptedFetch()
    const store = new TargetsStore('u', fetcher)
    store.load()
    store.retry()
    const done = settled(store)
    // The old fetch's failure settles first (it is the shorter path); only the new answer counts.
    calls[0]!.answer(new TypeError('fetch failed'))
    calls[1]!.answer(json(INFO))
    expect(await done).toMatchObject({ status: 'ready' })
  })
})
