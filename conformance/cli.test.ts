// The command end to end in-process (and once as a real process): report, exit status, JUnit, JSON.
import { execFile, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test } from 'vitest'
import { SUITE } from '../shared/conformance/suite.ts'
import { useTestServer } from '../server/test-server.ts'
import { runCli } from './cli.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))

/** Runs the command in this process; resolves with its status and what it printed. */
async function cli(argv: string[], env: { LANG?: string } = {}, cwd?: string) {
  let out = ''
  let err = ''
  const status = await runCli(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env,
    ...(cwd !== undefined && { cwd }),
  })
  return { status, out, err }
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

const harness = useTestServer()
let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

describe('npm run conformance', () => {
  test('a conforming server: exit 0 and the per-level tallies', async () => {
    const server = await harness.start()
    const { status, out } = await cli([`127.0.0.1:${server.ports.json}`])
    expect(status).toBe(0)
    expect(out).toMatch(
      /^wire-lab conformance: 127\.0\.0\.1:\d+, framing json, codes lesson \(detected at check-1\), run \w+$/m,
    )
    expect(out).toMatch(/^ {2}✓ scenario +The lesson's scenario/m)
    expect(out).toContain("\nthe lesson's level: 23/23\nbeyond the lesson: 13/13\n")
  })

  test('in Portuguese when LANG says so; naive counts what does not apply apart', async () => {
    const server = await harness.start()
    const { status, out } = await cli([String(server.ports.naive), '--framing', 'naive'], {
      LANG: 'pt_BR.UTF-8',
    })
    expect(status).toBe(0)
    expect(out).toContain('\no nível da aula: 23/23\nalém da aula: 10/10 (3 não se aplica)\n')
  })

  test('failures: exit 1, each with its sentence and diff, and a JUnit file a CI can read', async () => {
    const server = await harness.start({ codes: 'http' })
    dir = await mkdtemp(join(tmpdir(), 'wl-conformance-'))
    const junit = join(dir, 'report.xml')
    // Relative to where the command was run (npm run's INIT_CWD), not to the package's folder.
    const argv = [
      `${server.ports.ndjson}`,
      '--framing',
      'ndjson',
      '--codes',
      'lesson',
      '--level',
      'lesson',
    ]
    const { status, out } = await cli([...argv, '--junit', 'report.xml'], {}, dir)
    expect(status).toBe(1)
    expect(out).toContain('  ✗ check-1 ')
    expect(out).toContain('      expected code 404, got 400\n')
    expect(out).toContain('      also: your server uses precise HTTP codes;')
    expect(out).toMatch(/^ {6}expected {2}\{"CODIGO DE ERRO": "404", /m)
    expect(out).toMatch(/^ {6}received {2}\{"CODIGO DE ERRO": "400", /m)
    expect(out).toMatch(/^ {16}\s*\^ byte 22$/m)
    expect(out).toMatch(/^the lesson's level: \d+\/23$/m)
    const xml = await readFile(junit, 'utf8')
    // Python's parser is the check that the document is well-formed XML.
    const parsed = spawnSync('python3', [
      '-c',
      'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); ' +
        'print(r.tag, len(r.findall("testsuite")), len(list(r.iter("testcase"))), len(list(r.iter("failure"))))',
      junit,
    ])
    expect(parsed.stderr.toString()).toBe('')
    const failed = (out.match(/^ {2}✗ /gm) ?? []).length
    expect(parsed.stdout.toString().trim()).toBe(`testsuites 1 23 ${failed}`)
    expect(xml).toContain('<failure message="expected code 404, got 400" type="wrong-code">')
  })

  test('--json prints the report for machines, bytes as hex and text', async () => {
    const server = await harness.start()
    const { status, out } = await cli([
      `${server.ports.length}`,
      '--framing',
      'length',
      '--json',
      '--only',
      'check-7',
    ])
    expect(status).toBe(0)
    const report = JSON.parse(out)
    expect(report.cases).toHaveLength(1)
    const answer = report.cases[0].steps[1].answers[0]
    // The length framing's prefix, then the JSON.
    const hex: string = answer.expected.hex
    expect(parseInt(hex.slice(0, 8), 16)).toBe(hex.length / 2 - 4)
    expect(hex.slice(8, 10)).toBe('7b')
    expect(answer.received.text).toContain('"CODIGO DE ERRO": "404"')
    expect(report.tallies.lesson).toEqual({
      passed: 1,
      failed: 0,
      notRun: 0,
      notApplicable: 0,
      total: 1,
    })
  })

  test('no server there: exit 2, and why', async () => {
    const port = await closedPort()
    const { status, out } = await cli([`127.0.0.1:${port}`, '--level', 'lesson'])
    expect(status).toBe(2)
    expect(out).toContain(`stopped: cannot connect to 127.0.0.1:${port} (refused: ECONNREFUSED)`)
  })

  test.each([
    [[], 'which server? give HOST:PORT'],
    [['host:port'], 'the server must be HOST:PORT or PORT, not "host:port"'],
    [
      ['3213', '--framing', 'xml'],
      '--framing must be one of json, ndjson, length, naive, not "xml"',
    ],
    [['3213', '--only', 'check-99'], 'no case named "check-99" (--list shows them)'],
    [['3213', '--bogus'], "Unknown option '--bogus'"],
  ])('usage error %j: exit 2 and a message', async (argv, message) => {
    const { status, err } = await cli(argv)
    expect(status).toBe(2)
    expect(err).toContain(message)
    expect(err).toContain('Usage: npm run conformance -- HOST:PORT [options]')
  })

  test('--list and --help', async () => {
    const list = await cli(['--list'])
    expect(list.status).toBe(0)
    expect(list.out.trim().split('\n')).toHaveLength(SUITE.length)
    expect(list.out).toMatch(/^check-6b +lesson +Row 6b: user not registered$/m)
    expect((await cli(['--help'])).out).toContain('--junit FILE')
  })

  test('the real entry point exits with the status', async () => {
    const port = await closedPort()
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'conformance/main.ts', String(port)],
        {
          cwd: repo,
        },
      )
      child.on('exit', resolve)
    })
    expect(code).toBe(2)
  })
})
