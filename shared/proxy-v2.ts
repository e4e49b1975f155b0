// PROXY protocol v2 (HAProxy's proxy-protocol.txt, 2.2): the bridge builds the header, the server reads it.
//
// Written here rather than taken from proxy-protocol-js (moznion, 4.0.6, last commit 2022): its parser
// needs the whole header at once and throws on bad input; it ignores the length field, so TLVs and the
// bytes after the header come back as one blob; and its builder leaves TLVs out of the length, so a
// group could not be sent. The server needs an incremental reader that never throws and says "not a
// PROXY header" at the first byte that differs from the signature. The library is kept as a
// devDependency only, to check interop in proxy-v2.test.ts.
import { wlError, type WlErrorCode } from './errors.ts'
import { formatIp, parseIp, unmapIpv4 } from './ip-address.ts'
import { isGroupName } from './bridge-constants.ts'

/** The 12 bytes every v2 header starts with (spec 2.2). */
export const PROXY_V2_SIGNATURE = Uint8Array.of(
  0x0d,
  0x0a,
  0x0d,
  0x0a,
  0x00,
  0x0d,
  0x0a,
  0x51,
  0x55,
  0x49,
  0x54,
  0x0a,
)
/** The TLV type carrying the group name: the first of the application range 0xE0-0xEF (spec 2.2.8). */
export const GROUP_TLV = 0xe0
/**
 * The longest header the reader accepts, in bytes. The spec's own sample receiver reads into a 232-byte
 * buffer and drops anything longer; the bridge's longest is 87 (IPv6 and a 32-byte group). The cap
 * stops a client from making the server hold 64 KiB before it has said who it is.
 */
export const MAX_PROXY_V2_LENGTH = 1024

/** One end of a TCP connection. */
export interface Endpoint {
  address: string
  port: number
}

/** What the bridge tells the server: the page's address, the port it reached, and its group. */
export interface ProxyV2Info {
  source: Endpoint
  destination: Endpoint
  group?: string | undefined
}

const VERSION = 0x20
const PROXY = 0x01
const LOCAL = 0x00
const TCP4 = 0x11
const TCP6 = 0x21
// Family/transport bytes the spec defines (2.2): UNSPEC, then TCP and UDP over IPv4, IPv6 and UNIX.
const ADDRESS_LENGTH = new Map([
  [0x00, 0],
  [0x11, 12],
  [0x12, 12],
  [0x21, 36],
  [0x22, 36],
  [0x31, 216],
  [0x32, 216],
])

const fail = (code: WlErrorCode, message: string) => wlError(code, message)

/**
 * The header for a TCP connection: IPv4 when both addresses are IPv4 (`::ffff:a.b.c.d` counts as
 * IPv4), else IPv6 with IPv4 addresses mapped. Throws WL_ERR_PROXY_ADDRESS, WL_ERR_PROXY_PORT or
 * WL_ERR_GROUP for values a socket never gives (a programmer error: check a group with isGroupName).
 */
export function buildProxyV2(info: ProxyV2Info): Uint8Array {
  const address = (text: string) => {
    const bytes = parseIp(text)
    if (bytes === undefined) throw fail('WL_ERR_PROXY_ADDRESS', `not an IP address: ${text}`)
    return unmapIpv4(bytes)
  }
  let src = address(info.source.address)
  let dst = address(info.destination.address)
  for (const port of [info.source.port, info.destination.port]) {
    if (!Number.isInteger(port) || port < 0 || port > 0xffff) {
      throw fail('WL_ERR_PROXY_PORT', `not a TCP port: ${port}`)
    }
  }
  const group = info.group
  if (group !== undefined && !isGroupName(group)) {
    throw fail('WL_ERR_GROUP', `not a group name: ${JSON.stringify(group)}`)
  }
  const v4 = src.length === 4 && dst.length === 4
  if (!v4) [src, dst] = [mapped(src), mapped(dst)]
  const tlv = group === undefined ? 0 : 3 + group.length
  const length = 2 * src.length + 4 + tlv
  const out = new Uint8Array(16 + length)
  out.set(PROXY_V2_SIGNATURE)
  out.set([VERSION | PROXY, v4 ? TCP4 : TCP6, length >> 8, length & 0xff], 12)
  out.set(src, 16)
  out.set(dst, 16 + src.length)
  let at = 16 + 2 * src.length
  out.set([info.source.port >> 8, info.source.port & 0xff], at)
  out.set([info.destination.port >> 8, info.destination.port & 0xff], at + 2)
  at += 4
  if (group !== undefined) {
    out.set([GROUP_TLV, 0, group.length], at)
    // A group name is ASCII, so its characters are its bytes.
    for (let i = 0; i < group.length; i++) out[at + 3 + i] = group.charCodeAt(i)
  }
  return out
}

function mapped(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 16) return bytes
  const out = new Uint8Array(16)
  out.set([0xff, 0xff], 10)
  out.set(bytes, 12)
  return out
}

/** A complete header: for PROXY over TCP/UDP and IPv4/IPv6, the original endpoints and the group. */
export interface ProxyV2Header {
  type: 'header'
  /** `local`: the proxy's own connection (a health check); the socket's endpoints are the real ones. */
  command: 'proxy' | 'local'
  /** Absent for LOCAL, and for families without IP addresses (UNSPEC, UNIX), as the spec allows. */
  source?: Endpoint | undefined
  destination?: Endpoint | undefined
  group?: string | undefined
  /** The header's size in bytes. */
  length: number
  /** The bytes after the header in the last push: ordinary data. */
  rest: Uint8Array
}

/** What a push tells: wait, not a header (all bytes so far are data), a bad header, or the header. */
export type ProxyV2Read =
  | { type: 'more' }
  | { type: 'not-proxy'; bytes: Uint8Array }
  | { type: 'invalid'; reason: string }
  | ProxyV2Header

const MORE: ProxyV2Read = { type: 'more' }

/** Reads one PROXY v2 header from the start of a byte stream, whatever the read boundaries. */
export class ProxyV2Reader {
  private seen = 0
  private readonly fixed = new Uint8Array(16)
  private body: Uint8Array | undefined
  private done = false

  constructor(private readonly maxLength = MAX_PROXY_V2_LENGTH) {}

  /** Takes the next read; anything but `more` is final, and the reader takes no more bytes. */
  push(chunk: Uint8Array): ProxyV2Read {
    if (this.done) throw fail('WL_ERR_PROXY_DONE', 'the PROXY header was already read')
    let i = 0
    for (; i < chunk.length && this.seen < 16; i++) {
      const byte = chunk[i]!
      if (this.seen < 12 && byte !== PROXY_V2_SIGNATURE[this.seen]) {
        // Every byte before this one matched, so the signature's prefix stands for them.
        const before = PROXY_V2_SIGNATURE.subarray(0, this.seen - i)
        return this.finish({ type: 'not-proxy', bytes: join(before, chunk) })
      }
      this.fixed[this.seen++] = byte
      const problem = this.checkFixed()
      if (problem !== undefined) return this.finish({ type: 'invalid', reason: problem })
    }
    if (this.seen < 16) return MORE
    const body = (this.body ??= new Uint8Array((this.fixed[14]! << 8) | this.fixed[15]!))
    const have = this.seen - 16
    const take = Math.min(body.length - have, chunk.length - i)
    body.set(chunk.subarray(i, i + take), have)
    this.seen += take
    if (have + take < body.length) return MORE
    return this.finish(parseBody(this.fixed, body, chunk.subarray(i + take)))
  }

  /** The stream ended: a partial signature was data after all; a partial header is refused (spec 2.2). */
  end(): ProxyV2Read {
    if (this.done) throw fail('WL_ERR_PROXY_DONE', 'the PROXY header was already read')
    if (this.seen < 12) {
      return this.finish({ type: 'not-proxy', bytes: PROXY_V2_SIGNATURE.slice(0, this.seen) })
    }
    const total = this.seen < 16 ? 'at least 16' : String(16 + this.body!.length)
    return this.finish({
      type: 'invalid',
      reason: `the connection ended inside the PROXY header (${this.seen} of ${total} bytes)`,
    })
  }

  // The check for the byte just read into `fixed`, as soon as it can be made.
  private checkFixed(): string | undefined {
    const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`
    switch (this.seen) {
      case 13: {
        const b = this.fixed[12]!
        if ((b & 0xf0) !== VERSION) return `PROXY version ${b >> 4}, not 2 (byte ${hex(b)})`
        const command = b & 0x0f
        if (command !== PROXY && command !== LOCAL) return `unknown PROXY command ${command}`
        return undefined
      }
      case 14: {
        const b = this.fixed[13]!
        return ADDRESS_LENGTH.has(b) ? undefined : `unknown address family/transport ${hex(b)}`
      }
      case 16: {
        const length = (this.fixed[14]! << 8) | this.fixed[15]!
        if (16 + length > this.maxLength) {
          return `PROXY header of ${16 + length} bytes, over the limit of ${this.maxLength}`
        }
        const family = this.fixed[13]!
        const needed = ADDRESS_LENGTH.get(family)!
        // LOCAL carries no addresses, whatever its family says (spec 2.2: the receiver skips them).
        if ((this.fixed[12]! & 0x0f) === PROXY && length < needed) {
          return `PROXY address block of ${length} bytes, family ${hex(family)} needs ${needed}`
        }
        return undefined
      }
    }
    return undefined
  }

  private finish(read: ProxyV2Read): ProxyV2Read {
    this.done = true
    this.body = undefined
    return read
  }
}

/** The header from its fixed 16 bytes and its body (addresses, then TLVs). */
function parseBody(fixed: Uint8Array, body: Uint8Array, rest: Uint8Array): ProxyV2Read {
  const length = 16 + body.length
  if ((fixed[12]! & 0x0f) === LOCAL) return { type: 'header', command: 'local', length, rest }
  const family = fixed[13]!
  const size = ADDRESS_LENGTH.get(family)!
  let source: Endpoint | undefined
  let destination: Endpoint | undefined
  if (size === 12 || size === 36) {
    const a = (size - 4) / 2
    const port = (at: number) => (body[at]! << 8) | body[at + 1]!
    source = { address: formatIp(body.subarray(0, a)), port: port(2 * a) }
    destination = { address: formatIp(body.subarray(a, 2 * a)), port: port(2 * a + 2) }
  }
  let group: string | undefined
  for (let at = size; at < body.length;) {
    if (body.length - at < 3) return invalid(`${body.length - at} byte(s) after the last TLV`)
    const type = body[at]!
    const n = (body[at + 1]! << 8) | body[at + 2]!
    const value = body.subarray(at + 3, at + 3 + n)
    if (value.length < n) return invalid(`TLV 0x${type.toString(16)} overruns the header`)
    at += 3 + n
    // Other types are skipped, as the spec allows (an HAProxy in front may add its own).
    if (type !== GROUP_TLV) continue
    if (group !== undefined) return invalid('two group TLVs')
    group = String.fromCharCode(...value)
    if (!isGroupName(group))
      return invalid(`group TLV ${JSON.stringify(group)} is not a group name`)
  }
  return { type: 'header', command: 'proxy', source, destination, group, length, rest }
}

const invalid = (reason: string): ProxyV2Read => ({ type: 'invalid', reason })

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
