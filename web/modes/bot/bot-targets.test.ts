import { describe, expect, it } from 'vitest'
import { targetOptions } from '../../targets/targets.ts'
import { botTarget, botTargets, defaultBotOption, defaultBotTarget } from './bot-targets.ts'

describe('bot targets', () => {
  it('offers single ports, json by default', () => {
    const targets = botTargets(
      targetOptions({
        targets: [
          { host: '127.0.0.1', from: 3216, to: 3216, framing: 'naive' },
          { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json' },
          { host: '10.0.0.2', from: 4000, to: 4099 },
          { host: '10.0.0.3', from: 4000, to: 4000 },
        ],
      }),
    )
    expect(targets.map((t) => [t.id, t.framing])).toEqual([
      ['127.0.0.1:3216', 'naive'],
      ['127.0.0.1:3213', 'json'],
      ['10.0.0.3:4000', 'json'],
    ])
    expect(defaultBotTarget(targets)?.id).toBe('127.0.0.1:3213')
  })

  it('resolves a port typed inside a range, and preselects a single json port over a range', () => {
    const options = targetOptions({
      targets: [
        { host: '10.0.0.2', from: 4000, to: 4099 },
        { host: '127.0.0.1', from: 3216, to: 3216, framing: 'naive' },
        { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json' },
      ],
    })
    const range = options[0]!
    expect(botTarget(range, '4042')).toEqual({
      id: '10.0.0.2:4042',
      framing: 'json',
      label: '10.0.0.2:4042 — json',
    })
    expect(botTarget(range, '4100')).toBeUndefined()
    expect(botTarget(range, '')).toBeUndefined()
    expect(defaultBotOption(options)?.id).toBe('127.0.0.1:3213')
    expect(defaultBotOption(options.slice(0, 2))?.id).toBe('127.0.0.1:3216')
    expect(defaultBotOption([range])?.id).toBe('10.0.0.2:4000-4099')
  })

  it('offers only servers of the lesson protocol, by their names', () => {
    const targets = botTargets(
      targetOptions({
        targets: [
          { host: '127.0.0.1', from: 6379, to: 6379, protocol: 'resp', label: 'Redis' },
          { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json', label: 'json' },
          { host: '192.168.0.42', from: 3213, to: 3213, label: 'Servidor da Ana' },
        ],
      }),
    )
    expect(targets.map((t) => t.label)).toEqual([
      '127.0.0.1:3213 — json',
      'Servidor da Ana — 192.168.0.42:3213',
    ])
  })
})
