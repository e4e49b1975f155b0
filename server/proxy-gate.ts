// A connection's first bytes: whom it speaks for (a trusted PROXY v2 header) and where its data starts.
import { wlError } from '../shared/errors.ts'
import { canonicalIp } from '../shared/ip-address.ts'
import { ProxyV2Reader, type ProxyV2Header, type ProxyV2Read } from '../shared/proxy-v2.ts'
import type { Visitor } from './workspaces.ts'

/**
 * The addresses whose PROXY headers the server believes (PROTOCOL.md "Workspaces", Trust): 127.0.0.1 and ::1,
 * where the bundled bridge runs, and any given. Throws WL_ERR_TRUST for a text that is not an address.
 */
export class ProxyTrust {
  private readonly extra: ReadonlySet<string>

  constructor(addresses: readonly string[] = []) {
    this.extra = new Set(
      addresses.map((text) => {
        const address = canonicalIp(text)
        if (address === undefined) {
          throw wlError('WL_ERR_TRUST', `not an IP address: ${text}`)
        }
        return address
      }),
    )
  }

  /** Whether a connection from `address` may say whom it speaks for. */
  trusts(address: string | undefined): boolean {
    if (address === undefined) return false
    const canonical = canonicalIp(address)
    if (canonical === undefined) return false
    // The bundled bridge dials 127.0.0.1; other 127.x.y.z are other "computers" (tests use them).
    return canonical === '127.0.0.1' || canonical === '::1' || this.extra.has(canonical)
  }
}

/** The header as the log tells it, without its trailing bytes. */
export type ProxyHeaderInfo = Omit<ProxyV2Header, 'rest' | 'type'>

/** What a read tells: wait, or the connection is ready (for whom, and its first data), or refused. */
export type GateRead =
  | { type: 'more' }
  | { type: 'ready'; visitor: Visitor; data: Uint8Array; header?: ProxyHeaderInfo | undefined }
  | { type: 'refused'; reason: string }

const MORE: GateRead = { type: 'more' }

/**
 * One connection's start. From a peer that is not trusted every byte is data at once (a header there
 * is an ordinary malformed message). From a trusted peer, a PROXY header names the visitor; without
 * one the peer is its own visitor; a broken header refuses the connection (the spec: drop it).
 */
export class ProxyGate {
  private readonly reader: ProxyV2Reader | undefined

  constructor(
    /** The socket's remote address. */
    private readonly peer: string,
    trusted: boolean,
  ) {
    this.reader = trusted ? new ProxyV2Reader() : undefined
  }

  /** The next read; after anything but `more`, the gate is done and the socket's data is plain. */
  push(chunk: Uint8Array): GateRead {
    if (this.reader === undefined)
      return { type: 'ready', visitor: { address: this.peer }, data: chunk }
    return this.answer(this.reader.push(chunk))
  }

  /** The peer ended its side before the gate was done. */
  end(): GateRead {
    if (this.reader === undefined) {
      return { type: 'ready', visitor: { address: this.peer }, data: new Uint8Array(0) }
    }
    return this.answer(this.reader.end())
  }

  private answer(read: ProxyV2Read): GateRead {
    switch (read.type) {
      case 'more':
        return MORE
      case 'invalid':
        return { type: 'refused', reason: read.reason }
      case 'not-proxy':
        return { type: 'ready', visitor: { address: this.peer }, data: read.bytes }
      case 'header': {
        const { command, source, destination, group, length } = read
        const header = { command, source, destination, group, length }
        // LOCAL, and families without IP addresses, name no one else: the socket's peer stands.
        const visitor = { address: source?.address ?? this.peer, group }
        return { type: 'ready', visitor, data: read.rest, header }
      }
    }
  }
}
