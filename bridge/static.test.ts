// The page's static server: encodings, caching, conditional requests, ranges, and handler faults.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRequestHandler } from './http.ts'
import { acceptedEncodings, parseRange } from './static.ts'

describe('parseRange', () => {
  it('reads one range, ignores what it cannot read, and refuses what lies past the end', () => {
    expect(parseRange(undefined, 100)).toBeUndefined()
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 })
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 })
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 })
    expect(parseRange('bytes=-1000', 100)).toEqual({ start: 0, end: 99 })
    expect(parseRange('bytes=50-99999999999999999999', 100)).toEqual({ start: 50, end: 99 })
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=99999999999999999999-', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable')
    for (const ignored of [
      'bytes=10-5',
      'bytes=1-2,4-5',
      'items=1-2',
      'bytes=-',
      'bytes=a-b',
      '',
    ]) {
      expect(parseRange(ignored, 100), ignored).toBeUndefined()
    }
  })
})

describe('acceptedEncodings', () => {
  it('follows q-values and *', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual([
      'br',
      'deflate',
      'gzip',
      'zstd',
    ])
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip'])
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip'])
    expect([...acceptedEncodings('*;q=0.1, br;q=0')]).toEqual(['gzip'])
    expect([...acceptedEncodings('identity')]).toEqual(['identity'])
    expect([...acceptedEncodings('')]).toEqual([])
  })
})

describe('serving files', () => {
  let dir = ''
  let server: http.Server
  let base = ''
  let faults: Error[] = []
  const js = 'console.log("wire-lab");'.repeat(50)
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wire-lab-static-'))
    fs.mkdirSync(path.join(dir, 'assets'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<title>wire-lab</title>')
    const asset = path.join(dir, 'assets', 'index-B2x9Qa7Z.js')
    fs.writeFileSync(asset, js)
    fs.writeFileSync(asset + '.br', brotliCompressSync(js))
    fs.writeFileSync(asset + '.gz', gzipSync(js))
    fs.writeFileSync(path.join(dir, 'café menu.svg'), '<svg/>')
    const handler = createRequestHandler(
      { targets: [] },
      {
        staticDir: dir,
        originAllowed: (origin) => {
          if (origin === 'http://throws.example') throw new Error('boom')
          return false
        },
        onFault: (err) => faults.push(err),
      },
    )
    server = http.createServer(handler)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const get = (url: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        // node:http, not fetch: fetch would decode the encodings this test checks.
        http
          .get(base + url, { headers }, (res) => {
            const parts: Buffer[] = []
            res.on('data', (d: Buffer) => parts.push(d))
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                headers: res.headers,
                body: Buffer.concat(parts),
              }),
            )
          })
          .on('error', reject)
      },
    )

  it('sends brotli, then gzip, then the file, by Accept-Encoding', async () => {
    const url = '/assets/index-B2x9Qa7Z.js'
    const br = await get(url, { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(br.body).toEqual(brotliCompressSync(js))
    const gz = await get(url, { 'Accept-Encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.body).toEqual(gzipSync(js))
    const plain = await get(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(js)
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(Number(plain.headers['content-length'])).toBe(js.length)
  })

  it('caches hashed assets for a year and revalidates index.html, with 304 on a match', async () => {
    const asset = await get('/assets/index-B2x9Qa7Z.js', { 'Accept-Encoding': 'br' })
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const again = await get('/assets/index-B2x9Qa7Z.js', {
      'Accept-Encoding': 'br',
      'If-None-Match': asset.headers.etag!,
    })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    // The gzip variant is another representation with another validator.
    const other = await get('/assets/index-B2x9Qa7Z.js', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': asset.headers.etag!,
    })
    expect(other.status).toBe(200)
    const index = await get('/')
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect((await get('/', { 'If-None-Match': index.headers.etag! })).status).toBe(304)
    expect((await get('/', { 'If-Modified-Since': index.headers['last-modified']! })).status).toBe(
      304,
    )
  })

  it('serves routes as index.html, percent-encoded names, and 404 for missing files', async () => {
    expect((await get('/some/route')).body.toString()).toBe('<title>wire-lab</title>')
    const svg = await get('/caf%C3%A9%20menu.svg')
    expect(svg.headers['content-type']).toBe('image/svg+xml')
    expect((await get('/assets/missing-AAAAAAAA.js')).status).toBe(404)
    expect((await get('/%E0%A4%A')).status).toBe(400)
  })

  it('answers 500 when a handler throws, tells onFault once, and serves the next request', async () => {
    faults = []
    const res = await get('/api/targets', { Origin: 'http://throws.example' })
    expect(res.status).toBe(500)
    expect(res.body.toString()).toBe('internal error\n')
    expect(faults.map((f) => f.message)).toEqual(['boom'])
    expect((await get('/')).status).toBe(200)
  })
})
