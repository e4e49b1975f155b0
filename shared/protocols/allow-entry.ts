// The allow-list entry syntax with protocol and name: HOST:PORT[-PORT][=PROTOCOL][:Name], pure.
import { formatTarget, parseTarget } from '../bridge-constants.ts'
import { FRAMINGS, type Framing } from '../framing.ts'
import { PROTOCOLS, type Protocol } from './types.ts'

/**
 * One allow-list entry: a host, an inclusive port range, and what is known of the target. `protocol`
 * absent means the lesson's (as before protocols existed); `framing` only with the lesson protocol.
 */
export interface AllowEntry {
  host: string
  from: number
  to: number
  protocol?: Protocol
  framing?: Framing
  label?: string
}

/** The outcome of parsing an entry: the entry, or why the text is not one (English, for the terminal). */
export type AllowEntryResult = { ok: true; entry: AllowEntry } | { ok: false; reason: string }

/** What `=PROTOCOL` accepts: a protocol, or one of the lesson's framings (the lesson with that framing). */
export const ALLOW_PROTOCOL_WORDS: readonly string[] = [...PROTOCOLS, ...FRAMINGS]

/** The syntax, for help texts and refusals. */
export const ALLOW_SYNTAX = 'HOST:PORT[-PORT][=PROTOCOL][:Name]'

/** Longest name accepted, in characters. */
export const MAX_LABEL = 60

// The host has no bare ':' (IPv6 goes in brackets), '=' or brackets; the port is digits only. So the
// first '-' after the port starts the range, '=' the protocol, and the next ':' the name, which runs to
// the end and may hold anything printable, ':' and '=' included.
const ENTRY =
  /^(\[[0-9A-Fa-f:.]+\]|[^\s:=[\]/]+):(\d{1,5})(?:-(\d{1,5}))?(?:=([A-Za-z]+))?(?::(.*))?$/s

/**
 * Parses `HOST:PORT[-PORT][=PROTOCOL][:Name]`: `127.0.0.1:6379=resp:Redis`,
 * `127.0.0.1:8000=http:My web server`, `192.168.0.42:3213:Ana's server`, `[::1]:3214=ndjson`.
 * PROTOCOL is http, resp, lines, raw or lesson, or a lesson framing (json, ndjson, length, naive),
 * case-insensitive. Never throws.
 */
export function parseAllowEntry(text: string): AllowEntryResult {
  const m = ENTRY.exec(text.trim())
  const fail = (why: string): AllowEntryResult => ({
    ok: false,
    reason: `${why}: expected ${ALLOW_SYNTAX}, such as 127.0.0.1:6379=resp:Redis, not ${JSON.stringify(text)}`,
  })
  if (!m) return fail('not an allow-list entry')
  const [, rawHost = '', low = '', high, word, name] = m
  const first = parseTarget(`${rawHost}:${low}`)
  if (!first) return fail('bad host or port (ports are 1-65535)')
  const to = high === undefined ? first.port : Number(high)
  if (to < first.port || to > 65535) return fail('a port range goes from low to high, up to 65535')
  const entry: AllowEntry = { host: first.host, from: first.port, to }
  if (word !== undefined) {
    const w = word.toLowerCase()
    if ((FRAMINGS as readonly string[]).includes(w)) {
      entry.protocol = 'lesson'
      entry.framing = w as Framing
    } else if ((PROTOCOLS as readonly string[]).includes(w)) entry.protocol = w as Protocol
    else return fail(`unknown protocol "${word}" (use ${ALLOW_PROTOCOL_WORDS.join(', ')})`)
  }
  if (name !== undefined) {
    const label = name.trim()
    if (label === '') return fail('an empty name after ":"')
    if (/\p{Cc}/u.test(label)) return fail('a name with control characters')
    if ([...label].length > MAX_LABEL) return fail(`a name longer than ${MAX_LABEL} characters`)
    entry.label = label
  }
  return { ok: true, entry }
}

/** An entry as text that `parseAllowEntry` reads back to the same entry. */
export function formatAllowEntry(entry: AllowEntry): string {
  const target = formatTarget(entry.host, entry.from)
  const range = entry.to === entry.from ? '' : `-${entry.to}`
  const word = entry.framing ?? entry.protocol
  return `${target}${range}${word === undefined ? '' : `=${word}`}${entry.label === undefined ? '' : `:${entry.label}`}`
}
