// IP addresses as text <-> bytes, so a computer has one name however its socket or header spells it.

const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/

/** The 4 bytes of a dotted IPv4 address, or undefined (no leading zeros: `010` is octal to some). */
function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const out: number[] = []
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined
    const n = Number(part)
    if (n > 255) return undefined
    out.push(n)
  }
  return out
}

/** The 16 bytes of an IPv6 address (`::` and a dotted IPv4 tail allowed, a `%zone` dropped). */
function parseIpv6(address: string): Uint8Array | undefined {
  const zone = address.indexOf('%')
  let text = zone < 0 ? address : address.slice(0, zone)
  let v4: number[] | undefined
  const lastColon = text.lastIndexOf(':')
  if (lastColon < 0) return undefined
  if (text.includes('.', lastColon)) {
    v4 = parseIpv4(text.slice(lastColon + 1))
    if (v4 === undefined) return undefined
    // The dotted tail stands for the last two groups.
    text = text.slice(0, lastColon + 1) + '0:0'
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groupsOf = (s: string) => (s === '' ? [] : s.split(':'))
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) return undefined
  const groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail]
  const out = new Uint8Array(16)
  for (const [i, group] of groups.entries()) {
    if (!IPV6_GROUP.test(group)) return undefined
    const n = parseInt(group, 16)
    out[2 * i] = n >> 8
    out[2 * i + 1] = n & 0xff
  }
  if (v4 !== undefined) out.set(v4, 12)
  return out
}

/** An address's bytes: 4 for IPv4, 16 for IPv6; undefined when the text is neither. */
export function parseIp(text: string): Uint8Array | undefined {
  if (text.includes(':')) return parseIpv6(text)
  const v4 = parseIpv4(text)
  return v4 === undefined ? undefined : Uint8Array.from(v4)
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else the bytes as given. */
export function unmapIpv4(bytes: Uint8Array): Uint8Array {
  if (bytes.length !== 16) return bytes
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return bytes
  return bytes[10] === 0xff && bytes[11] === 0xff ? bytes.slice(12) : bytes
}

/**
 * Text for 4 or 16 address bytes: IPv4 dotted; IPv4-mapped IPv6 as its IPv4 (the same computer, as a
 * dual-stack socket reports it); other IPv6 as RFC 5952 writes it (lowercase, longest zero run as `::`).
 */
export function formatIp(address: Uint8Array): string {
  const bytes = unmapIpv4(address)
  if (bytes.length === 4) return bytes.join('.')
  const groups: number[] = []
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!)
  // RFC 5952 4.2: the longest run of two or more zero groups, the first one on a tie.
  let best = -1
  let bestLength = 1
  for (let i = 0; i < 8;) {
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLength) [best, bestLength] = [i, j - i]
    i = j === i ? i + 1 : j
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':')
  if (best < 0) return hex(groups)
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`
}

/** One spelling per address (see formatIp), or undefined when the text is not an IP address. */
export function canonicalIp(text: string): string | undefined {
  const bytes = parseIp(text)
  return bytes === undefined ? undefined : formatIp(bytes)
}

/** Whether the address is this computer's own: 127.0.0.0/8, `::1`, or either written as IPv6. */
export function isLoopbackIp(text: string): boolean {
  const parsed = parseIp(text)
  if (parsed === undefined) return false
  const bytes = unmapIpv4(parsed)
  if (bytes.length === 4) return bytes[0] === 127
  return bytes.every((b, i) => b === (i === 15 ? 1 : 0))
}
