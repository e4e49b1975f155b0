// The cycle finder: a cycle through type-only imports is found, a diamond is not a cycle.
import { describe, expect, it } from 'vitest'
import { cyclesOf, importsOf } from './import-cycles.ts'

describe('import cycles', () => {
  it('reads value, type-only, re-export, side-effect and dynamic imports, relative ones only', () => {
    const text = [
      "import { a } from './a.ts'",
      "import type { B } from '../b.ts'",
      "export * from './c.ts'",
      "import './d.css'",
      "const e = () => import('./e.tsx')",
      "import { z } from 'zod'",
    ].join('\n')
    expect(importsOf('web/x/y.ts', text)).toEqual([
      'web/x/a.ts',
      'web/b.ts',
      'web/x/c.ts',
      'web/x/d.css',
      'web/x/e.tsx',
    ])
  })

  it('finds a cycle, and only that one', () => {
    const graph = new Map([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', ['d']],
      ['d', []],
      ['e', ['f']],
      ['f', ['g']],
      ['g', ['e']],
      ['h', ['h']],
    ])
    expect(cyclesOf(graph)).toEqual([['e', 'f', 'g'], ['h']])
  })
})
