// Measuring hooks for the scale test and `npm run bench:log`, put on window only when the URL has ?test-hooks.
import { dumps } from '../shared/codec.ts'
import { LESSON_SCENARIO } from '../shared/protocol.ts'
import type { PaneSet } from './playground/panes/panes.ts'
import { wlError } from '../shared/errors.ts'

/** Frame-time figures in milliseconds. */
export interface FrameStats {
  frames: number
  p50: number
  p95: number
  max: number
}

/** What `window.wireLab` offers a test. */
export interface TestHooks {
  /** Feeds a pane's log as a fast stream would until it holds `total` entries; times the append and the render after it. */
  fillLog(
    pane: string,
    total: number,
  ): Promise<{ appendMs: number; renderMs: number; entries: number }>
  /**
   * Scrolls a pane's log for `frames` frames: `step` pixels per frame down from the oldest entry,
   * up from the newest for a negative `step`, or to a random place each frame for `'jump'`.
   */
  scrollLog(pane: string, frames: number, step: number | 'jump'): Promise<FrameStats>
  /** Adds one received chunk of `size` bytes (answers with accented text, back to back) to a pane's log, as one large read would. */
  appendChunk(pane: string, size: number): void
}

declare global {
  interface Window {
    wireLab?: TestHooks
  }
}

const utf8 = new TextEncoder()
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))

/** p50, p95 and max of frame-to-frame times. */
export function frameStats(deltas: readonly number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  const round = (x: number) => Math.round(x * 10) / 10
  return { frames: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(at(1)) }
}

/** Installs `window.wireLab` for `panes`. */
export function installTestHooks(panes: PaneSet): void {
  const sessionOf = (name: string) => {
    const pane = panes.getSnapshot().find((p) => p.name === name)
    if (!pane) throw wlError('WL_ERR_NO_PANE', `no pane ${name}`)
    return pane.session
  }
  // The lesson's requests and a long answer: rows of one, two and five lines of hex.
  const requests = LESSON_SCENARIO.map((r) => utf8.encode(dumps(r)))
  const answer = utf8.encode(
    dumps({
      'CODIGO DE ERRO': '200',
      EXPLICAÇÃO: {
        Nome: 'Cabron',
        Endereço: 'Rua da Aula, 123',
        Telefone: '3218181',
        Email: 'meu@gmail.com',
      },
    }),
  )

  window.wireLab = {
    async fillLog(name, total) {
      const log = sessionOf(name).log
      const started = performance.now()
      log.clear()
      log.beginSession('127.0.0.1:3213', 'json')
      // Stops short if the log's caps drop entries before `total` are held (the figures then say so).
      for (let i = 0; log.all().length < total && log.usage().dropped.entries === 0; i++) {
        const t = i * 0.05
        const left = total - log.all().length
        // Each chunk here is one whole message, so it adds two entries: the chunk and the message.
        if (left < 2 || i % 25 === 24) log.event({ type: 'ws-open' }, t)
        else if (i % 2 === 0) log.chunk('sent', requests[i % requests.length]!, t)
        else log.chunk('received', answer, t)
      }
      const appended = performance.now()
      await frame()
      await frame()
      return {
        appendMs: Math.round(appended - started),
        renderMs: Math.round(performance.now() - appended),
        entries: log.all().length,
      }
    },

    appendChunk(name, size) {
      const log = sessionOf(name).log
      const bytes = new Uint8Array(size)
      for (let at = 0, i = 0; at < size; i++) {
        const one = utf8.encode(dumps({ 'CODIGO DE ERRO': '200', EXPLICAÇÃO: `Usuário ${i} ação` }))
        bytes.set(one.subarray(0, size - at), at)
        at += one.length
      }
      log.beginSession('127.0.0.1:3213', 'json')
      log.chunk('received', bytes, 0)
    },

    async scrollLog(name, frames, step) {
      const el = document.getElementById(`${name.toLowerCase()}-log`)
      if (!el) throw wlError('WL_ERR_NO_LOG', `no log ${name}`)
      el.scrollTop = step !== 'jump' && step < 0 ? el.scrollHeight : 0
      await frame()
      await frame()
      const deltas: number[] = []
      let last = await frame()
      for (let i = 0; i < frames; i++) {
        const max = el.scrollHeight - el.clientHeight
        el.scrollTop =
          step === 'jump' ? Math.random() * max : Math.max(0, Math.min(max, el.scrollTop + step))
        const now = await frame()
        deltas.push(now - last)
        last = now
      }
      return frameStats(deltas)
    },
  }
}
