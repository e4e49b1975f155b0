// The built page as a static file server: precompressed variants, cache headers, ETag/304, byte ranges.
import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream'

/** One servable representation of a file: the file itself, or its .br / .gz sibling. */
interface Variant {
  file: string
  size: number
  etag: string
}

/** A file the server may answer with, found once at startup. */
interface Entry {
  type: string
  /** Hashed build assets never change under their name; everything else is revalidated. */
  immutable: boolean
  mtime: Date
  identity: Variant
  br?: Variant
  gzip?: Variant
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}
// Vite names build output `name-HASH.ext` under assets/: a new build gets new names.
const HASHED = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/

/** Answers a GET or HEAD for `pathname` (still percent-encoded) from the files found at startup. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => void

/**
 * Lists `dir` once (so no URL, however encoded, reaches outside it) and serves its files: the `.br`
 * or `.gz` sibling when the browser accepts it, `index.html` for unknown paths without an extension.
 */
export function createStaticHandler(dir: string): StaticHandler {
  const files = new Map<string, Entry>()
  for (const [url, file] of walk(dir, '')) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue
    const entry = describe(url, file)
    if (entry) files.set(url, entry)
  }
  const index = files.get('/index.html')

  return (req, res, encoded) => {
    let pathname: string
    try {
      pathname = decodeURIComponent(encoded)
    } catch {
      return plain(res, 400, 'bad path\n')
    }
    // Only names listed at startup are looked up, so `..`, NUL or backslashes can match nothing.
    let entry = files.get(pathname === '/' ? '/index.html' : pathname)
    // A single-page app: a path with no file extension is a route of the page.
    if (!entry && !path.posix.basename(pathname).includes('.')) entry = index
    if (!entry) return plain(res, 404, 'not found\n')
    serve(req, res, entry)
  }
}

function* walk(dir: string, prefix: string): Generator<[string, string]> {
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    if (item.name.startsWith('.')) continue
    const file = path.join(dir, item.name)
    if (item.isDirectory()) yield* walk(file, `${prefix}/${item.name}`)
    else if (item.isFile()) yield [`${prefix}/${item.name}`, file]
  }
}

function describe(url: string, file: string): Entry | undefined {
  const identity = variant(file)
  if (!identity) return undefined
  const br = variant(file + '.br')
  const gzip = variant(file + '.gz')
  return {
    type: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    immutable: HASHED.test(url),
    mtime: fs.statSync(file).mtime,
    identity,
    ...(br && { br }),
    ...(gzip && { gzip }),
  }
}

function variant(file: string): Variant | undefined {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    return undefined
  }
  if (!stat.isFile()) return undefined
  const tag = `${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}`
  const suffix = file.endsWith('.br') ? '-br' : file.endsWith('.gz') ? '-gz' : ''
  return { file, size: stat.size, etag: `W/"${tag}${suffix}"` }
}

function serve(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
  const [chosen, encoding] = pickEncoding(entry, req.headers['accept-encoding'])
  res.setHeader('Content-Type', entry.type)
  res.setHeader(
    'Cache-Control',
    entry.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  )
  res.setHeader('ETag', chosen.etag)
  res.setHeader('Last-Modified', entry.mtime.toUTCString())
  if (entry.br || entry.gzip) res.setHeader('Vary', 'Accept-Encoding')
  if (encoding) res.setHeader('Content-Encoding', encoding)
  if (notModified(req, chosen.etag, entry.mtime)) {
    res.statusCode = 304
    return void res.end()
  }
  // Ranges only over the file itself: a range of compressed bytes is of no use to anyone here.
  let range: { start: number; end: number } | 'unsatisfiable' | undefined
  if (!encoding) {
    res.setHeader('Accept-Ranges', 'bytes')
    // An If-Range is only ever met by a strong validator, and these ETags are weak (RFC 9110 13.1.5).
    if (req.headers['if-range'] === undefined) range = parseRange(req.headers.range, chosen.size)
  }
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${chosen.size}`)
    return plain(res, 416, 'range not satisfiable\n')
  }
  const start = range?.start ?? 0
  const end = range?.end ?? chosen.size - 1
  if (range) {
    res.statusCode = 206
    res.setHeader('Content-Range', `bytes ${start}-${end}/${chosen.size}`)
  }
  res.setHeader('Content-Length', Math.max(0, end - start + 1))
  if (req.method === 'HEAD' || chosen.size === 0) return void res.end()
  // Opened before any header is sent, so a file removed since startup is a 404, not a reset.
  fs.open(chosen.file, 'r', (err, fd) => {
    if (err) {
      for (const name of res.getHeaderNames()) res.removeHeader(name)
      return plain(res, 404, 'not found\n')
    }
    const stream = fs.createReadStream('', { fd, start, end })
    pipeline(stream, res, () => {})
  })
}

/** The variant to send and its Content-Encoding: brotli, then gzip, when accepted with q > 0. */
function pickEncoding(entry: Entry, header: string | string[] | undefined): [Variant, string?] {
  const accepted = acceptedEncodings(Array.isArray(header) ? header.join(',') : (header ?? ''))
  if (entry.br && accepted.has('br')) return [entry.br, 'br']
  if (entry.gzip && accepted.has('gzip')) return [entry.gzip, 'gzip']
  return [entry.identity]
}

/** Encodings an Accept-Encoding value allows (RFC 9110 12.5.3), `*` included. */
export function acceptedEncodings(header: string): Set<string> {
  const yes = new Set<string>()
  const no = new Set<string>()
  let any = false
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    if (name === '') continue
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    const ok = q === undefined || Number(q) > 0
    if (name === '*') any = ok
    else (ok ? yes : no).add(name)
  }
  if (any) for (const name of ['br', 'gzip']) if (!no.has(name)) yes.add(name)
  return yes
}

function notModified(req: IncomingMessage, etag: string, mtime: Date): boolean {
  const match = req.headers['if-none-match']
  if (match !== undefined) {
    // Weak comparison (RFC 9110 13.1.2): the W/ prefix does not matter.
    const bare = etag.replace(/^W\//, '')
    return match
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === bare)
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '')
  return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since
}

/**
 * A single `bytes=` range within `size` (RFC 9110 14.1.2). Anything malformed, or several ranges, is
 * ignored (the whole file is sent, as 14.2 allows); a well-formed range wholly past the end is
 * unsatisfiable.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  // Digits beyond what a file could be are still well-formed: compared as numbers, never passed on.
  const first = m[1] === '' ? undefined : Number(m[1])
  const last = m[2] === '' ? undefined : Number(m[2])
  if (first === undefined) {
    // bytes=-N: the last N bytes.
    if (last === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - last!), end: size - 1 }
  }
  if (last !== undefined && last < first) return undefined
  if (first >= size) return 'unsatisfiable'
  return { start: first, end: Math.min(last ?? size - 1, size - 1) }
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}
