import { describe, expect, test } from 'vitest'
import { FRAMINGS, concatBytes, encodeFrame, type Framing } from '../shared/framing.ts'
import { LESSON_SCENARIO, TEXT } from '../shared/protocol.ts'
import { LESSON_ANSWERS, answerText, framed } from '../test-support/requests.ts'
import { MemoryRegistry } from './registry.ts'
import { Session, busyAnswer, type Output, type Preamble, type SessionOptions } from './session.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
/** A frame's bytes as the session writes them: one character per byte. */
const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')
const wire = (framing: Framing, answers: readonly string[]) =>
  answers.map((a) => asText(encodeFrame(framing, utf8(a)))).join('')

function open(framing: Framing, options: Partial<SessionOptions> = {}): Session {
  return new Session({
    framing,
    registry: new MemoryRegistry(),
    codes: 'lesson',
    maxMessage: 64 * 1024,
    idleTimeoutMs: 600_000,
    ...options,
  })
}
/** Pushes each chunk in turn; everything the session wrote. */
const feed = (session: Session, chunks: Uint8Array[]) =>
  chunks.map((c) => session.push(c).out).join('')

const DP = 'Dados Pessoais'
const create = (email: string) => ({ SERVIÇO: DP, AÇÃO: 'CRIAR USUARIO', EMAIL_USUARIO: email })
// The lesson's ten requests, each as its client writes it (json.dumps bytes), framed.
const scenario = (framing: Framing) => LESSON_SCENARIO.map((r) => framed(framing, r))
const CONTINUE: Output = { out: '', close: false, wait: 0 }
const CLOSED: Output = { out: '', close: true, wait: 0 }

describe.each(FRAMINGS)('%s session', (framing) => {
  test("the lesson's ten requests, one per read, get PROTOCOL.md's ten answers byte for byte", () => {
    const session = open(framing)
    const outputs = scenario(framing).map((request) => session.push(request))
    expect(outputs.map((o) => o.out)).toEqual(LESSON_ANSWERS.map((a) => wire(framing, [a])))
    for (const o of outputs) expect(o).toMatchObject({ close: false, wait: 0 })
    expect(session.messages).toBe(10)
  })

  test('one line per answer for the log: bytes in and out, code and action', () => {
    const lines: string[] = []
    const session = open(framing, { log: (l) => lines.push(l) })
    const request = framed(framing, create('log@x'))
    const out = session.push(request).out
    // Bytes in as the framing took them: length's prefix counts, as ndjson's newline does.
    expect(lines).toEqual([`in=${request.length}B out=${out.length}B 200 CRIAR USUARIO`])
  })

  test('a registry that fails costs its message a 500, not the session or the next message', () => {
    const registry = new MemoryRegistry()
    registry.create = () => {
      throw new Error('disk full')
    }
    const [lines, faults] = [[] as string[], [] as Error[]]
    const log = (l: string) => lines.push(l)
    const session = open(framing, { registry, log, onFault: (e) => faults.push(e) })
    expect(session.push(framed(framing, create('full@disk'))).out).toBe(
      wire(framing, [answerText('500', TEXT.internal)]),
    )
    expect(session.push(framed(framing, LESSON_SCENARIO[0])).out).toBe(
      wire(framing, [LESSON_ANSWERS[0]!]),
    )
    expect(lines[0]).toBe('internal error: disk full')
    expect(faults.map((e) => e.message)).toEqual(['disk full'])
  })

  test('idle(): a 408 naming the timeout, then the session is closed', () => {
    const session = open(framing, { idleTimeoutMs: 150 })
    expect(session.idle()).toEqual({
      out: wire(framing, [answerText('408', TEXT.idle(0.15))]),
      close: true,
      wait: 0,
    })
    expect(session.push(framed(framing, create('late@x')))).toEqual(CLOSED)
    expect(session.idle()).toEqual(CLOSED)
    expect(session.end()).toEqual(CLOSED)
  })

  test('busyAnswer is the 503 in the port framing', () => {
    expect(busyAnswer(framing, 'lesson', 2)).toBe(wire(framing, [answerText('503', TEXT.busy(2))]))
  })
})

test('a preamble is read before framing, however it is cut, and picks the registry', () => {
  // A stand-in for a PROXY v2 header: one byte of length, then the workspace's name.
  const workspaces = new Map<string, MemoryRegistry>()
  const preamble = (): Preamble => {
    let held: Uint8Array = new Uint8Array(0)
    return {
      read(chunk) {
        held = concatBytes([held, chunk])
        const n = held[0]
        if (n === undefined || held.length < 1 + n) return undefined
        const name = Buffer.from(held.subarray(1, 1 + n)).toString()
        if (!workspaces.has(name)) workspaces.set(name, new MemoryRegistry())
        return { registry: workspaces.get(name)!, rest: held.subarray(1 + n) }
      },
    }
  }
  const requests = [...scenario('ndjson'), framed('ndjson', create('x@y'))]
  const stream = concatBytes([Uint8Array.of(4), utf8('sala'), ...requests])
  const answers = [...LESSON_ANSWERS, answerText('200', TEXT.created('x@y'))]
  for (let cut = 1; cut < stream.length; cut++) {
    workspaces.clear()
    const session = open('ndjson', { preamble: preamble() })
    const halves = [stream.subarray(0, cut), stream.subarray(cut)]
    expect(feed(session, halves), `cut at ${cut}`).toBe(wire('ndjson', answers))
    expect([...workspaces.keys()]).toEqual(['sala'])
    expect(workspaces.get('sala')!.has('x@y')).toBe(true)
  }
})

// naive cannot reassemble: that is its lesson.
describe.each(['json', 'ndjson', 'length'] as const)('%s session, split reads', (framing) => {
  const stream = concatBytes(scenario(framing))
  const golden = wire(framing, LESSON_ANSWERS)

  test('the ten requests in one read, and split at every byte, give the same ten answers', () => {
    expect(feed(open(framing), [stream])).toBe(golden)
    for (let cut = 1; cut < stream.length; cut++) {
      const halves = [stream.subarray(0, cut), stream.subarray(cut)]
      expect(feed(open(framing), halves), `cut at ${cut}`).toBe(golden)
    }
  })

  test('one byte per read', () => {
    const session = open(framing)
    expect(
      feed(
        session,
        Array.from(stream, (b) => new Uint8Array([b])),
      ),
    ).toBe(golden)
    expect(session.messages).toBe(10)
  })

  test('a message cut short and then the half-close: one 400 naming it, and the session ends', () => {
    const session = open(framing)
    const half = framed(framing, create('a@b')).subarray(0, 19)
    expect(session.push(half)).toEqual(CONTINUE)
    expect(session.messages).toBe(0)
    const out = wire(framing, [answerText('400', TEXT.incomplete(19))])
    expect(session.end()).toEqual({ out, close: true, wait: 0 })
    expect(session.push(stream)).toEqual(CLOSED)
  })

  test('the half-close after complete messages ends the session with nothing more to say', () => {
    const session = open(framing)
    expect(feed(session, [stream])).toBe(golden)
    expect(session.end()).toEqual(CLOSED)
  })
})

describe('naive session: each read is one message, as the lesson reads', () => {
  test('a request split at any byte is two bad messages, each answered 400', () => {
    const request = utf8(JSON.stringify(create('eu@gmail.com'))) // raw UTF-8: cuts inside 'Ç' too
    for (let cut = 1; cut < request.length; cut++) {
      const session = open('naive')
      for (const part of [request.subarray(0, cut), request.subarray(cut)]) {
        const { out, close } = session.push(part)
        expect(JSON.parse(out), `cut at ${cut}`).toMatchObject({ 'CODIGO DE ERRO': '400' })
        expect(close).toBe(false)
      }
    }
  })

  test('two requests in one read are one bad message', () => {
    const two = concatBytes([framed('naive', create('a@b')), framed('naive', create('c@d'))])
    expect(JSON.parse(open('naive').push(two).out)).toMatchObject({ 'CODIGO DE ERRO': '400' })
  })

  test('a read of more than 512 bytes is 512-byte messages', () => {
    const out = open('naive').push(utf8(' '.repeat(1100))).out
    expect(out.match(/"CODIGO DE ERRO": "400"/g)).toHaveLength(3)
  })
})

describe('json session: runs of garbage (PROTOCOL.md: one 400 per run)', () => {
  const garbage = (bytes: number) => answerText('400', TEXT.garbage(bytes))

  test('a run cut across reads asks to wait; flush() answers it once, and the session goes on', () => {
    const session = open('json')
    const first = session.push(utf8('ol'))
    expect(first).toMatchObject({ out: '', close: false })
    expect(first.wait).toBeGreaterThan(0)
    expect(session.push(utf8('á ')).wait).toBe(first.wait)
    expect(session.flush()).toEqual({ out: garbage(5), close: false, wait: 0 })
    expect(session.flush()).toEqual(CONTINUE)
    expect(session.push(framed('json', create('a@b'))).out).toBe(
      answerText('200', TEXT.created('a@b')),
    )
  })

  test('a run ended by a { is answered before that message, with no wait', () => {
    const session = open('json')
    expect(session.push(utf8('abc'))).toMatchObject({ out: '' })
    expect(session.push(framed('json', create('a@b')))).toEqual({
      out: garbage(3) + answerText('200', TEXT.created('a@b')),
      close: false,
      wait: 0,
    })
  })

  test('a run open at the half-close is answered before the session ends', () => {
    const session = open('json')
    session.push(utf8('abc'))
    expect(session.end()).toEqual({ out: garbage(3), close: true, wait: 0 })
  })

  test('a message split across reads asks for no wait', () => {
    const session = open('json')
    expect(session.push(framed('json', create('a@b')).subarray(0, 30))).toEqual(CONTINUE)
  })
})

describe('json session: the fast path', () => {
  test('a read that is one plain request is answered without the scanner', () => {
    const session = open('json')
    feed(session, scenario('json').slice(0, 3))
    session.push(utf8(`\n ${JSON.stringify(create('ws@x'))}\r\n`))
    expect(session.scanned).toBe(0)
  })

  test('after a read the scanner had to take, the next plain request goes back to the fast path', () => {
    const session = open('json')
    const [a, b, c] = [create('a@b'), create('c@d'), create('e@f')].map((r) => framed('json', r))
    // Two in one read, then whitespace on its own: the scanner reads them.
    feed(session, [concatBytes([a!, b!]), utf8('\n')])
    const scanned = session.scanned
    expect(scanned).toBe(a!.length + b!.length + 1)
    session.push(c!)
    expect(session.scanned).toBe(scanned)
    // A flushed run of garbage: one plain request is scanned, then the fast path again.
    session.push(utf8('x'))
    session.flush()
    session.push(framed('json', create('g@h')))
    const after = session.scanned
    session.push(framed('json', create('i@j')))
    expect(session.scanned).toBe(after)
  })
})

describe('messages over the limit', () => {
  const tooLarge = (closing: boolean) => answerText('413', TEXT.tooLarge(100, closing))
  const big = utf8('{"x": "' + 'a'.repeat(500) + '"}')

  test('json: 413 as soon as the limit is crossed, then the session closes', () => {
    const session = open('json', { maxMessage: 100 })
    expect(session.push(big.subarray(0, 150))).toEqual({
      out: tooLarge(true),
      close: true,
      wait: 0,
    })
    expect(session.push(big.subarray(150))).toEqual(CLOSED)
  })

  test('json: a plain request over the limit in one read gets the same 413 and close', () => {
    const session = open('json', { maxMessage: 100 })
    const request = framed('json', create('a'.repeat(100) + '@b'))
    expect(session.push(request)).toEqual({ out: tooLarge(true), close: true, wait: 0 })
  })

  test('naive: a read over the limit is 413, then the session closes', () => {
    const session = open('naive', { maxMessage: 100 })
    expect(session.push(big.subarray(0, 200))).toEqual({
      out: tooLarge(true),
      close: true,
      wait: 0,
    })
  })

  test.each(['ndjson', 'length'] as const)('%s: 413, the rest is skipped, and it goes on', (f) => {
    const session = open(f, { maxMessage: 100 })
    const next = framed(f, create('n@n'))
    const out = feed(session, [
      encodeFrame(f, big).subarray(0, 120),
      encodeFrame(f, big).subarray(120),
      next,
    ])
    expect(out).toBe(wire(f, [tooLarge(false), answerText('200', TEXT.created('n@n'))]))
  })
})
