// A Vite plugin that writes brotli and gzip copies of the built page, for the bridge to send as they are.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

// Text types worth compressing; images and fonts are compressed already.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/
// Below this, the headers cost more than compression saves.
const MIN_BYTES = 1024

/** Writes `NAME.br` and `NAME.gz` beside each compressible output file, when smaller. */
export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'wire-lab-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(name)) continue
        const file = join(outDir, name)
        const data = readFileSync(file)
        if (data.length < MIN_BYTES) continue
        const br = brotliCompressSync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        })
        const gz = gzipSync(data, { level: 9 })
        if (br.length < data.length) writeFileSync(file + '.br', br)
        if (gz.length < data.length) writeFileSync(file + '.gz', gz)
      }
    },
  }
}
