import { describe, expect, it } from 'vitest'
import { concatBytes, encodeFrame } from '../../../shared/framing.ts'
import { targetOptions } from '../../targets/targets.ts'
import {
  DEFAULT_SETTINGS,
  DEFAULT_TEXT,
  clampInt,
  defaultColumns,
  explain,
  initialPick,
  ownColumn,
  ownRanges,
  framingBytes,
  judge,
  labTargets,
  planFor,
  splitEven,
  type Settings,
} from './framing-lab.ts'

const utf8 = new TextEncoder()
const body = utf8.encode(DEFAULT_TEXT)
const split = (pieces: number, delayMs = 100): Settings => ({
  ...DEFAULT_SETTINGS,
  pieces,
  delayMs,
})
const glue = (copies: number): Settings => ({ ...DEFAULT_SETTINGS, experiment: 'glue', copies })

describe('splitEven', () => {
  it('cuts into pieces whose sizes differ by at most one and join back to the bytes', () => {
    const bytes = utf8.encode('0123456789')
    const pieces = splitEven(bytes, 3)
    expect(pieces.map((p) => p.length)).toEqual([3, 3, 4])
    expect(concatBytes(pieces)).toEqual(bytes)
  })

  it('never makes empty pieces', () => {
    expect(splitEven(utf8.encode('ab'), 5).map((p) => p.length)).toEqual([1, 1])
  })
})

describe('clampInt', () => {
  it('keeps numbers within the limits and rounds them', () => {
    expect(clampInt(25, { min: 1, max: 20 })).toBe(20)
    expect(clampInt(0, { min: 1, max: 20 })).toBe(1)
    expect(clampInt(2.6, { min: 1, max: 20 })).toBe(3)
    expect(clampInt(Number.NaN, { min: 2, max: 5 })).toBe(2)
  })
})

describe('planFor', () => {
  it('splits the framed bytes of one length-prefixed message, prefix included', () => {
    const plan = planFor('length', split(4))
    const framed = encodeFrame('length', body)
    expect(plan.messages).toBe(1)
    expect(plan.chunks).toHaveLength(4)
    expect(concatBytes(plan.chunks)).toEqual(framed)
    expect(plan.chunkSpans.at(-1)?.end).toBe(framed.length)
    expect(plan.messageSpans).toEqual([{ start: 0, end: framed.length, kind: 'message' }])
    expect(plan.delayMs).toBe(100)
  })

  it('glues framed copies into one write, with a span per message', () => {
    const plan = planFor('ndjson', glue(3))
    const one = body.length + 1
    expect(plan.chunks).toHaveLength(1)
    expect(plan.chunks[0]![one - 1]).toBe(0x0a)
    expect(plan.messageSpans.map((s) => [s.start, s.end])).toEqual([
      [0, one],
      [one, 2 * one],
      [2 * one, 3 * one],
    ])
    expect(plan.delayMs).toBe(0)
  })

  it('finds naive messages where json would, since naive adds nothing to the JSON', () => {
    const plan = planFor('naive', glue(2))
    expect(plan.total).toBe(2 * body.length)
    expect(plan.messageSpans).toHaveLength(2)
  })

  it('marks a message the stream leaves unfinished as rejected', () => {
    const plan = planFor('json', { ...split(2), text: '{"SERVIÇO": "Dados' })
    expect(plan.messageSpans).toEqual([{ start: 0, end: plan.total, kind: 'rejected' }])
  })

  it('knows which bytes the framing adds', () => {
    const length = planFor('length', glue(2))
    const size = body.length + 4
    expect(framingBytes(length)).toEqual([
      { start: 0, end: 4 },
      { start: size, end: size + 4 },
    ])
    expect(framingBytes(planFor('ndjson', split(2)))).toEqual([
      { start: body.length, end: body.length + 1 },
    ])
    expect(framingBytes(planFor('json', glue(2)))).toEqual([])
  })

  it('clamps what the inputs allow', () => {
    expect(planFor('json', split(99)).chunks).toHaveLength(20)
    expect(planFor('json', glue(9)).messages).toBe(5)
    expect(planFor('json', split(3, 5000)).delayMs).toBe(2000)
  })
})

describe('judge and explain', () => {
  it('calls one answer per message good, and 400s bad', () => {
    expect(judge(2, ['404', '200'])).toEqual({ tone: 'ok', sent: 2, answers: 2, errors: 0 })
    expect(judge(1, ['400', '400', '400'])).toEqual({
      tone: 'bad',
      sent: 1,
      answers: 3,
      errors: 3,
    })
    expect(judge(2, [undefined]).errors).toBe(1)
    expect(judge(2, []).tone).toBe('bad')
  })

  it("explains naive's failures and its lucky reads", () => {
    const naiveSplit = planFor('naive', split(3))
    expect(explain(naiveSplit, judge(1, ['400', '400', '400']))).toBe('naive-split')
    expect(explain(naiveSplit, judge(1, ['404']))).toBe('naive-joined')
    expect(explain(planFor('naive', split(1)), judge(1, ['404']))).toBe('naive-whole')
    expect(explain(planFor('naive', glue(2)), judge(2, ['400']))).toBe('naive-glue')
  })

  it('explains the framings that delimit messages', () => {
    const plan = planFor('json', split(3))
    expect(explain(plan, judge(1, ['404']))).toBe('framed')
    expect(explain(plan, judge(1, []))).toBe('silent')
    expect(explain(plan, judge(1, ['400']))).toBe('broken')
    expect(explain(planFor('json', glue(3)), judge(3, ['404']))).toBe('partial')
  })

  it("explains a student's own server without claiming how it reads", () => {
    const plan = planFor('json', split(3))
    expect(explain(plan, judge(1, ['404']), true)).toBe('own-framed')
    expect(explain(plan, judge(1, ['400', '400']), true)).toBe('own-broken')
    expect(explain(plan, judge(1, []), true)).toBe('silent')
  })
})

describe('targets', () => {
  const options = targetOptions({
    targets: [
      { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json' },
      { host: '127.0.0.1', from: 3214, to: 3214, framing: 'ndjson' },
      { host: '127.0.0.1', from: 3215, to: 3215, framing: 'length' },
      { host: '127.0.0.1', from: 3216, to: 3216, framing: 'naive' },
      { host: '10.0.0.2', from: 3213, to: 3213, framing: 'json' },
      { host: '10.0.0.2', from: 4000, to: 4099 },
    ],
  })

  it('keeps single ports with a known framing, and shows one column per framing at first', () => {
    const targets = labTargets(options)
    expect(targets.map((t) => t.target)).toEqual([
      '127.0.0.1:3213',
      '127.0.0.1:3214',
      '127.0.0.1:3215',
      '127.0.0.1:3216',
      '10.0.0.2:3213',
    ])
    expect(defaultColumns(targets)).toEqual([
      '127.0.0.1:3213',
      '127.0.0.1:3214',
      '127.0.0.1:3215',
      '127.0.0.1:3216',
    ])
  })

  it("adds a student's own server on a port typed inside a range, once checked", () => {
    const [range] = ownRanges(options)
    expect(range?.id).toBe('10.0.0.2:4000-4099')
    const pick = initialPick(range!)
    expect(pick).toEqual({ on: false, port: '4000', framing: 'json' })
    expect(ownColumn(range!, pick)).toBeUndefined()
    expect(ownColumn(range!, { ...pick, on: true, port: '4042', framing: 'ndjson' })).toEqual({
      id: 'own ndjson 10.0.0.2:4042',
      target: '10.0.0.2:4042',
      framing: 'ndjson',
      own: true,
    })
    expect(ownColumn(range!, { ...pick, on: true, port: '5000' })).toBeUndefined()
  })

  it('names columns as --allow did, and leaves out ranges of another protocol', () => {
    const named = targetOptions({
      targets: [
        { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json', label: 'json' },
        { host: '10.0.0.3', from: 3214, to: 3214, framing: 'ndjson', label: 'Servidor da Ana' },
        { host: '10.0.0.4', from: 4000, to: 4099, label: 'Turma B' },
        { host: '10.0.0.5', from: 8000, to: 8099, protocol: 'http' },
      ],
    })
    expect(labTargets(named).map((t) => t.label)).toEqual([undefined, 'Servidor da Ana'])
    const ranges = ownRanges(named)
    expect(ranges.map((r) => r.id)).toEqual(['10.0.0.4:4000-4099'])
    const column = ownColumn(ranges[0]!, { on: true, port: '4001', framing: 'json' })
    expect(column?.label).toBe('Turma B')
  })
})
