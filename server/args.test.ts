import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { HELP, parseServerArgs } from './args.ts'

const parse = (...argv: string[]) => parseServerArgs([...argv, '--quiet'])

describe('parseServerArgs', () => {
  test('defaults: the lesson codes and an in-memory registry', () => {
    const options = parse()
    expect(options).toMatchObject({ host: '127.0.0.1', codes: 'lesson', ports: {} })
    expect(options).not.toHaveProperty('dataFile')
  })

  test('--data FILE gives the data file as an absolute path', () => {
    expect(parse('--data', 'class.db')).toMatchObject({ dataFile: resolve('class.db') })
    expect(parse('--data=/tmp/x.db')).toMatchObject({ dataFile: '/tmp/x.db' })
  })

  test('--data without a file name is refused with a message', () => {
    expect(() => parse('--data', '')).toThrow('--data needs a file name, such as --data class.db')
    expect(() => parseServerArgs(['--data'])).toThrow(/--data/)
  })

  test('ports and limits are parsed, bad values name their flag', () => {
    expect(parse('--json-port', '0', '--max-message', '1k')).toMatchObject({
      ports: { json: 0 },
      maxMessage: 1024,
    })
    expect(() => parse('--json-port', '70000')).toThrow(/--json-port/)
    expect(() => parse('--codes', 'teapot')).toThrow(/--codes/)
  })

  test('workspaces, limits per computer and trusted proxies', () => {
    expect(parse()).toMatchObject({
      maxPerClient: 64,
      workspaces: 'computer',
      maxUsers: 10_000,
      maxWorkspaces: 1_000,
      trustProxy: [],
    })
    expect(
      parse(
        '--workspaces',
        'class',
        '--max-per-client',
        '5',
        '--max-users',
        '3',
        '--max-workspaces',
        '2',
        '--trust-proxy',
        '10.0.0.2',
        '--trust-proxy',
        '::1',
      ),
    ).toMatchObject({
      workspaces: 'class',
      maxPerClient: 5,
      maxUsers: 3,
      maxWorkspaces: 2,
      trustProxy: ['10.0.0.2', '::1'],
    })
    expect(() => parse('--workspaces', 'room')).toThrow(
      /--workspaces must be one of computer, class/,
    )
    expect(() => parse('--trust-proxy', 'bridge.lan')).toThrow(
      /--trust-proxy must be an IP address/,
    )
    expect(() => parse('--max-per-client', '0')).toThrow(/--max-per-client/)
  })

  test('--help, and the help text lists --data', () => {
    expect(parseServerArgs(['-h'])).toBe('help')
    expect(HELP).toContain('--data FILE')
  })
})
