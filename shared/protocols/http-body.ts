// The body of the HTTP message being read: its first bytes, its exact length, its chunks and framing bytes.
import { Pieces } from '../pieces.ts'
import type { HttpBody, HttpChunk } from './http-head.ts'
import type { Range } from './types.ts'

// Chunks listed per message; more are counted, not listed, so memory stays bounded.
const MAX_CHUNKS = 256

/** Collects one body as it streams past, keeping at most `maxBody` bytes of it. */
export class BodyReader {
  framing: HttpBody['framing'] = 'none'
  private length = 0
  private readonly preview = new Pieces()
  private chunks: HttpChunk[] = []
  private chunkCount = 0
  private chunk: HttpChunk | undefined
  private frame: Range[] = []

  constructor(private readonly maxBody: number) {}

  /** Body bytes held for display. */
  get held(): number {
    return this.preview.size
  }

  /** Body bytes went past. */
  keep(bytes: Uint8Array): void {
    this.length += bytes.length
    const room = this.maxBody - this.preview.size
    if (room > 0) this.preview.add(bytes.subarray(0, room))
  }

  /** A chunk-size line was read (its range is the chunk's so far); a size 0 is the last chunk. */
  chunkStarted(chunk: HttpChunk): void {
    this.chunk = chunk
    this.addFrame({ start: chunk.start, end: chunk.end })
    if (chunk.size === 0) this.chunkEnded(chunk.end, 0)
  }

  /** The current chunk's data ended with a line end of `eol` bytes (CRLF or LF) ending at `end`. */
  chunkEnded(end: number, eol: number): void {
    if (eol > 0) this.addFrame({ start: end - eol, end })
    if (this.chunks.length < MAX_CHUNKS) this.chunks.push({ ...this.chunk!, end })
    this.chunkCount++
  }

  /** The trailers and the final blank line ended at `end`: framing too. */
  trailersEnded(end: number): void {
    this.frame.push({ start: this.chunk?.end ?? end, end })
  }

  /** The body and the message's framing ranges; the reader is empty again. */
  take(): { body: HttpBody; frame: Range[] } {
    const bytes = this.preview.take()
    const body: HttpBody = {
      framing: this.framing,
      length: this.length,
      bytes,
      truncated: bytes.length < this.length,
      chunks: this.chunks,
      chunkCount: this.chunkCount,
    }
    const frame = this.frame
    this.clear()
    return { body, frame }
  }

  /** Forgets the body. */
  clear(): void {
    this.preview.clear()
    this.framing = 'none'
    ;[this.length, this.chunks, this.chunkCount, this.chunk, this.frame] = [0, [], 0, undefined, []]
  }

  private addFrame(range: Range): void {
    if (this.frame.length < 2 * MAX_CHUNKS + 1) this.frame.push(range)
  }
}
