// The checker's command-line flags: argv -> what to run and how to report it, and the --help text.
import { parseArgs } from 'node:util'
import { DEFAULT_MAX_MESSAGE, FRAMINGS, type Framing } from '../shared/framing.ts'
import { CODE_MODES, type CodeMode } from '../shared/protocol.ts'
import { SUITE, type LevelChoice } from '../shared/conformance/suite.ts'
import type { Lang } from '../shared/conformance/types.ts'
import { parseCount, parseSize } from '../cli/flags.ts'

export const HELP = `Usage: npm run conformance -- HOST:PORT [options]
       wire-lab check HOST:PORT [options]      (installed)

Checks a server of the lesson's protocol ("bot de atendimento") against PROTOCOL.md, case by case,
and prints what is wrong in the lesson's terms. Exit status: 0 when every selected case passes,
1 when one fails, 2 on a usage error or when the server cannot be reached.

  HOST:PORT                 the server (a PORT alone means 127.0.0.1:PORT)
  --framing NAME            how it frames messages: json (default, the lesson's port), ndjson,
                            length, or naive (each recv(512) is a message, as in the lesson)
  --level lesson|all        the lesson's level only, or every case (default all)
  --codes lesson|http|auto  refusal codes expected: the lesson's 404, precise HTTP codes, or auto
                            (default: the first refusal that tells them apart decides)
  --only ID[,ID...]         run only these cases (--list shows them)
  --timeout MS              longest wait for an answer or a connection (default 2000)
  --max-message SIZE        the server's message limit, for the oversize case (default 64k)
  --scenario-emails lesson|unique
                            the scenario's emails: the lesson's eu@gmail.com and meu@gmail.com
                            (default), or unique to the run (for a server that keeps its users)
  --junit FILE              also write the report as JUnit XML (a suite per level)
  --json                    print the report as JSON instead of text
  --lang en|pt              the report's language (default: pt when LANG starts with pt, else en)
  --color, --no-color       colours (default: when the output is a terminal)
  --list                    list the cases and exit
  -h, --help                this text`

/** What the command was asked to do. */
export interface CliOptions {
  host: string
  port: number
  framing: Framing
  level: LevelChoice
  codes: CodeMode | 'auto'
  only?: string[]
  timeoutMs: number
  maxMessage: number
  scenarioEmails: 'lesson' | 'unique'
  junit?: string
  json: boolean
  lang: Lang
  color?: boolean
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`)
  }
  return value as T
}

/** Parses argv; throws an Error with a user-facing message on bad input. */
export function parseCliArgs(
  argv: string[],
  env: { LANG?: string } = {},
): CliOptions | 'help' | 'list' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      framing: { type: 'string', default: 'json' },
      level: { type: 'string', default: 'all' },
      codes: { type: 'string', default: 'auto' },
      only: { type: 'string' },
      timeout: { type: 'string', default: '2000' },
      'max-message': { type: 'string', default: String(DEFAULT_MAX_MESSAGE) },
      'scenario-emails': { type: 'string', default: 'lesson' },
      junit: { type: 'string' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return 'help'
  if (values.list) return 'list'
  if (positionals.length !== 1) {
    throw new Error(
      positionals.length === 0
        ? 'which server? give HOST:PORT'
        : `one HOST:PORT only, not ${positionals.join(' ')}`,
    )
  }
  const target = positionals[0]!
  const m = /^(?:(.+):)?(\d+)$/.exec(target)
  if (!m) throw new Error(`the server must be HOST:PORT or PORT, not "${target}"`)
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const id of only ?? []) {
    if (!SUITE.some((c) => c.id === id))
      throw new Error(`no case named "${id}" (--list shows them)`)
  }
  if (values.junit !== undefined && values.junit.trim() === '')
    throw new Error('--junit needs a file name')
  const color = values['no-color'] ? false : values.color
  return {
    host: (m[1] ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1'),
    port: parseCount('the port', m[2]!, 1, 65535),
    framing: oneOf('--framing', values.framing, FRAMINGS),
    level: oneOf('--level', values.level, ['lesson', 'all'] as const),
    codes: oneOf('--codes', values.codes, [...CODE_MODES, 'auto'] as const),
    ...(only && { only }),
    timeoutMs: parseCount('--timeout', values.timeout, 50, 600_000),
    maxMessage: parseSize('--max-message', values['max-message']),
    scenarioEmails: oneOf('--scenario-emails', values['scenario-emails'], [
      'lesson',
      'unique',
    ] as const),
    ...(values.junit !== undefined && { junit: values.junit }),
    json: values.json,
    lang:
      values.lang === undefined
        ? /^pt/i.test(env.LANG ?? '')
          ? 'pt'
          : 'en'
        : oneOf('--lang', values.lang, ['en', 'pt'] as const),
    ...(color !== undefined && { color }),
  }
}
