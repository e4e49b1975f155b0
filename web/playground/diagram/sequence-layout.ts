// Where each part of the sequence diagram goes, in pixels, for a given width and text size (no React).
import type { Lifeline, Step } from './sequence.ts'

/** The box the diagram is drawn in, and its base font size in pixels. */
export interface SequenceGeometry {
  width: number
  font: number
}

/** A step and the y of its arrow (labels sit above it) or of its note's or divider's centre. */
export interface PlacedStep {
  step: Step
  y: number
}

/** Everything the SVG needs: size, lifeline x positions, participant boxes and each step's row. */
export interface SequenceLayout {
  width: number
  height: number
  font: number
  /** Distance between two label lines. */
  line: number
  x: Record<Lifeline, number>
  /** Participant boxes at the top: their top, height and width. */
  box: { y: number; height: number; width: number }
  /** Where the lifelines start (below the boxes). */
  top: number
  rows: PlacedStep[]
}

/** How many text lines a step's label takes: action over email, code over explanation. */
export function labelLines(step: Step): 1 | 2 {
  if (step.type !== 'arrow') return 1
  const l = step.label
  if (l.k === 'request') return l.action && l.email ? 2 : 1
  if (l.k === 'response') return l.summary ? 2 : 1
  return l.k === 'tcp-accept' ? 2 : 1
}

/** Lays out `steps` top to bottom: one row per arrow, note or divider. */
export function layoutSequence(steps: readonly Step[], g: SequenceGeometry): SequenceLayout {
  const font = g.font
  const line = Math.round(font * 1.25)
  // A left gutter for the time of each row; the three lifelines share the rest.
  const gutter = Math.round(font * 3.6)
  const usable = Math.max(g.width - gutter - font, font * 20)
  const width = gutter + usable + font
  const x: Record<Lifeline, number> = {
    page: Math.round(gutter + usable * 0.13),
    bridge: Math.round(gutter + usable * 0.5),
    server: Math.round(gutter + usable * 0.87),
  }
  const box = {
    y: Math.round(font * 0.6),
    height: Math.round(font * 2.4),
    width: Math.round(Math.min(usable * 0.26, font * 10)),
  }
  const top = box.y + box.height
  let y = top + font
  const rows: PlacedStep[] = []
  for (const step of steps) {
    if (step.type === 'arrow') {
      const h = labelLines(step) * line + Math.round(font * 1.1)
      rows.push({ step, y: y + h - Math.round(font * 0.5) })
      y += h
    } else {
      const h = Math.round(font * 2.6)
      rows.push({ step, y: y + Math.round(h / 2) })
      y += h
    }
  }
  return { width, height: y + font, font, line, x, box, top, rows }
}
