// Lesson requests that only the bytes mode can send: invalid UTF-8, a NUL byte, a length prefix by hand.
import { dumps } from '../codec.ts'
import { encodeFrame, type Framing } from '../framing.ts'
import { concatBytes } from '../pieces.ts'
import { ACTION, EMAIL, SERVICE, SERVICES } from '../protocol.ts'
import type { ProtocolPreset } from './presets.ts'

const encoder = new TextEncoder()

/** A CRIAR request whose email holds `inserted` right after "eu": its bytes, and where they start. */
function createWith(inserted: Uint8Array): { body: Uint8Array; offset: number } {
  const text = dumps({ [SERVICE]: SERVICES[0], [ACTION]: 'CRIAR USUARIO', [EMAIL]: 'eu@gmail.com' })
  const cut = encoder.encode(text.slice(0, text.lastIndexOf('eu@') + 2))
  const rest = encoder.encode(text.slice(text.lastIndexOf('eu@') + 2))
  return { body: concatBytes([cut, inserted, rest]), offset: cut.length }
}

/** The byte offset of the 0xff in the invalid-UTF-8 example's body: the server's 400 names it. */
export const INVALID_UTF8_OFFSET = createWith(Uint8Array.of(0xff)).offset

/**
 * Byte examples for a lesson port, framed for it: a request with a 0xff byte (never valid UTF-8: the
 * server answers 400 naming its offset), one with a raw NUL (a control character JSON forbids in a
 * string: 400), and for the length framing a request whose 4-byte length prefix is written by hand.
 */
export function byteExamples(framing: Framing): ProtocolPreset[] {
  const example = (id: string, bytes: Uint8Array): ProtocolPreset => ({
    id,
    protocol: 'lesson',
    framing,
    bytes,
  })
  const out = [
    example('lesson-invalid-utf8', encodeFrame(framing, createWith(Uint8Array.of(0xff)).body)),
    example('lesson-nul', encodeFrame(framing, createWith(Uint8Array.of(0x00)).body)),
  ]
  if (framing === 'length') {
    const body = encoder.encode(
      dumps({ [SERVICE]: SERVICES[0], [ACTION]: 'CONSULTAR USUARIO', [EMAIL]: 'eu@gmail.com' }),
    )
    // The prefix as a student writes it: four bytes, big-endian, the body's length in bytes.
    const n = body.length
    const prefix = Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
    out.push(example('lesson-length-prefix', concatBytes([prefix, body])))
  }
  return out
}
