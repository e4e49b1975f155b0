// npm run check:package: the package as a teacher gets it: pack, install with --omit=dev, run, use.
import { chromium } from '@playwright/test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { brotliDecompressSync } from 'node:zlib'
import { packageVersion } from '../cli/paths.ts'
import { CHROMIUM } from '../test-support/chromium.ts'
import { duSync, getRaw, localPrebuild, startWireLab } from './package-steps.ts'

const { values } = parseArgs({
  options: {
    /** Keep the folder with the tarball and the installed package, to look at. */
    keep: { type: 'boolean', default: false },
    /** Build better-sqlite3 from source as a machine without a prebuilt binary must (about 2 min). */
    'source-build': { type: 'boolean', default: false },
  },
})

const repo = join(import.meta.dirname, '..')
const NATIVE = { 'better-sqlite3': true, bufferutil: true }
const tmp = await mkdtemp(join(os.tmpdir(), 'wire-lab-package-'))
const app = join(tmp, 'app')
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`
/** Runs a command to its end; its stdout, or an Error with all it printed if it failed. */
function run(cmd: string, args: string[], cwd: string, env = process.env, warnings?: string[]) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 })
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')}: ${r.status}\n${r.stdout}${r.stderr}`)
  warnings?.push(...r.stderr.split('\n').filter((line) => /warn/i.test(line)))
  return r.stdout
}

try {
  // 1. npm pack, as npm publish would: its prepack script builds the page and the node code.
  let t0 = performance.now()
  const out = run('npm', ['pack', '--json', '--pack-destination', tmp, '--loglevel', 'error'], repo)
  // The build's own output comes first on stdout (vite's colours include '['); npm's JSON array
  // starts on a line of its own.
  const packed = JSON.parse(out.slice(out.search(/^\[$/m))) as {
    filename: string
    size: number
    unpackedSize: number
    entryCount: number
  }[]
  const tgz = packed[0]!
  console.log(
    `packed ${tgz.filename}: ${(tgz.size / 1e3).toFixed(0)} kB, ${tgz.entryCount} files, ` +
      `${(tgz.unpackedSize / 1e6).toFixed(2)} MB unpacked (${seconds(t0)}, build included)`,
  )

  // 2. Installed into an empty folder with no dev dependencies.
  await mkdir(app)
  // The README's folder for a lab machine: the two native helpers' install scripts approved by name
  // (npm 11 asks a project to list the dependencies whose install scripts may run).
  const manifest = { name: 'a-classroom', private: true, allowScripts: NATIVE }
  await writeFile(join(app, 'package.json'), JSON.stringify(manifest, null, 2))
  const prebuilds = values['source-build'] ? undefined : await localPrebuild(repo, tmp)
  // This machine cannot download better-sqlite3's prebuilt binary: its install script would build
  // it from source (two minutes). The clone's build is offered as a local prebuild instead, the way
  // prebuild-install serves an offline mirror (its rc file, found from the package's folder up; an
  // npm_config_ variable would make npm warn); --source-build checks the slow path.
  if (prebuilds) await writeFile(join(app, '.prebuild-installrc'), `local-prebuilds=${prebuilds}\n`)
  t0 = performance.now()
  const install = ['install', '--omit=dev']
  const warnings: string[] = []
  run(
    'npm',
    [...install, '--no-audit', '--no-fund', join(tmp, tgz.filename)],
    app,
    process.env,
    warnings,
  )
  assert.deepEqual(warnings, [], 'the install prints no warning')
  const modules = (await readdir(join(app, 'node_modules'))).filter((n) => !n.startsWith('.'))
  const native = join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  assert.ok(existsSync(native), "better-sqlite3's install script ran")
  console.log(
    `installed with --omit=dev in ${seconds(t0)}: ${modules.length} packages, node_modules ` +
      `${(duSync(join(app, 'node_modules')) / 1e6).toFixed(1)} MB` +
      (prebuilds
        ? ' (better-sqlite3 from the local prebuild)'
        : ' (better-sqlite3 built from source)'),
  )
  for (const dev of ['vite', 'react', 'tsx', 'typescript', '@playwright']) {
    assert.ok(!existsSync(join(app, 'node_modules', dev)), `${dev} must not be installed`)
  }

  // 3. The command and its parts answer.
  const npx = (...args: string[]) => run('npx', ['--no-install', 'wire-lab', ...args], app)
  assert.equal(npx('--version').trim(), packageVersion(repo))
  for (const part of ['server', 'bridge', 'check']) assert.match(npx(part, '--help'), /Usage/)
  assert.match(npx('--help'), /wire-lab/)

  // 4. npx wire-lab on free ports, keeping users in a file: the page brotli-compressed, a request
  // sent by a real browser through the bridge to the server, and the user still there next start.
  const data = join(tmp, 'class.db')
  t0 = performance.now()
  let wl = await startWireLab(app, ['--port', '0', '--any-ports', '--data', data, '--quiet'])
  console.log(`npx wire-lab running in ${seconds(t0)}: ${wl.url}`)
  try {
    const index = await getRaw(wl.url, 'br')
    assert.equal(index.headers['content-encoding'], 'br')
    assert.equal(index.headers['cache-control'], 'no-cache')
    const html = brotliDecompressSync(index.body).toString('utf8')
    const script = /src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1]
    assert.ok(script, 'index.html names its script')
    const asset = await getRaw(wl.url + script, 'br')
    assert.equal(asset.status, 200)
    assert.equal(asset.headers['content-encoding'], 'br')
    assert.match(asset.headers['cache-control'] ?? '', /immutable/)
    console.log(`page: index.html ${index.body.length} B br, ${script} ${asset.body.length} B br`)

    const browser = await chromium.launch(CHROMIUM)
    try {
      const page = await browser.newPage()
      await page.goto(wl.url)
      await page.getByRole('button', { name: 'Conectar' }).click()
      await page
        .getByRole('status', { name: 'Estado da conexão' })
        .filter({ hasText: 'Conectado' })
        .waitFor()
      await page.getByLabel('AÇÃO').selectOption('CRIAR USUARIO')
      await page.getByRole('button', { name: /^Enviar/ }).click()
      const answer = page.getByRole('article', { name: /^Resposta 1,/ })
      await answer.waitFor()
      const code = await answer.locator('.badge').textContent()
      assert.equal(code, '200', 'the first request of a fresh class creates its user')
      console.log(`Chromium: connected, sent CRIAR USUARIO from the form, answer card ${code}`)
    } finally {
      await browser.close()
    }
  } finally {
    await wl.stop()
  }
  wl = await startWireLab(app, ['--port', '0', '--any-ports', '--data', data, '--quiet'])
  await wl.stop()
  assert.match(wl.output, /Users kept in .*\(1 now\)/, 'the user created is kept in --data')
  console.log('restarted: the user is still in the data file (better-sqlite3 works)')
  console.log(`check:package passed (${tmp}${values.keep ? ', kept' : ''})`)
} finally {
  if (!values.keep) await rm(tmp, { recursive: true, force: true })
}
