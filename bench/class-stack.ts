// What bench:class measures: the playground as npm start runs it (server, bridge, class monitor) in one process.
import { loopbackStack, startStack } from '../cli/stack.ts'
import { profileOnSignal } from './profile-share.ts'

// The teacher's view (the stream and the snapshots it builds) apart from the recording every relay
// does whether or not anyone watches (the monitor and its gists).
profileOnSignal({
  view: /\/bridge\/class-api\.ts$/,
  monitor: /\/bridge\/class-(monitor|gist)\.ts$/,
})

const stack = await startStack(loopbackStack(process.env.WIRE_LAB_TEACHER_KEY ?? 'bench-key'))
// The lines test-support/spawn.ts reads the ports from.
console.log(`bridge listening on 127.0.0.1 port ${stack.bridge.port}`)
console.log(`json listening on 127.0.0.1 port ${stack.server.ports.json}`)
process.on('SIGTERM', () => void stack.stop().then(() => process.exit(0)))
