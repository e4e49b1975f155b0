// The page's first screen: the files index.html loads before any mode is opened, and their sizes raw, gzip and brotli.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

/** Sizes in bytes of one file as served: raw, gzip -9, brotli 11 (what the build precompresses). */
export interface FileSize {
  path: string
  raw: number
  gzip: number
  br: number
}

/** index.html and every script, module preload and stylesheet it names, as precompressed. */
export function firstScreen(dist: string): FileSize[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const paths = ['index.html']
  for (const m of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) paths.push(m[1]!)
  return paths.map((path) => {
    const bytes = readFileSync(join(dist, path))
    return {
      path,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      br: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
    }
  })
}
