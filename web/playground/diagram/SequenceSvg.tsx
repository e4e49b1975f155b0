// The sequence diagram as inline SVG: participant boxes (a sticky head) and the arrows below (the body).
import type { ReactNode, Ref } from 'react'
import type { SequenceLayout } from './sequence-layout.ts'
import type { StepText } from './sequence-text.ts'
import { LIFELINES, type Step } from './sequence.ts'
import type { Theme } from '../../prefs/use-theme.ts'

/** Colours as attributes, not CSS, so an exported file looks the same anywhere (theme.css's values). */
export const PALETTES = {
  light: {
    bg: '#ffffff',
    text: '#141b26',
    muted: '#4e5b6e',
    lifeline: '#aab5c5',
    box: '#e3ebfc',
    boxLine: '#2255cc',
    band: '#f5f7fb',
    sent: '#a8470c',
    received: '#0b6a9e',
    control: '#4e5b6e',
    ok: '#17703f',
    warn: '#8a5300',
    error: '#b3212a',
    errorSoft: '#fde7e8',
  },
  dark: {
    bg: '#151c28',
    text: '#e8edf5',
    muted: '#a3afc2',
    lifeline: '#4a5870',
    box: '#1f2d4d',
    boxLine: '#7ea6ff',
    band: '#1b2432',
    sent: '#ffa86b',
    received: '#6cc9f5',
    control: '#a3afc2',
    ok: '#5fd896',
    warn: '#f5c15c',
    error: '#ff7b7b',
    errorSoft: '#421c20',
  },
} as const satisfies Record<Theme, Record<string, string>>
type Palette = (typeof PALETTES)[Theme]

/** The font stack of the page (theme.css), written into the SVG. */
export const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', 'DejaVu Sans', sans-serif"

// A standalone <svg> showing rows `from` to `to` of the diagram's coordinates, in the page's font.
function Svg({
  svgRef,
  width,
  from,
  to,
  children,
  ...aria
}: {
  svgRef: Ref<SVGSVGElement> | undefined
  width: number
  from: number
  to: number
  children: ReactNode
  role?: string
  'aria-label'?: string
  'aria-hidden'?: 'true'
}) {
  return (
    <svg
      ref={svgRef}
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={to - from}
      viewBox={`0 ${from} ${width} ${to - from}`}
      fontFamily={FONT}
      {...aria}
    >
      {children}
    </svg>
  )
}

interface Props {
  layout: SequenceLayout
  theme: Theme
  /** The drawn <svg> (not `ref`: the build's Preact passes `ref` to function components only through forwardRef). */
  svgRef?: Ref<SVGSVGElement>
}

/** The participant boxes (Página, Ponte, Servidor TCP), drawn above the lifelines. */
export function SequenceHead({
  svgRef,
  layout,
  theme,
  names,
}: Props & { names: Record<string, string> }) {
  const p = PALETTES[theme]
  const { box, font, width } = layout
  return (
    <Svg svgRef={svgRef} width={width} from={0} to={layout.top} aria-hidden="true">
      {LIFELINES.map((name) => (
        <g key={name}>
          <rect
            x={layout.x[name] - box.width / 2}
            y={box.y}
            width={box.width}
            height={box.height}
            rx={8}
            fill={p.box}
            stroke={p.boxLine}
            strokeWidth={1.5}
          />
          <text
            x={layout.x[name]}
            y={box.y + box.height / 2 + font * 0.36}
            textAnchor="middle"
            fontSize={font * 0.95}
            fontWeight={700}
            fill={p.text}
          >
            {names[name]}
          </text>
        </g>
      ))}
    </Svg>
  )
}

/** Lifelines and one list item per step; `data-kind` and `data-hop` say what each arrow is. */
export function SequenceBody({
  svgRef,
  layout,
  theme,
  texts,
  label,
}: Props & { texts: readonly StepText[]; label: string }) {
  const p = PALETTES[theme]
  const { width, height, top } = layout
  return (
    <Svg svgRef={svgRef} width={width} from={top} to={height} role="list" aria-label={label}>
      <g aria-hidden="true">
        {LIFELINES.map((name) => (
          <line
            key={name}
            x1={layout.x[name]}
            y1={top}
            x2={layout.x[name]}
            y2={height}
            stroke={p.lifeline}
            strokeWidth={2}
            strokeDasharray="6 6"
          />
        ))}
      </g>
      {layout.rows.map((r, i) => (
        <StepRow key={r.step.key} step={r.step} y={r.y} text={texts[i]!} layout={layout} p={p} />
      ))}
    </Svg>
  )
}

interface RowProps {
  step: Step
  y: number
  text: StepText
  layout: SequenceLayout
  p: Palette
}

// One step: a divider band, a note over a lifeline, or an arrow with its label above it.
function StepRow({ step, y, text, layout, p }: RowProps) {
  const { width, font, line } = layout
  if (step.type !== 'arrow') {
    const divider = step.type === 'divider'
    const x = divider ? width / 2 : layout.x[step.over]
    const w = divider ? width - font * 0.6 : Math.min(font * 15, width * 0.4)
    return (
      <g role="listitem" aria-label={text.aria} data-kind={step.type}>
        <rect
          x={x - w / 2}
          y={y - font}
          width={w}
          height={font * 2}
          rx={6}
          fill={divider ? p.band : p.errorSoft}
          stroke={divider ? p.lifeline : p.error}
        />
        <text
          x={x}
          y={y + font * 0.36}
          textAnchor="middle"
          fontSize={font * 0.92}
          fontWeight={650}
          fill={divider ? p.text : p.error}
        >
          {text.lines[0]}
        </text>
      </g>
    )
  }
  const x1 = layout.x[step.from]
  const x2 = layout.x[step.to]
  const dir = Math.sign(x2 - x1)
  const head = font * 0.7
  const colour =
    step.kind === 'request' ? p.sent : step.kind === 'response' ? p.received : p[step.tone]
  const lead = step.kind === 'control' ? p.text : p[step.tone]
  const lines = text.lines
  // A halo in the background colour keeps a label readable where it crosses a lifeline.
  const halo = { paintOrder: 'stroke', stroke: p.bg, strokeWidth: font * 0.4 } as const
  return (
    <g
      role="listitem"
      aria-label={text.aria}
      data-kind={step.kind}
      data-hop={`${step.from}-${step.to}`}
    >
      {!step.key.endsWith('b') && (
        <text x={font * 0.3} y={y + font * 0.3} fontSize={font * 0.72} fill={p.muted}>
          +{Math.round(step.t)} ms
        </text>
      )}
      <line
        x1={x1 + dir * 3}
        y1={y}
        x2={x2 - dir * (3 + head * 0.8)}
        y2={y}
        stroke={colour}
        strokeWidth={step.kind === 'control' ? 1.6 : 2.4}
        strokeDasharray={step.kind === 'response' ? '8 5' : undefined}
      />
      <polygon
        points={`${x2 - dir * 3},${y} ${x2 - dir * (3 + head)},${y - head / 2} ${x2 - dir * (3 + head)},${y + head / 2}`}
        fill={colour}
      />
      {lines.map((l, i) => (
        <text
          key={i}
          x={(x1 + x2) / 2}
          y={y - font * 0.55 - (lines.length - 1 - i) * line}
          textAnchor="middle"
          fontSize={i === 0 ? font : font * 0.92}
          fontWeight={i === 0 && step.kind !== 'control' ? 700 : 500}
          fill={i === 0 ? lead : p.text}
          {...halo}
        >
          {l}
        </text>
      ))}
    </g>
  )
}
