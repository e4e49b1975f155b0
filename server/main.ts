// Command line: argv -> startServer, with the actual ports printed and a clean stop on SIGINT/SIGTERM.
import { FRAMINGS } from '../shared/framing.ts'
import { HELP, parseServerArgs } from './args.ts'
import { startServer, type ServerOptions } from './server.ts'

async function main(): Promise<void> {
  let options: ServerOptions | 'help'
  try {
    options = parseServerArgs(process.argv.slice(2))
  } catch (err) {
    console.error(`server: ${(err as Error).message}\n\n${HELP}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.log(HELP)
    return
  }
  let server
  try {
    server = await startServer(options)
  } catch (err) {
    const e = err as Error & { code?: string; framing?: string }
    console.error(`server: ${e.message}`)
    // The optional dependency is missing: a usage problem, like a bad flag.
    if (e.code === 'WL_ERR_NO_SQLITE') process.exit(2)
    if (e.code === 'WL_ERR_PORT_IN_USE') {
      console.error(
        `Is another server running? Stop it, or pass --${e.framing}-port 0 for any free port.`,
      )
    }
    process.exit(1)
  }
  for (const framing of FRAMINGS) {
    console.log(`${framing.padEnd(6)} listening on ${server.host} port ${server.ports[framing]}`)
  }
  console.log(
    options.dataFile === undefined
      ? 'users: in memory, as in the lesson (gone when the server stops; --data FILE keeps them)'
      : `users: ${server.registry.size} in ${options.dataFile} (SQLite; each change is on disk before its 200)`,
  )
  console.log(`codes: ${options.codes ?? 'lesson'}; press Ctrl-C to stop`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) process.exit(130)
    stopping = true
    console.log(`${signal}: closing ${server.connections} connection(s) and stopping`)
    await server.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

void main()
