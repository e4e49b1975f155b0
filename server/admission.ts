// Who may come in: connection limits in total and per computer, whom a connection speaks for, its workspace.
import type { Registry } from './registry.ts'
import { ProxyGate, type ProxyHeaderInfo, type ProxyTrust } from './proxy-gate.ts'
import { canonicalIp } from '../shared/ip-address.ts'
import type { Visitor, Workspaces, WorkspaceRegistry } from './workspaces.ts'

export interface AdmissionOptions {
  /** Connections at once, all ports together. */
  maxConnections: number
  /** Connections at once from one computer (a bridge's relays count for the page they carry). */
  maxPerClient: number
  trust: ProxyTrust
  /** One registry per workspace; or `registry`, one for everyone. */
  workspaces?: Workspaces | undefined
  registry?: Registry | undefined
}

/** Why a connection is turned away, in the port's framing, before any answer. */
export type Refusal =
  | { kind: 'full'; limit: number }
  | { kind: 'client-full'; limit: number; address: string }
  | { kind: 'bad-header'; reason: string }

/** A connection that came in: whom it speaks for and the registry it works in. */
export interface Admitted {
  visitor: Visitor
  /** The workspace's key (`ip:…`, `group:…`, `class`), or `-` with one registry for everyone. */
  workspace: string
  registry: Registry
  /** The first bytes of data, after a PROXY header if there was one. */
  data: Uint8Array
  header?: ProxyHeaderInfo | undefined
}

/** What a connection's read gives before it is in: wait, come in, or go away. */
export type DoorRead =
  { type: 'more' } | { type: 'in'; admitted: Admitted } | { type: 'out'; refusal: Refusal }

/** One connection at the door; `leave()` when it closes, whatever happened. */
export interface Door {
  push(chunk: Uint8Array): DoorRead
  end(): DoorRead
  leave(): void
}

/**
 * The server's door. A trusted peer (the bundled bridge, on loopback) counts toward the total at once
 * and toward a computer once its PROXY header says which; any other peer counts for its own address.
 */
export class Admission {
  private total = 0
  private readonly perClient = new Map<string, number>()

  constructor(private readonly options: AdmissionOptions) {}

  /** Connections in right now. */
  get connections(): number {
    return this.total
  }

  /** A new connection from `peer`: refused at once when the server or that computer is full. */
  arrive(peer: string): Door | Refusal {
    const { maxConnections, trust } = this.options
    if (this.total >= maxConnections) return { kind: 'full', limit: maxConnections }
    const trusted = trust.trusts(peer)
    const counted = trusted ? undefined : this.count(peer)
    if (counted && 'kind' in counted) return counted
    this.total++
    const gate = new ProxyGate(peer, trusted)
    let address = counted?.address
    let registry: WorkspaceRegistry | undefined
    let left = false
    const answer = (read: ReturnType<ProxyGate['push']>): DoorRead => {
      if (read.type === 'more') return read
      if (read.type === 'refused')
        return { type: 'out', refusal: { kind: 'bad-header', reason: read.reason } }
      if (address === undefined) {
        const through = this.count(read.visitor.address)
        if ('kind' in through) return { type: 'out', refusal: through }
        address = through.address
      }
      const { workspaces } = this.options
      const key = workspaces ? workspaces.keyOf(read.visitor) : '-'
      registry = workspaces?.enter(key)
      const admitted: Admitted = {
        visitor: read.visitor,
        workspace: key,
        registry: registry ?? this.options.registry!,
        data: read.data,
        header: read.header,
      }
      return { type: 'in', admitted }
    }
    return {
      push: (chunk) => answer(gate.push(chunk)),
      end: () => answer(gate.end()),
      leave: () => {
        if (left) return
        left = true
        this.total--
        registry?.leave()
        if (address !== undefined) this.uncount(address)
      },
    }
  }

  private count(peer: string): { address: string } | Refusal {
    const address = canonicalIp(peer) ?? peer
    const n = this.perClient.get(address) ?? 0
    const limit = this.options.maxPerClient
    if (n >= limit) return { kind: 'client-full', limit, address }
    this.perClient.set(address, n + 1)
    return { address }
  }

  private uncount(address: string): void {
    const n = (this.perClient.get(address) ?? 1) - 1
    if (n > 0) this.perClient.set(address, n)
    else this.perClient.delete(address)
  }
}
