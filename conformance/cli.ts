// `npm run conformance -- HOST:PORT`: runs the suite over TCP, prints the report, writes JUnit; returns the exit status.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { formatJson } from '../shared/conformance/report-json.ts'
import { formatJunit } from '../shared/conformance/report-junit.ts'
import { formatReport } from '../shared/conformance/report-text.ts'
import { runSuite } from '../shared/conformance/runner.ts'
import { SUITE } from '../shared/conformance/suite.ts'
import { allPassed } from '../shared/conformance/tally.ts'
import { HELP, parseCliArgs, type CliOptions } from './args.ts'
import { tcpTransport } from './tcp.ts'

/** Where the command writes; the real process by default, buffers in tests. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** True when stdout is a terminal (colours by default). */
  isTty?: boolean
  env?: { LANG?: string }
  /** Where relative paths start (npm run moves to the package's folder; INIT_CWD is where it was run). */
  cwd?: string
}

/** Exit statuses: every selected case passed, one failed, usage error or no server. */
export const EXIT = { pass: 0, fail: 1, usage: 2 } as const

/** Runs the command for argv; resolves with the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions | 'help' | 'list'
  try {
    options = parseCliArgs(argv, io.env)
  } catch (err) {
    io.stderr(`conformance: ${(err as Error).message}\n\n${HELP}\n`)
    return EXIT.usage
  }
  if (options === 'help') {
    io.stdout(HELP + '\n')
    return EXIT.pass
  }
  if (options === 'list') {
    const width = Math.max(...SUITE.map((c) => c.id.length))
    io.stdout(
      SUITE.map((c) => `${c.id.padEnd(width)}  ${c.level.padEnd(6)}  ${c.title.en}`).join('\n') +
        '\n',
    )
    return EXIT.pass
  }
  const report = await runSuite({
    transport: tcpTransport(options.host, options.port),
    framing: options.framing,
    level: options.level,
    codes: options.codes,
    ...(options.only && { only: options.only }),
    timeoutMs: options.timeoutMs,
    maxMessage: options.maxMessage,
    scenarioEmails: options.scenarioEmails,
  })
  if (options.json) io.stdout(formatJson(report) + '\n')
  else
    io.stdout(
      formatReport(report, { lang: options.lang, color: options.color ?? io.isTty === true }),
    )
  if (options.junit !== undefined) {
    try {
      await writeFile(resolve(io.cwd ?? '.', options.junit), formatJunit(report, options.lang))
    } catch (err) {
      io.stderr(`conformance: cannot write ${options.junit}: ${(err as Error).message}\n`)
      return EXIT.usage
    }
  }
  if (report.stopped?.kind === 'cannot-connect') {
    if (options.json) io.stderr(`conformance: ${report.stopped.text[options.lang]}\n`)
    return EXIT.usage
  }
  return allPassed(report) ? EXIT.pass : EXIT.fail
}
