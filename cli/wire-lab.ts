#!/usr/bin/env node
// The `wire-lab` command of the installed package: the whole playground, or one of its parts.
import { packageVersion } from './paths.ts'

const command = process.argv[2]
// Each part reads its options from process.argv as when run alone: drop the command's own word.
const part = () => process.argv.splice(2, 1)

switch (command) {
  case 'server':
    part()
    await import('../server/main.ts')
    break
  case 'bridge':
    part()
    await import('../bridge/main.ts')
    break
  case 'check':
    part()
    await import('../conformance/main.ts')
    break
  case '--version':
  case '-v':
    console.log(packageVersion())
    break
  case 'start':
    part()
    await import('./start.ts')
    break
  default:
    // No command, or start's own options (--host 0.0.0.0, --help...): the whole playground.
    await import('./start.ts')
}
