import { describe, expect, test } from 'vitest'
import { FRAMINGS, createDecoder, encodeFrame } from '../framing.ts'
import { createProtocolDecoder } from './decoders.ts'
import { plain, utf8 } from './test-feed.ts'

describe('lesson protocol through the common interface', () => {
  test.each(FRAMINGS)(
    '%s: the same messages and errors as framing.ts, with its framing bytes',
    (framing) => {
      const body = utf8('{"a": 1}')
      const wire = new Uint8Array([
        ...encodeFrame(framing, body),
        ...utf8('garbage'),
        ...encodeFrame(framing, body),
      ])
      const d = createProtocolDecoder('lesson', 'request', { framing })
      const ours = [...d.push(wire), ...d.flush(), ...d.end()]
      const theirs = createDecoder(framing)
      const reference = [...theirs.push(wire), ...theirs.flush(), ...theirs.end()]
      expect(ours.map((e) => [e.type, e.start, e.end])).toEqual(
        reference.map((e) => [e.type, e.start, e.end]),
      )
      const [first, theirFirst] = [ours[0], reference[0]]
      expect(first?.type === 'message' && plain(first.message)).toEqual({
        protocol: 'lesson',
        body: theirFirst?.type === 'message' && plain(theirFirst.body),
      })
      const frame = {
        json: [],
        naive: [],
        ndjson: [{ start: 8, end: 9 }],
        length: [{ start: 0, end: 4 }],
      }
      expect(first?.type === 'message' && first.frame).toEqual(frame[framing])
    },
  )
})
