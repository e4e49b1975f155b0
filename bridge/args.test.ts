// The bridge's command line: flags, environment fallbacks, defaults and clear errors.
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { HELP, parseBridgeArgs } from './args.ts'
import { defaultAllowList } from './allow.ts'
import type { BridgeOptions } from './bridge.ts'

const parse = (argv: string[], env: Record<string, string> = {}) => {
  const options = parseBridgeArgs([...argv, '--quiet'], env)
  if (options === 'help') throw new Error('unexpected help')
  return options
}

describe('parseBridgeArgs', () => {
  it('has defaults: 127.0.0.1:8080, the wire-lab ports, 1000/16 connections, 1 MiB, 600 s', () => {
    expect(parse([])).toEqual({
      host: '127.0.0.1',
      port: 8080,
      allow: defaultAllowList(),
      origins: [],
      allowedHosts: [],
      maxConnections: 1000,
      maxPerClient: 16,
      maxFrame: 1 << 20,
      idleTimeoutMs: 600_000,
      onFault: expect.any(Function),
    } satisfies BridgeOptions)
    expect(parseBridgeArgs([], {})).toHaveProperty('log')
  })

  it('reads every flag', () => {
    const dir = os.tmpdir()
    const options = parse([
      '--host=0.0.0.0',
      '--port',
      '0',
      '--target',
      '127.0.0.1:3215',
      '--allow',
      '127.0.0.1:3213-3214',
      '--allow',
      '[::1]:7',
      '--origin',
      'http://192.168.1.10:5173/',
      '--origin',
      '*',
      '--max-connections',
      '500',
      '--max-per-client',
      '40',
      '--max-frame',
      '64k',
      '--idle-timeout',
      '30',
      '--static',
      dir,
      '--allowed-host',
      'Teacher-PC.lan',
      '--allowed-host',
      '.school.lan',
    ])
    expect(options).toEqual({
      host: '0.0.0.0',
      port: 0,
      allow: [
        { host: '127.0.0.1', from: 3213, to: 3214 },
        { host: '::1', from: 7, to: 7 },
        { host: '127.0.0.1', from: 3215, to: 3215 },
      ],
      defaultTarget: '127.0.0.1:3215',
      origins: ['http://192.168.1.10:5173', '*'],
      allowedHosts: ['teacher-pc.lan', '.school.lan'],
      maxConnections: 500,
      maxPerClient: 40,
      maxFrame: 64 * 1024,
      idleTimeoutMs: 30_000,
      staticDir: dir,
      onFault: expect.any(Function),
    } satisfies BridgeOptions)
  })

  it('allows only --target when it is given without --allow, and does not repeat a covered one', () => {
    expect(parse(['--target', 'lab.local:3213']).allow).toEqual([
      { host: 'lab.local', from: 3213, to: 3213 },
    ])
    expect(parse(['--target', 'a:5', '--allow', 'a:1-9']).allow).toEqual([
      { host: 'a', from: 1, to: 9 },
    ])
  })

  it('falls back to BRIDGE_HOST, BRIDGE_PORT, TARGET_HOST and TARGET_PORT', () => {
    const env = { BRIDGE_HOST: '127.0.0.2', BRIDGE_PORT: '9000', TARGET_PORT: '4000' }
    expect(parse([], env)).toMatchObject({
      host: '127.0.0.2',
      port: 9000,
      defaultTarget: '127.0.0.1:4000',
      allow: [{ host: '127.0.0.1', from: 4000, to: 4000 }],
    })
    expect(parse([], { TARGET_HOST: '::1', TARGET_PORT: '4000' }).defaultTarget).toBe('[::1]:4000')
    // Flags win over the environment.
    expect(parse(['--port', '1', '--target', 'x:2'], env)).toMatchObject({
      host: '127.0.0.2',
      port: 1,
      defaultTarget: 'x:2',
    })
  })

  it('answers help', () => {
    expect(parseBridgeArgs(['-h'], {})).toBe('help')
    expect(parseBridgeArgs(['--help'], {})).toBe('help')
    for (const flag of [
      '--host',
      '--port',
      '--target',
      '--allow',
      '--origin',
      '--max-connections',
      '--max-per-client',
      '--max-frame',
      '--idle-timeout',
      '--static',
      '--quiet',
      '--help',
      'BRIDGE_PORT',
      'TARGET_HOST',
    ]) {
      expect(HELP).toContain(flag)
    }
  })

  it('rejects bad values with a message naming the flag', () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--port', '70000'], {}, /--port must be a whole number from 0 to 65535, not "70000"/],
      [['--port', 'x'], {}, /--port must be a whole number/],
      [[], { BRIDGE_PORT: 'eighty' }, /BRIDGE_PORT must be a whole number/],
      [['--target', '127.0.0.1'], {}, /--target must be HOST:PORT/],
      [[], { TARGET_PORT: '0' }, /TARGET_HOST\/TARGET_PORT must be HOST:PORT/],
      [[], { TARGET_HOST: 'x' }, /TARGET_HOST is set but TARGET_PORT is not/],
      [['--allow', 'x:9-1'], {}, /--allow must be HOST:PORT or HOST:PORT-PORT/],
      [['--origin', 'lab.local'], {}, /--origin must be an origin/],
      [['--allowed-host', 'http://x'], {}, /--allowed-host must be a host name/],
      [['--max-connections', '0'], {}, /--max-connections must be a whole number from 1/],
      [['--max-per-client=-1'], {}, /--max-per-client must be a whole number/],
      [['--max-frame', '2g'], {}, /--max-frame must be a size/],
      [['--idle-timeout', '1.5'], {}, /--idle-timeout must be a whole number/],
      [['--static', '/no/such/dir'], {}, /--static must be a directory/],
      [['--host', ''], {}, /--host must not be empty/],
      [['--bogus'], {}, /Unknown option '--bogus'/],
      [['stray'], {}, /Unexpected argument 'stray'/],
    ]
    for (const [argv, env, message] of cases) {
      expect(() => parseBridgeArgs(argv, env), argv.join(' ')).toThrow(message)
    }
  })
})
