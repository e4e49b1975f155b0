// Generated RESP streams: every value and command comes back whole, with its exact byte range, however cut.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { chunking, concat, splitBytes } from '../fuzz-chunking.ts'
import { createProtocolDecoder } from './decoders.ts'
import { inlineCommand, respBytes, respCommand, type RespValue } from './resp-values.ts'
import { feed, plain, utf8 } from './test-feed.ts'

const line = fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '_'))
const blob = fc.uint8Array({ maxLength: 40 })
const digits = fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String)

/** Any value but attributes (which do not count in their aggregate), as the decoder gives it. */
const value: fc.Arbitrary<RespValue> = fc.letrec<{ value: RespValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    line.map((text): RespValue => ({ type: 'simple', text })),
    line.map((text): RespValue => ({ type: 'error', text })),
    digits.map((text): RespValue => ({ type: 'integer', text })),
    digits.map((text): RespValue => ({ type: 'bignum', text })),
    fc
      .constantFrom('1.5', '-0.25', 'inf', '-inf', 'nan', '1e+300', '3')
      .map((text): RespValue => ({ type: 'double', text })),
    fc.boolean().map((v): RespValue => ({ type: 'boolean', value: v })),
    fc.constantFrom('$', '*', '_').map((marker): RespValue => ({ type: 'null', marker })),
    blob.map((b): RespValue => ({ type: 'bulk', ...respBytes(b) })),
    blob.map((b): RespValue => ({ type: 'blob-error', ...respBytes(b) })),
    fc
      .tuple(fc.stringMatching(/^[a-z]{3}$/), blob)
      .map(([format, b]): RespValue => ({ type: 'verbatim', format, ...respBytes(b) })),
    fc
      .tuple(fc.constantFrom('array', 'set', 'push'), fc.array(tie('value'), { maxLength: 4 }))
      .map(([type, items]): RespValue => ({ type, items })),
    fc
      .array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 })
      .map((entries): RespValue => ({ type: 'map', entries })),
  ),
})).value

/** A value's bytes, written independently of the decoder. */
function encode(v: RespValue): Uint8Array {
  const head = (s: string) => utf8(s + '\r\n')
  const sized = (t: string, b: Uint8Array) => concat([head(`${t}${b.length}`), b, head('')])
  switch (v.type) {
    case 'simple':
      return head('+' + v.text)
    case 'error':
      return head('-' + v.text)
    case 'integer':
      return head(':' + v.text)
    case 'bignum':
      return head('(' + v.text)
    case 'double':
      return head(',' + v.text)
    case 'boolean':
      return head(v.value ? '#t' : '#f')
    case 'null':
      return head(v.marker === '_' ? '_' : `${v.marker}-1`)
    case 'bulk':
      return sized('$', v.bytes)
    case 'blob-error':
      return sized('!', v.bytes)
    case 'verbatim':
      return sized('=', concat([utf8(v.format + ':'), v.bytes]))
    case 'array':
    case 'set':
    case 'push':
      return concat([
        head(`${{ array: '*', set: '~', push: '>' }[v.type]}${v.items.length}`),
        ...v.items.map(encode),
      ])
    case 'map':
    case 'attribute':
      return concat([head(`%${v.entries.length}`), ...v.entries.flat().map(encode)])
    case 'inline':
      return inlineCommand(v.args)
  }
}

/** Wire bytes of parts, and each part's expected [value, start, end]. */
function laidOut(parts: [Uint8Array, unknown][]) {
  let at = 0
  const expected = parts.map(([bytes, v]) => [v, at, (at += bytes.length)])
  return { wire: concat(parts.map(([b]) => b)), expected }
}

const decoded = (dir: 'request' | 'response', chunks: Uint8Array[]) =>
  feed(createProtocolDecoder('resp', dir, { maxMessage: 1 << 20 }), chunks).events.map((e) =>
    e.type === 'message' && e.message.protocol === 'resp'
      ? [plain(e.message.value), e.start, e.end]
      : plain(e),
  )

describe('resp decoder, generated streams', () => {
  test('replies: each value whole, with its exact range, however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), chunking, (values, cut) => {
        const { wire, expected } = laidOut(values.map((v) => [encode(v), plain(v)]))
        expect(decoded('response', splitBytes(wire, cut))).toEqual(expected)
      }),
      { numRuns: 200 },
    )
  })

  test('commands: arrays of bulk strings and inline lines, any arguments', () => {
    const text = fc
      .string({ unit: 'binary', maxLength: 12 })
      .filter((s) => s === new TextDecoder().decode(utf8(s)))
    const command = fc.tuple(fc.boolean(), fc.array(text, { minLength: 1, maxLength: 4 }))
    fc.assert(
      fc.property(fc.array(command, { maxLength: 6 }), chunking, (commands, cut) => {
        const { wire, expected } = laidOut(
          commands.map(([inline, args]) => {
            if (!inline)
              return [
                respCommand(args),
                {
                  type: 'array',
                  items: args.map((a) => plain({ type: 'bulk', ...respBytes(utf8(a)) })),
                },
              ]
            const bytes = inlineCommand(args)
            const line = new TextDecoder().decode(bytes.subarray(0, -2))
            return [bytes, { type: 'inline', line, args, unbalanced: false }]
          }),
        )
        expect(decoded('request', splitBytes(wire, cut))).toEqual(expected)
      }),
      { numRuns: 200 },
    )
  })
})
