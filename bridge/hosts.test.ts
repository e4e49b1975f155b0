// The Host rule against DNS rebinding.
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { hostChecker, parseAllowedHost } from './hosts.ts'

describe('hostChecker', () => {
  it('answers IP addresses, localhost, this computer, --origin hosts and --allowed-host names', () => {
    const allowed = hostChecker(['teacher-pc.lan', '.school.lan'], ['http://192.168.0.9:5173'])
    for (const host of [
      undefined,
      '127.0.0.1',
      '127.0.0.1:8080',
      '10.1.2.3:80',
      '[::1]:8080',
      '[fe80::1]',
      'localhost',
      'LOCALHOST:8080',
      'app.localhost:8080',
      'localhost.',
      os.hostname() + ':8080',
      os.hostname() + '.local',
      'teacher-pc.lan:8080',
      'room-3.school.lan',
      'school.lan',
    ]) {
      expect(allowed(host), String(host)).toBe(true)
    }
    for (const host of [
      'evil.example',
      'evil.example:8080',
      'localhost.evil.example',
      'teacher-pc.lan.evil.example',
      'evilschool.lan',
      '',
      'a b',
      '[::1',
      '127.0.0.1:8080:9',
    ]) {
      expect(allowed(host), host).toBe(false)
    }
  })

  it('answers any host with *', () => {
    expect(hostChecker(['*'], [])('anything.example')).toBe(true)
    expect(hostChecker([], ['*'])('anything.example')).toBe(true)
  })
})

describe('parseAllowedHost', () => {
  it('takes names, .suffixes and *, and refuses the rest', () => {
    expect(parseAllowedHost('Teacher-PC.lan')).toBe('teacher-pc.lan')
    expect(parseAllowedHost('.school.lan')).toBe('.school.lan')
    expect(parseAllowedHost('*')).toBe('*')
    for (const bad of ['', 'http://x', 'a b', '-a', 'x:80']) {
      expect(() => parseAllowedHost(bad), bad).toThrow(/--allowed-host must be a host name/)
    }
  })
})
