// Command line: argv -> startBridge, with the actual address printed and a clean stop on SIGINT/SIGTERM.
import os from 'node:os'
import { formatTarget } from '../shared/bridge-constants.ts'
import { HELP, parseBridgeArgs } from './args.ts'
import { startBridge, type BridgeOptions, type RunningBridge } from './bridge.ts'

async function main(): Promise<void> {
  // A launcher that exits first closes our stdout: the EPIPE must not turn a clean stop into a crash.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})
  let options: BridgeOptions | 'help'
  try {
    options = parseBridgeArgs(process.argv.slice(2))
  } catch (err) {
    console.error(`bridge: ${(err as Error).message}\n\n${HELP}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.log(HELP)
    return
  }
  let bridge: RunningBridge
  try {
    bridge = await startBridge(options)
  } catch (err) {
    const e = err as Error & { code?: string }
    console.error(`bridge: ${e.message}`)
    if (e.code === 'WL_ERR_PORT_IN_USE') {
      console.error('Is another bridge running? Stop it, or pass --port 0 for any free port.')
    }
    process.exit(1)
  }
  console.log(`bridge listening on ${bridge.url} (port ${bridge.port})`)
  if (bridge.host === '0.0.0.0' || bridge.host === '::') {
    // Students need an address they can type: list this machine's LAN addresses.
    for (const address of lanAddresses()) {
      console.log(`  on the LAN: http://${formatTarget(address, bridge.port)}/`)
    }
  }
  const targets = options.allow.map((t) => {
    const where = formatTarget(t.host, t.from) + (t.to === t.from ? '' : `-${t.to}`)
    return t.label ? `${where} (${t.label})` : where
  })
  console.log(`allowed targets: ${targets.join(', ')}`)
  if (options.defaultTarget) console.log(`default target: ${options.defaultTarget}`)
  console.log('press Ctrl-C to stop')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) process.exit(130)
    stopping = true
    console.log(`${signal}: closing ${bridge.connections} connection(s) and stopping`)
    await bridge.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address)
}

void main()
