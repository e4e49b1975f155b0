import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startFloodServer, type FloodKind, type FloodServer } from './flood.ts'

let server: FloodServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

// Everything a client receives until the server's flood has ended and the bytes are in.
async function receive(kind: FloodKind, bytes: number): Promise<Buffer> {
  server = await startFloodServer({ kind, bytes })
  const flood = server
  const socket = net.connect(flood.port, '127.0.0.1')
  const parts: Buffer[] = []
  let got = 0
  await new Promise<void>((resolve) => {
    socket.on('data', (d: Buffer) => {
      parts.push(d)
      got += d.length
      if (got === bytes) void flood.ended().then(() => resolve())
    })
  })
  socket.destroy()
  return Buffer.concat(parts)
}

describe('the flooding server', () => {
  it('sends ~1 KiB answers back to back and stops at its byte limit', async () => {
    const got = await receive('json', 300_000)
    expect(got.length).toBe(300_000)
    expect(server!.sent()).toBe(300_000)
    const first = got.subarray(0, got.indexOf('}') + 1).toString()
    expect(JSON.parse(first)).toMatchObject({ 'CODIGO DE ERRO': '200' })
    expect(first.length).toBeGreaterThan(1000)
  })

  it('sends text lines with no framing', async () => {
    const got = await receive('raw', 200_000)
    expect(got.subarray(0, 25).toString()).toBe('linha 0 do loop infinito\n')
    expect(got.includes('{')).toBe(false)
  })

  it('sends one huge answer, or a burst of answers, in one write', async () => {
    const huge = await receive('huge', 100_000)
    expect(huge.subarray(0, 17).toString()).toBe('{"CODIGO DE ERRO"')
    expect(huge.subarray(-2).toString()).toBe('"}')
    await server!.close()
    const burst = await receive('burst', 65_536)
    expect(burst.toString().match(/CODIGO DE ERRO/g)!.length).toBeGreaterThan(60)
  })

  it('stops at its time limit too, and when the client leaves', async () => {
    server = await startFloodServer({ kind: 'json', bytes: 1e12, ms: 50 })
    const socket = net.connect(server.port, '127.0.0.1')
    socket.resume()
    await server.ended()
    const sent = server.sent()
    expect(sent).toBeGreaterThan(0)
    socket.destroy()
    const again = await startFloodServer({ kind: 'raw', bytes: 1e12 })
    const paused = net.connect(again.port, '127.0.0.1')
    // A client that never reads: the server waits on backpressure, then sees it go.
    paused.pause()
    await new Promise((resolve) => paused.once('connect', resolve))
    paused.destroy()
    await again.ended()
    await again.close()
  })
})
