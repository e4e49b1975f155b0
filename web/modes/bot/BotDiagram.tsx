// The lesson's menu diagram, drawn small: Dados Pessoais, the four fields and their Modificar, current node lit.
import { FIELDS, SERVICES, type FieldName } from '../../../shared/protocol.ts'
import { useT } from '../../i18n/use-i18n.ts'
import type { BotNode } from './bot-menu.ts'

const W = 600
const H = 256
const NODE_H = 44
const DP = { x: 8, y: (H - NODE_H) / 2, w: 160 }
const FIELD_X = 236
const FIELD_W = 150
const MOD_X = 442
const MOD_W = 150
const rowY = (i: number) => 8 + i * 62

/** Where the bot is, in words: the node's name, or the steps before the menu. */
export function nodeName(node: BotNode, modify: string, before: string): string {
  switch (node.at) {
    case 'login':
    case 'missing':
      return before
    case 'menu':
      return SERVICES[0]
    case 'field':
      return `${SERVICES[0]} › ${node.field}`
    case 'edit':
      return `${SERVICES[0]} › ${node.field} › ${modify}`
  }
}

/** The diagram as an image with a text alternative that says where the bot is. */
export function BotDiagram({ node }: { node: BotNode }) {
  const t = useT().botMenu
  const field: FieldName | undefined =
    node.at === 'field' || node.at === 'edit' ? node.field : undefined
  const box = (x: number, y: number, w: number, label: string, current: boolean, key: string) => (
    <g key={key} className={`dg-node${current ? ' is-current' : ''}`}>
      <rect x={x} y={y} width={w} height={NODE_H} rx={10} />
      <text x={x + w / 2} y={y + NODE_H / 2} dominantBaseline="central" textAnchor="middle">
        {label}
      </text>
    </g>
  )
  const edge = (d: string, on: boolean, key: string) => (
    <path
      key={key}
      d={d}
      className={`dg-edge${on ? ' is-on' : ''}`}
      markerStart={on ? 'url(#dg-arrow-on)' : 'url(#dg-arrow)'}
      markerEnd={on ? 'url(#dg-arrow-on)' : 'url(#dg-arrow)'}
    />
  )
  // Fixed-size arrowheads, so a highlighted (thicker) edge does not grow a bigger one.
  const marker = (id: string, className: string) => (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerUnits="userSpaceOnUse"
      markerWidth="9"
      markerHeight="9"
      orient="auto-start-reverse"
    >
      <path d="M0 0 L10 5 L0 10 z" className={className} />
    </marker>
  )
  return (
    <figure className="bot-diagram">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="bot-diagram-title bot-diagram-desc"
        focusable="false"
      >
        <title id="bot-diagram-title">{t.diagram}</title>
        <desc id="bot-diagram-desc">{t.here(nodeName(node, t.modify, t.beforeMenu))}</desc>
        <defs>
          {marker('dg-arrow', 'dg-arrow')}
          {marker('dg-arrow-on', 'dg-arrow is-on')}
        </defs>
        {FIELDS.map((f, i) => {
          const y = rowY(i) + NODE_H / 2
          const from = DP.x + DP.w
          const mid = (from + FIELD_X) / 2
          // Each edge leaves Dados Pessoais at its own height, so the arrowheads there stay apart.
          const start = H / 2 + (i - 1.5) * 9
          return [
            edge(
              `M${from + 2} ${start} C${mid} ${start} ${mid} ${y} ${FIELD_X - 2} ${y}`,
              f === field,
              `e1${f}`,
            ),
            edge(
              `M${FIELD_X + FIELD_W + 2} ${y} L${MOD_X - 2} ${y}`,
              f === field && node.at === 'edit',
              `e2${f}`,
            ),
          ]
        })}
        {box(DP.x, DP.y, DP.w, SERVICES[0], node.at === 'menu', 'dp')}
        {FIELDS.map((f, i) =>
          box(FIELD_X, rowY(i), FIELD_W, f, node.at === 'field' && f === field, f),
        )}
        {FIELDS.map((f, i) =>
          box(MOD_X, rowY(i), MOD_W, t.modify, node.at === 'edit' && f === field, `m${f}`),
        )}
      </svg>
      <figcaption className="muted small">{t.legend}</figcaption>
    </figure>
  )
}
