// What share of a process's busy CPU time went to some of its source files, from a V8 CPU profile.
import { Session } from 'node:inspector/promises'

/** The parts of a V8 CPU profile (Profiler.stop) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[]
  samples: number[]
  timeDeltas: number[]
}

/**
 * For each named group of files, the share (0..1) of the profile's busy time (its idle samples left
 * out) spent with a function of one of those files anywhere on the stack; a sample counts for the
 * first group that matches it.
 */
export function sharesByFile(
  profile: CpuProfile,
  groups: Record<string, RegExp>,
): { busyMs: number; shares: Record<string, number> } {
  const parent = new Map<number, number>()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const names = Object.keys(groups)
  const time = Object.fromEntries(names.map((n) => [n, 0]))
  // Which group each profile node's stack falls in, computed once per node.
  const groupOf = new Map<number, string | undefined>()
  const classify = (id: number): string | undefined => {
    if (groupOf.has(id)) return groupOf.get(id)
    const urls: string[] = []
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      urls.push(byId.get(x)!.callFrame.url)
    }
    const found = names.find((name) => urls.some((u) => groups[name]!.test(u)))
    groupOf.set(id, found)
    return found
  }
  let busy = 0
  profile.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return
    const dt = profile.timeDeltas[i] ?? 0
    busy += dt
    const group = classify(id)
    if (group !== undefined) time[group]! += dt
  })
  const shares = Object.fromEntries(names.map((n) => [n, busy ? time[n]! / busy : 0]))
  return { busyMs: busy / 1000, shares }
}

/**
 * In the process being measured: SIGUSR2 starts V8's CPU profiler, the next SIGUSR2 stops it and
 * prints `profile {JSON}` (the shares of `groups`) on stdout for the bench that sent the signals.
 */
export function profileOnSignal(groups: Record<string, RegExp>): void {
  const session = new Session()
  session.connect()
  let running = false
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!running) {
        running = true
        await session.post('Profiler.enable')
        await session.post('Profiler.start')
        return
      }
      running = false
      const { profile } = await session.post('Profiler.stop')
      console.log(`profile ${JSON.stringify(sharesByFile(profile as CpuProfile, groups))}`)
    })()
  })
}
