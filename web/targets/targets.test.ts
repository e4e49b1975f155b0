import { describe, expect, it } from 'vitest'
import {
  bridgeLocation,
  currentSelection,
  defaultOption,
  fetchTargets,
  isRange,
  optionText,
  resolveTarget,
  selectionOf,
  speaksLesson,
  targetOptions,
} from './targets.ts'
import { MESSAGES } from '../i18n/all-messages.ts'

const INFO = {
  targets: [
    { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json' as const, label: 'json' },
    { host: '127.0.0.1', from: 3214, to: 3214, framing: 'ndjson' as const },
    { host: '10.0.0.5', from: 4000, to: 4099 },
  ],
  defaultTarget: '127.0.0.1:3214',
}

describe('bridgeLocation', () => {
  it('uses the page origin by default', () => {
    expect(bridgeLocation('http://192.168.0.10:8080/')).toEqual({
      wsUrl: 'ws://192.168.0.10:8080/ws',
      targetsUrl: 'http://192.168.0.10:8080/api/targets',
      overridden: false,
    })
    expect(bridgeLocation('https://session.example/').wsUrl).toBe('wss://session.example/ws')
  })

  it('takes ?bridge= and derives the http(s) targets URL from it', () => {
    expect(bridgeLocation('http://localhost:5173/?bridge=ws://127.0.0.1:9000/ws')).toEqual({
      wsUrl: 'ws://127.0.0.1:9000/ws',
      targetsUrl: 'http://127.0.0.1:9000/api/targets',
      overridden: true,
    })
    expect(bridgeLocation('http://x/?bridge=wss://b.example').wsUrl).toBe('wss://b.example/ws')
    expect(bridgeLocation('http://x/?bridge=wss://b.example').targetsUrl).toBe(
      'https://b.example/api/targets',
    )
  })

  it('ignores a malformed ?bridge=', () => {
    expect(bridgeLocation('http://x:1/?bridge=ws://[bad').wsUrl).toBe('ws://x:1/ws')
  })
})

describe('target options', () => {
  const options = targetOptions(INFO)

  it('lists single ports and ranges', () => {
    expect(options.map((o) => o.id)).toEqual([
      '127.0.0.1:3213',
      '127.0.0.1:3214',
      '10.0.0.5:4000-4099',
    ])
    expect(options.map(isRange)).toEqual([false, false, true])
  })

  it('resolves a typed port inside a range only', () => {
    expect(resolveTarget(options[0]!, '')).toBe('127.0.0.1:3213')
    expect(resolveTarget(options[2]!, '4042')).toBe('10.0.0.5:4042')
    expect(resolveTarget(options[2]!, '5000')).toBeUndefined()
    expect(resolveTarget(options[2]!, '40a')).toBeUndefined()
  })

  it("preselects the bridge's default target", () => {
    expect(defaultOption(INFO, options)?.id).toBe('127.0.0.1:3214')
    expect(defaultOption({ targets: INFO.targets }, options)?.id).toBe('127.0.0.1:3213')
  })

  it("starts a range's port at its first port, and keeps a pick only while it is offered", () => {
    expect(selectionOf(options[2])).toEqual({ optionId: '10.0.0.5:4000-4099', port: '4000' })
    expect(selectionOf(undefined)).toEqual({ optionId: '', port: '' })
    const picked = { optionId: '10.0.0.5:4000-4099', port: '4042' }
    expect(currentSelection(picked, options, options[0])).toBe(picked)
    expect(currentSelection(picked, options.slice(0, 2), options[0])).toEqual({
      optionId: '127.0.0.1:3213',
      port: '3213',
    })
    expect(currentSelection(undefined, options, options[1])?.optionId).toBe('127.0.0.1:3214')
  })
})

describe('fetchTargets', () => {
  const answer = (body: unknown, status = 200) =>
    (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch

  it('validates the answer', async () => {
    await expect(fetchTargets('http://b/api/targets', answer(INFO))).resolves.toEqual(INFO)
  })

  it('fails with stable codes', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed')
    }) as unknown as typeof fetch
    await expect(fetchTargets('u', down)).rejects.toMatchObject({
      code: 'WL_ERR_TARGETS_UNREACHABLE',
    })
    await expect(fetchTargets('u', answer({}, 500))).rejects.toMatchObject({
      code: 'WL_ERR_TARGETS_HTTP',
    })
    await expect(fetchTargets('u', answer({ targets: 3 }))).rejects.toMatchObject({
      code: 'WL_ERR_TARGETS_INVALID',
    })
  })
})

describe('optionText', () => {
  const options = targetOptions({
    targets: [
      { host: '127.0.0.1', from: 3213, to: 3213, framing: 'json', label: 'json' },
      { host: '192.168.0.42', from: 3213, to: 3213, label: 'Servidor da Ana' },
      { host: '192.168.0.43', from: 3213, to: 3213 },
      { host: '127.0.0.1', from: 6379, to: 6379, protocol: 'resp', label: 'Redis' },
      { host: '127.0.0.1', from: 8000, to: 8000, protocol: 'http' },
      { host: '10.0.0.5', from: 4000, to: 4099 },
      { host: '10.0.0.6', from: 4000, to: 4099, label: 'Turma B' },
    ],
  })

  it('offers a target by the name --allow gave it, name first, never "?"', () => {
    const pt = options.map((o) => optionText(o, MESSAGES.pt))
    expect(pt).toEqual([
      '127.0.0.1:3213 — json',
      'Servidor da Ana — 192.168.0.42:3213',
      '192.168.0.43:3213 — outro servidor',
      'Redis — 127.0.0.1:6379 · Redis (RESP)',
      '127.0.0.1:8000 — HTTP',
      '10.0.0.5:4000–4099 — servidores dos alunos',
      'Turma B — 10.0.0.6:4000–4099',
    ])
    expect(pt.join()).not.toContain('?')
    expect(optionText(options[2]!, MESSAGES.en)).toBe('192.168.0.43:3213 — another server')
  })

  it('knows which targets speak the lesson protocol (unknown ones are presumed to)', () => {
    expect(options.map(speaksLesson)).toEqual([true, true, true, false, false, true, true])
  })
})
