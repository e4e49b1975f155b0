// Test fixtures: the real TCP server and WebSocket bridge, in-process, serving the built page.
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RunningBridge } from '../bridge/bridge.ts'
import { newTeacherKey, loopbackStack, startStack } from '../cli/stack.ts'
import { startServer, type RunningServer, type ServerOptions } from '../server/server.ts'
import type { AllowedTarget } from '../shared/bridge-protocol.ts'
import type { Framing } from '../shared/framing.ts'

// npm run bench:log serves its own build of the page, with the test hooks (WIRE_LAB_PAGE=bench).
const dist = fileURLToPath(
  new URL(process.env.WIRE_LAB_PAGE === 'bench' ? '../dist-bench' : '../dist', import.meta.url),
)

/** A server and a bridge on free ports, and the page's URL on the bridge (same origin). */
export interface Lab {
  url: string
  server: RunningServer
  bridge: RunningBridge
  /** The teacher's key for this lab's class view. */
  teacherKey: string
}

/**
 * Starts what `npm start` starts (the server on four free ports, the bridge allowing exactly those and
 * `allow`, workspaces, PROXY headers, the class monitor), serving dist/.
 */
export async function startLab(
  options: Pick<ServerOptions, 'codes' | 'workspaces'> & { allow?: AllowedTarget[] } = {},
): Promise<Lab> {
  const teacherKey = newTeacherKey()
  const { server, bridge } = await startStack(
    loopbackStack(teacherKey, {
      allow: options.allow ?? [],
      codes: options.codes ?? 'lesson',
      ...(options.workspaces !== undefined && { workspaces: options.workspaces }),
      staticDir: dist,
    }),
  )
  return { url: bridge.url, server, bridge, teacherKey }
}

// The server on 127.0.0.1, each framing on a free port.
function startFreeServer(options: Pick<ServerOptions, 'codes'>): Promise<RunningServer> {
  return startServer({
    ...options,
    host: '127.0.0.1',
    ports: { json: 0, ndjson: 0, length: 0, naive: 0 },
  })
}

/** A lab whose bridge also allows a port range holding a second server's port: a student's own server. */
export interface RangeLab extends Lab {
  own: RunningServer
  /** The second server's port for the framing asked for, inside `range`. */
  ownPort: number
  range: { from: number; to: number }
}

/** Starts a second server and a lab allowing 127.0.0.1:PORT-5 to PORT+5 around its `framing` port. */
export async function startRangeLab(framing: Framing): Promise<RangeLab> {
  const own = await startFreeServer({})
  const ownPort = own.ports[framing]
  const range = { from: Math.max(1, ownPort - 5), to: Math.min(65535, ownPort + 5) }
  const lab = await startLab({ allow: [{ host: '127.0.0.1', ...range }] })
  return { ...lab, own, ownPort, range }
}

/** Stops a range lab and its second server. */
export async function stopRangeLab(lab: RangeLab): Promise<void> {
  await stopLab(lab)
  await lab.own.close()
}

/** Stops both; the bridge first, so the page sees the bridge go rather than every server socket. */
export async function stopLab(lab: Lab): Promise<void> {
  await lab.bridge.close()
  await lab.server.close()
}

/** Playwright's test with the `lab` (per worker) and `ownLab` (per test) fixtures. */
export const test = base.extend<{ ownLab: Lab }, { lab: Lab }>({
  /** Shared by every test of a worker: the registry carries over, so tests use their own emails. */
  lab: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring
    async ({}, use) => {
      const lab = await startLab()
      await use(lab)
      await stopLab(lab)
    },
    { scope: 'worker' },
  ],
  /** A lab of the test's own, for tests that stop the server. */
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring
  ownLab: async ({}, use) => {
    const lab = await startLab()
    await use(lab)
    await stopLab(lab).catch(() => {})
  },
})

export { expect }

/** Where the screenshots for review go. */
export const SHOTS = '/tmp/wire-lab-shots'
mkdirSync(SHOTS, { recursive: true })

/**
 * Saves a full-viewport screenshot named `name`.png for a person to look at. Not in CI (no one looks
 * at them there; two specs with many of them ran 18 s faster without) unless WIRE_LAB_SHOTS=1.
 */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.CI && process.env.WIRE_LAB_SHOTS !== '1') return
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

/** Scrolls the left column so the section with this heading starts at its top, for a composed screenshot. */
export async function showSection(page: Page, heading: string | RegExp): Promise<void> {
  await page
    .getByRole('heading', { name: heading })
    .evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'start' }))
}

/** The connection state region (role=status) of the page or of one pane, by its name in either language. */
export function connectionState(scope: Page | Locator) {
  return scope.getByRole('status', { name: /Estado da conexão|Connection state/ })
}

/** Opens the page, picks the bundled server's port for `framing`, connects, waits for the open state. */
export async function connect(page: Page, lab: Lab, framing: Framing = 'json'): Promise<void> {
  await page.goto(lab.url)
  await page.getByLabel('Alvo').selectOption(`127.0.0.1:${lab.server.ports[framing]}`)
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
}

/** Connects one pane (the region "Cliente A", "Cliente B") to the bundled server's port for `framing`. */
export async function connectPane(
  pane: Locator,
  lab: Lab,
  framing: Framing = 'json',
): Promise<void> {
  await pane.getByLabel('Alvo').selectOption(`127.0.0.1:${lab.server.ports[framing]}`)
  await pane.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(pane)).toContainText('Conectado')
}
