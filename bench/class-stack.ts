// What bench:class measures: the playground as npm start runs it (server, bridge, class monitor) in one process.
import { startStack } from '../cli/stack.ts'

const stack = await startStack({
  host: '127.0.0.1',
  port: 0,
  serverPorts: 'any',
  allow: [],
  origins: [],
  codes: 'lesson',
  teacherKey: process.env.WIRE_LAB_TEACHER_KEY ?? 'bench-key',
  quiet: true,
})
// The lines test-support/spawn.ts reads the ports from.
console.log(`bridge listening on 127.0.0.1 port ${stack.bridge.port}`)
console.log(`json listening on 127.0.0.1 port ${stack.server.ports.json}`)
process.on('SIGTERM', () => void stack.stop().then(() => process.exit(0)))
