// Command line: argv -> runCli -> exit status (npm run conformance -- HOST:PORT ...).
import { runCli } from './cli.ts'

const status = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  env: { ...(process.env.LANG !== undefined && { LANG: process.env.LANG }) },
  cwd: process.env.INIT_CWD ?? process.cwd(),
})
process.exitCode = status
