import { describe, expect, it } from 'vitest'
import { responseCode } from '../../log/decode/decode.ts'
import type { Entry } from '../../log/entries.ts'
import { ANSWER, REQUEST, connectionOf, exchangeOf } from './class-fixtures.ts'
import { ExchangeReplay } from './exchange-replay.ts'

const kinds = (entries: readonly Entry[]) =>
  entries.map((e) => (e.kind === 'event' ? e.event.type : `${e.kind}:${e.dir}`))

describe('ExchangeReplay', () => {
  it("fills the student's log view: events, chunks and the messages they make", () => {
    const replay = new ExchangeReplay()
    replay.apply(exchangeOf(connectionOf(1)))
    const entries = replay.session.log.all()
    expect(kinds(entries)).toEqual([
      'session',
      'connecting',
      'connected',
      'chunk:sent',
      'message:sent',
      'chunk:received',
      'chunk:received',
      'message:received',
    ])
    const [request, answer] = entries.filter((e) => e.kind === 'message')
    expect(request?.kind === 'message' && request.view).toMatchObject({ text: REQUEST })
    expect(answer?.kind === 'message' && responseCode(answer.view)).toBe('404')
    expect(answer?.kind === 'message' && answer.view).toMatchObject({ text: ANSWER })
    // The answer came in two reads: the message says so, as in the student's own log.
    expect(answer?.kind === 'message' && answer.chunks).toEqual([2, 3])
  })

  it('adds only what is new on a later fetch, even after the oldest items were dropped', () => {
    const replay = new ExchangeReplay()
    const connection = connectionOf(1)
    replay.apply(exchangeOf(connection, 3))
    replay.apply(exchangeOf(connection, 3))
    expect(kinds(replay.session.log.all())).toHaveLength(5)
    // The bridge dropped the two oldest items meanwhile; the later two are still new here.
    replay.apply(exchangeOf(connection, 5, 2))
    expect(replay.session.log.all().filter((e) => e.kind === 'chunk')).toHaveLength(3)
    expect(replay.session.log.all().filter((e) => e.kind === 'message')).toHaveLength(2)
  })

  it('ends the session at the close, so a half message shows as incomplete', () => {
    const replay = new ExchangeReplay()
    const connection = connectionOf(1)
    const exchange = exchangeOf(connection, 4)
    exchange.items.push({
      kind: 'event',
      t: 20,
      event: {
        type: 'closed',
        at: 20,
        code: 1000,
        reason: '',
        bytes: { toTarget: 1, fromTarget: 2 },
      },
    })
    replay.apply(exchange)
    const last = replay.session.log.all().at(-1)
    expect(last?.kind === 'message' && last.view).toMatchObject({
      type: 'frame-error',
      problem: 'incomplete',
    })
  })
})
