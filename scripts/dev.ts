// `npm run dev`: the server and the bridge, plus Vite's dev server proxying /ws and /api to the bridge.
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { newTeacherKey, startStack, teacherUrl } from '../cli/stack.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const VITE_PORT = 5173

const teacherKey = newTeacherKey()
const stack = await startStack({
  host: '127.0.0.1',
  port: 0,
  serverPorts: 'default',
  allow: [],
  // Vite's page has its own origin; the bridge must accept it.
  origins: [`http://localhost:${VITE_PORT}`, `http://127.0.0.1:${VITE_PORT}`],
  codes: 'lesson',
  teacherKey,
  quiet: false,
})
process.env.WIRE_LAB_BRIDGE = `http://127.0.0.1:${stack.bridge.port}`
const vite = await createServer({
  configFile: `${repo}vite.config.ts`,
  server: { port: VITE_PORT, strictPort: true },
})
await vite.listen()
vite.printUrls()
console.log(`  bridge: ${stack.bridge.url} (proxied at /ws and /api)`)
console.log(`  teacher's view: ${teacherUrl(`http://localhost:${VITE_PORT}/`, teacherKey)}`)
const stop = async () => {
  await vite.close()
  await stack.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
