// 2000 idle connections held by the server, directly and through the bridge, then all doing requests.
import { readFileSync } from 'node:fs'
import { afterEach, expect, test } from 'vitest'
import { startChild, type Child } from '../test-support/spawn.ts'
import { FRAMINGS, type Framing } from '../shared/framing.ts'
import { TEXT } from '../shared/protocol.ts'
import { socketCount, startProcesses } from '../scripts/soak-procs.ts'
import { FramedClient, type AnyClient } from '../test-support/framed-client.ts'
import { answerText, cycleStep } from '../test-support/requests.ts'

const HOLD = 2000
const REQUESTS = 5
// The test process holds HOLD sockets; the bridge holds two per WebSocket. Node raises its soft
// limit to the hard one at startup, and only a privileged process can raise the hard one.
const NEEDED_FILES = 2 * HOLD + 500
const MiB = 2 ** 20

function openFileLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8')
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1]
  return soft === undefined ? 0 : soft === 'unlimited' ? Infinity : Number(soft)
}
const limit = openFileLimit()
const fewFiles = limit < NEEDED_FILES
const skipReason = fewFiles
  ? ` (skipped: the open-file limit is ${limit}, ${NEEDED_FILES} needed; raise the hard limit first, e.g. \`ulimit -Hn 8192\` with CAP_SYS_RESOURCE)`
  : ''

const children: Child[] = []
const clients: AnyClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await Promise.all(children.splice(0).map((c) => c.stop()))
})

/** Resolves once `check()` holds, polling: another process's socket count makes no event. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Opens `HOLD` connections, 100 at a time so no listen backlog overflows. */
async function openAll(open: (framing: Framing) => Promise<AnyClient>): Promise<AnyClient[]> {
  for (let i = 0; i < HOLD; i += 100) {
    const batch = Array.from({ length: Math.min(100, HOLD - i) }, (_, k) =>
      open(FRAMINGS[(i + k) % FRAMINGS.length]!),
    )
    clients.push(...(await Promise.all(batch)))
  }
  return clients.slice()
}

/** Every client runs REQUESTS steps of the create/read/modify/read/remove cycle; the exact answers. */
async function allRequest(all: AnyClient[], tag: string): Promise<{ ok: number; wrong: string[] }> {
  const wrong: string[] = []
  let ok = 0
  await Promise.all(
    all.map(async (client, i) => {
      const email = `hold-${tag}-${i}@wire.lab`
      for (let k = 0; k < REQUESTS; k++) {
        const step = cycleStep(email, k)
        client.send(step.request)
        const got = await client.nextText().then(
          ([text]) => text,
          (err: Error) => err.message,
        )
        if (got === step.answer) ok++
        else if (wrong.length < 5) wrong.push(`${client.framing} ${email} #${k}: ${got}`)
      }
    }),
  )
  return { ok, wrong }
}

const mib = (bytes: number) => (bytes / MiB).toFixed(1)

test.skipIf(fewFiles)(
  `the server holds ${HOLD} idle connections, refuses one more, then answers them all${skipReason}`,
  async () => {
    const server = await startChild(
      'server/main.ts',
      [
        ...FRAMINGS.flatMap((f) => [`--${f}-port`, '0']),
        ...['--quiet', '--max-connections', `${HOLD}`, '--max-per-client', `${HOLD}`],
      ],
      [...FRAMINGS],
    )
    children.push(server)
    const pid = server.process.pid
    const sockets0 = await socketCount(pid)
    const rss0 = await server.rss()

    const all = await openAll((framing) => FramedClient.connect(server.ports[framing]!, framing))
    let closedEarly = 0
    for (const c of all) void c.closed.then(() => closedEarly++)
    await until(async () => (await socketCount(pid)) - sockets0 === HOLD, 10_000, 'all accepted')
    // One more is past --max-connections: the server counts exactly HOLD.
    const extra = await FramedClient.connect(server.ports.json!, 'json')
    clients.push(extra)
    expect(await extra.nextText()).toEqual([answerText('503', TEXT.busy(HOLD))])
    await extra.closed
    const rssIdle = await server.rss()

    // Every held connection answering its requests is the event that shows none was closed early.
    const { ok, wrong } = await allRequest(all, 'tcp')
    expect(closedEarly).toBe(0)
    expect(wrong).toEqual([])
    expect(ok).toBe(HOLD * REQUESTS)
    const rssBusy = await server.rss()

    for (const c of all) c.end()
    await Promise.all(all.map((c) => c.closed))
    await until(async () => (await socketCount(pid)) === sockets0, 10_000, 'all closed')
    console.log(
      `server RSS: ${mib(rss0)} MiB at start, ${mib(rssIdle)} MiB holding ${HOLD} idle, ` +
        `${mib(rssBusy)} MiB after ${HOLD * REQUESTS} requests`,
    )
    // About 9 KiB a connection is what it costs here; the bound leaves room for garbage not yet collected.
    expect(rssIdle - rss0).toBeLessThan(48 * MiB)
    expect(rssBusy - rss0).toBeLessThan(96 * MiB)
  },
  60_000,
)

test.skipIf(fewFiles)(
  `the bridge relays ${HOLD} idle WebSockets, refuses one more, then carries all their requests${skipReason}`,
  async () => {
    const { server, bridge } = await startProcesses(
      ['--max-connections', `${HOLD}`, '--max-per-client', `${HOLD}`],
      ['--max-connections', `${HOLD}`, '--max-per-client', `${HOLD}`],
    )
    children.push(server, bridge)
    const [serverPid, bridgePid] = [server.process.pid, bridge.process.pid]
    const serverSockets0 = await socketCount(serverPid)
    const bridgeSockets0 = await socketCount(bridgePid)
    const rss0 = { server: await server.rss(), bridge: await bridge.rss() }
    const url = (framing: Framing) =>
      `ws://127.0.0.1:${bridge.ports.bridge}/?target=127.0.0.1:${server.ports[framing]}`

    const all = await openAll((framing) => FramedClient.ws(url(framing), framing))
    let closedEarly = 0
    for (const c of all) void c.closed.then(() => closedEarly++)
    await until(
      async () =>
        (await socketCount(serverPid)) - serverSockets0 === HOLD &&
        (await socketCount(bridgePid)) - bridgeSockets0 === 2 * HOLD,
      15_000,
      'every relay connected',
    )
    const extra = await FramedClient.ws(url('json'), 'json')
    clients.push(extra)
    expect(await extra.closed).toBe(4006)
    const rssIdle = { server: await server.rss(), bridge: await bridge.rss() }

    const { ok, wrong } = await allRequest(all, 'ws')
    expect(closedEarly).toBe(0)
    expect(wrong).toEqual([])
    expect(ok).toBe(HOLD * REQUESTS)
    const rssBusy = { server: await server.rss(), bridge: await bridge.rss() }

    for (const c of all) c.end()
    await Promise.all(all.map((c) => c.closed))
    await until(
      async () =>
        (await socketCount(serverPid)) === serverSockets0 &&
        (await socketCount(bridgePid)) === bridgeSockets0,
      10_000,
      'all closed',
    )
    console.log(
      `bridge RSS: ${mib(rss0.bridge)} MiB at start, ${mib(rssIdle.bridge)} MiB relaying ${HOLD} idle, ` +
        `${mib(rssBusy.bridge)} MiB after ${HOLD * REQUESTS} requests; server behind it: ` +
        `${mib(rss0.server)} / ${mib(rssIdle.server)} / ${mib(rssBusy.server)} MiB`,
    )
    // About 27 KiB a relay: a WebSocket, its HTTP socket and a TCP socket.
    expect(rssIdle.bridge - rss0.bridge).toBeLessThan(112 * MiB)
    expect(rssBusy.bridge - rss0.bridge).toBeLessThan(160 * MiB)
  },
  60_000,
)
