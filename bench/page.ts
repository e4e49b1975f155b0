// npm run bench:page: a first visit, a reload, the first answer and `npm start`, this tree beside REF's build.
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Browser } from '@playwright/test'
import { firstScreen } from '../scripts/first-screen.ts'
import { startWireLab } from '../scripts/package-steps.ts'
import { CHROMIUM } from '../test-support/chromium.ts'
import { checkout, repo } from './checkout.ts'
import { firstAnswerMs, visit, type Load } from './page-measure.ts'
import { median } from './stats.ts'

const { values } = parseArgs({
  options: {
    /** The git ref measured beside this tree: by default main before the page-weight work. */
    ref: { type: 'string', default: '766ede8' },
    runs: { type: 'string', default: '5' },
  },
})
const RUNS = Number(values.runs)
const START = ['npm', 'start', '--']
// Flags both builds know: any free ports, so neither collides with a wire-lab already running.
const ARGS = ['--port', '0', '--any-ports', '--quiet']
const ENCODINGS = ['gzip', 'br'] as const
type Encoding = (typeof ENCODINGS)[number]

const FIGURES = [
  'start',
  'first-gzip',
  'first-br',
  'reload-gzip',
  'reload-br',
  'requests-first',
  'requests-reload',
  'answer',
] as const
type Figure = (typeof FIGURES)[number]

/** One build measured: its tree, whether it is this one, its samples, the encodings it answered. */
interface Side {
  name: string
  dir: string
  own: boolean
  samples: Record<Figure, number[]>
  /** Content-Encoding counts of the last first visit, per Accept-Encoding asked for. */
  answered: Partial<Record<Encoding, Map<string, number>>>
}

function side(name: string, dir: string, own: boolean): Side {
  const samples = Object.fromEntries(FIGURES.map((f) => [f, [] as number[]])) as Side['samples']
  return { name, dir, own, samples, answered: {} }
}

/**
 * Chromium sends the Accept-Encoding set through CDP, as far as the answers show: none comes in
 * another encoding, and this tree, which precompresses, answers some in the one asked for.
 */
function checkEncodings(s: Side, load: Load, encoding: Encoding): void {
  const seen = new Map<string, number>()
  for (const e of load.encodings.values()) seen.set(e, (seen.get(e) ?? 0) + 1)
  s.answered[encoding] = seen
  const other = [...seen.keys()].filter((e) => e !== encoding && e !== 'identity')
  if (other.length > 0 || (s.own && !seen.has(encoding))) {
    throw new Error(
      `asked ${s.name} for ${encoding} through CDP, got ${[...seen.keys()].join(', ')}: ` +
        'Chromium did not send the Accept-Encoding override',
    )
  }
}

/** Starts the side's `npm start`, measures it in `browser`, and stops it. */
async function measure(s: Side, browser: Browser): Promise<void> {
  const wl = await startWireLab(s.dir, ARGS, START)
  try {
    // The warm-up start built the page: a timed start that builds measures vite, not starting.
    if (wl.output.includes('Building the page')) throw new Error(`${s.name} built its page again`)
    s.samples.start.push(wl.startMs)
    for (const encoding of ENCODINGS) {
      const { first, reload } = await visit(browser, wl.url, encoding)
      checkEncodings(s, first, encoding)
      s.samples[`first-${encoding}`].push(first.bytes)
      s.samples[`reload-${encoding}`].push(reload.bytes)
      s.samples['requests-first'].push(first.requests)
      s.samples['requests-reload'].push(reload.requests)
    }
    s.samples.answer.push(await firstAnswerMs(browser, wl.url))
  } finally {
    await wl.stop()
  }
}

const bytes = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => Math.round(n).toLocaleString('en-US')
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`

/** The table: one row per figure, this tree, REF, and their ratio (this tree / REF). */
function table(sides: [Side, Side]): string[][] {
  const med = (s: Side, f: Figure) => median(s.samples[f])
  const row = (name: string, fmt: (n: number) => string, ...figures: Figure[]) => [
    name,
    ...sides.map((s) => figures.map((f) => fmt(med(s, f))).join(' / ')),
    figures.map((f) => ratio(med(sides[0], f), med(sides[1], f))).join(' / '),
  ]
  const js = sides.map((s) => {
    const files = firstScreen(join(s.dir, 'dist')).filter((f) => f.path.endsWith('.js'))
    return [files.reduce((n, f) => n + f.gzip, 0), files.reduce((n, f) => n + f.br, 0)] as const
  })
  return [
    ['measure', ...sides.map((s) => s.name), 'ratio'],
    row('npm start ms (spawn to "running")', ms, 'start'),
    row('first visit bytes, gzip', bytes, 'first-gzip'),
    row('first visit bytes, br', bytes, 'first-br'),
    row('reload bytes, gzip', bytes, 'reload-gzip'),
    row('reload bytes, br', bytes, 'reload-br'),
    row('requests, first visit / reload', String, 'requests-first', 'requests-reload'),
    row('first answer card ms', ms, 'answer'),
    [
      'first-screen JS bytes, gzip / br (dist/)',
      ...js.map(([gz, br]) => `${bytes(gz)} / ${bytes(br)}`),
      `${ratio(js[0]![0], js[1]![0])} / ${ratio(js[0]![1], js[1]![1])}`,
    ],
  ]
}

function print(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  for (const r of rows) {
    console.log(
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   '),
    )
  }
}

async function main(): Promise<void> {
  const old = await checkout(values.ref, { install: true })
  let browser: Browser | undefined
  try {
    const sides: [Side, Side] = [side('this tree', repo, true), side(old.commit, old.dir, false)]
    for (const s of sides) {
      // The first start in a tree without a fresh dist/ builds the page; the timed ones do not.
      process.stderr.write(`  warm-up start (builds the page if needed): ${s.name}\n`)
      await (await startWireLab(s.dir, ARGS, START)).stop()
    }
    browser = await chromium.launch(CHROMIUM)
    console.log(
      `bench:page: this tree vs ${old.commit} (--ref ${values.ref}), node ${process.version}, ` +
        `${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, ` +
        `median of ${RUNS} run(s) each, interleaved; Chromium ${browser.version()} headless\n`,
    )
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, the order alternating, so drift on a busy machine hits both sides alike.
      for (const i of run % 2 === 0 ? [0, 1] : [1, 0]) {
        process.stderr.write(`  run ${run + 1}/${RUNS}: ${sides[i]!.name}\n`)
        await measure(sides[i]!, browser)
      }
    }
    print(table(sides))
    console.log("\nContent-Encoding of the first visit's answers with a body:")
    for (const encoding of ENCODINGS) {
      const seen = sides.map((s) =>
        [...(s.answered[encoding] ?? [])].map(([e, n]) => `${n} ${e}`).join(', '),
      )
      console.log(
        `  asked for ${encoding}: ${sides.map((s, i) => `${s.name} ${seen[i]}`).join('; ')}`,
      )
    }
    console.log(LEGEND)
  } finally {
    await browser?.close()
    await old.remove()
  }
}

const LEGEND = `
What the figures are:
  npm start        \`npm start -- ${ARGS.join(' ')}\` in each tree, page already built (one warm-up
                   start each), from spawning npm to the "wire-lab is running" line.
  bytes            CDP Network.loadingFinished encodedDataLength (headers and body) summed over every
                   request, Accept-Encoding set through CDP Network.setExtraHTTPHeaders; a fresh
                   browser context each, until "Conectar" shows and the network is idle.
  reload           page.reload() in the same context, counted the same way: what the cache headers save.
                   A build without Cache-Control (sirv's ETag and Last-Modified only) is revalidated
                   (304s), or taken from Chromium's cache while heuristically fresh (a tenth of the
                   file's age since its build), so its reload varies with how long ago dist/ was built.
  requests         answered by the server, 304s included (the median over both encodings' visits).
  first answer     fresh context: from page.goto to the "Resposta 1" card, after Conectar, "Conectado"
                   and Enviar (the form's default request).
  first-screen JS  scripts/first-screen.ts on each tree's dist/: the scripts index.html loads, gzip -9
                   and brotli 11, whatever the server sends.`

await main()
