// npm run bench:flood: the page under a runaway student server, this tree beside REF's build (default main), interleaved.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { pageIsFresh } from '../cli/page-build.ts'
import type { FloodOptions } from '../test-support/flood.ts'
import { floodRun, type Figures } from './flood-page.ts'

const { values } = parseArgs({
  options: {
    /** How long each flood is measured. */
    seconds: { type: 'string', default: '20' },
    /** The git ref whose page is measured beside this tree's (its tree from git archive, built once). */
    ref: { type: 'string', default: 'main' },
    runs: { type: 'string', default: '1' },
  },
})
const SECONDS = Number(values.seconds)
const RUNS = Number(values.runs)
const repo = fileURLToPath(new URL('..', import.meta.url))
const MB = 1_000_000

/** What is flooded, and how it is named in the table. */
interface Scenario {
  title: string
  flood: FloodOptions
  chunk?: boolean
}
const SCENARIOS: Scenario[] = [
  { title: `~1 KiB JSON answers back to back, ${SECONDS} s`, flood: { kind: 'json', bytes: 4e9 } },
  { title: `raw text in 64 KiB writes, ${SECONDS} s`, flood: { kind: 'raw', bytes: 4e9 } },
  { title: `one 20 MB write (one answer), ${SECONDS} s`, flood: { kind: 'huge', bytes: 20 * MB } },
  {
    title: 'open a 64 KiB chunk (one 64 KiB write of answers)',
    flood: { kind: 'burst', bytes: 65_536 },
    chunk: true,
  },
]

function vite(cwd: string): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd, stdio: 'inherit' })
}

/** REF's page built in os.tmpdir()/wire-lab-flood-COMMIT/dist (kept: the next run reuses it). */
async function refBuild(ref: string): Promise<{ name: string; dist: string }> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, maxBuffer: 1 << 30 })
  const commit = git('rev-parse', '--short', `${ref}^{commit}`).toString().trim()
  const dir = join(os.tmpdir(), `wire-lab-flood-${commit}`)
  if (!existsSync(join(dir, 'dist', 'index.html'))) {
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir)
    // git archive, not a worktree: this repository's own state is left as it was.
    execFileSync('tar', ['-x', '-C', dir], { input: git('archive', '--format=tar', commit) })
    await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'))
    vite(dir)
  }
  return { name: commit.startsWith(ref) ? commit : `${ref} ${commit}`, dist: join(dir, 'dist') }
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}
const ms = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(1) : Math.round(x).toString())
const mib = (x: number) => (x / 2 ** 20).toFixed(0)

// The figures of one scenario, one column per side: the worst run of each (max over runs).
function rows(s: Scenario, runs: Figures[][]): [string, ...string[]][] {
  const each = (f: (figures: Figures[]) => string) => runs.map(f)
  const all = (figures: Figures[], pick: (f: Figures) => number[]) => figures.flatMap(pick)
  const max = (figures: Figures[], pick: (f: Figures) => number) => Math.max(...figures.map(pick))
  if (s.chunk) {
    return [
      ['  chunk opened, bytes', ...each((fs) => String(fs[0]?.chunk?.bytes ?? '-'))],
      ['  click-to-frame ms', ...each((fs) => ms(max(fs, (f) => f.chunk?.ms ?? NaN)))],
      ['  elements added', ...each((fs) => String(max(fs, (f) => f.chunk?.elements ?? NaN)))],
    ]
  }
  const clicks = (fs: Figures[]) => all(fs, (f) => f.clicks)
  return [
    [
      '  click-to-frame p50 / p95 / max ms',
      ...each((fs) => [0.5, 0.95, 1].map((q) => ms(pct(clicks(fs), q))).join(' / ')),
    ],
    ['  clicks answered', ...each((fs) => String(clicks(fs).length))],
    ['  JS heap max MiB', ...each((fs) => mib(max(fs, (f) => f.heap)))],
    ['  renderer RSS max MiB', ...each((fs) => mib(max(fs, (f) => f.rss)))],
    [
      '  samples with a row in the log box',
      ...each(
        (fs) =>
          `${fs.reduce((n, f) => n + f.rowsInView, 0)}/${fs.reduce((n, f) => n + f.samples, 0)}`,
      ),
    ],
    ['  MB the server got out', ...each((fs) => (max(fs, (f) => f.sent) / MB).toFixed(0))],
  ]
}

async function main(): Promise<void> {
  if (!pageIsFresh(repo)) vite(repo)
  const ref = await refBuild(values.ref)
  const sides = [ref, { name: 'this tree', dist: join(repo, 'dist') }]
  console.log(
    `bench:flood: ${sides.map((s) => s.name).join(' vs ')}, Chromium ${LAUNCH_NOTE}, ` +
      `${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, ${RUNS} run(s) each, interleaved\n`,
  )
  const table: [string, ...string[]][] = []
  for (const [k, s] of SCENARIOS.entries()) {
    const runs = sides.map((): Figures[] => [])
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, the order alternating, so drift on a busy machine hits both sides alike.
      const order = (k + run) % 2 === 0 ? [0, 1] : [1, 0]
      for (const i of order) {
        process.stderr.write(`  ${s.title}: ${sides[i]!.name}, run ${run + 1}\n`)
        runs[i]!.push(await floodRun(sides[i]!.dist, s.flood, s.chunk ? 5 : SECONDS, s.chunk))
      }
    }
    table.push([s.title, '', ''], ...rows(s, runs))
  }
  const head: [string, ...string[]] = ['', ...sides.map((s) => s.name)]
  const widths = [44, ...head.slice(1).map((h) => Math.max(22, h.length))]
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ')
  console.log(line(head))
  for (const r of table) console.log(line(r))
  console.log(LEGEND)
}

const LAUNCH_NOTE = '(/usr/bin/chromium, headless, 1280x720)'
const LEGEND = `
What the figures are:
  click-to-frame   a click on the log's "Enviados" filter every 250 ms during the flood (CDP input): from
                   the click event's timestamp (the input reaching the page) to the next animation
                   frame's callbacks, which run only after the click's handlers and before that frame is
                   painted; what a person waits for the page to react. Goal: p95 under 100 ms.
  JS heap          V8's used heap plus ArrayBuffer backing stores (CDP Runtime.getHeapUsage), max of
                   one sample a second.
  renderer RSS     resident memory of the largest renderer process (/proc/PID/status VmRSS; pids from CDP
                   SystemInfo.getProcessInfo), max of one sample a second. Goal: bounded by the log's
                   per-pane cap (64 MiB of entries as web/log/budget.ts reckons them) over the tab's own.
  row in log box   a sample a second: is any row of the log inside the log's visible box.
  MB got out       what the server wrote: it writes as fast as the page reads (the bridge's backpressure).
  chunk            "Mostrar os N bytes" on the largest chunk a 64 KiB write made; elements added to the
                   document by it. Goal: under 100 ms.
Each column is its own page build served by this tree's bridge; a fresh browser per run.`

await main()
