// `npm run check`'s import-cycle step: no module may reach itself through its imports, type-only ones included.
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'

// Every static specifier: `import … from 'x'`, `import 'x'`, `export … from 'x'`, `import('x')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.[^']+)'/g

/** The relative imports of one file, as repo paths (type-only imports count: they tie modules too). */
export function importsOf(path: string, text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(SPECIFIER)) out.push(join(dirname(path), m[1]!))
  return out
}

/** Every cycle in `graph`, each once, as the list of files around it (Tarjan's strongly connected parts). */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const part: string[] = []
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w)
      part.push(w)
      if (w === v) break
    }
    const selfLoop = (graph.get(v) ?? []).includes(v)
    if (part.length > 1 || selfLoop) cycles.push(part.reverse())
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return cycles
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = fileURLToPath(new URL('..', import.meta.url))
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx'], {
    cwd: repo,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    graph.set(file, importsOf(file, readFileSync(join(repo, file), 'utf8')))
  }
  const cycles = cyclesOf(graph)
  for (const cycle of cycles) {
    console.error(`import cycle: ${cycle.map((f) => relative('.', f)).join(' -> ')} -> ${cycle[0]}`)
  }
  if (cycles.length > 0) process.exit(1)
  console.log(`No import cycles among ${graph.size} modules (type-only imports included).`)
}
