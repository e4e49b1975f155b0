// A pane's exchange as a live sequence diagram: sized to its box and text size, following the newest step.
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { downloadText, standaloneSvg } from '../../lib/download.ts'
import { layoutSequence } from './sequence-layout.ts'
import { stepText } from './sequence-text.ts'
import { sequenceSteps } from './sequence.ts'
import { useSession, useLog } from '../../session/use-session.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import { useTheme } from '../../prefs/use-theme.ts'
import { PALETTES, SequenceBody, SequenceHead } from './SequenceSvg.tsx'

/** The diagram of the ClientSession in context, with a button that downloads it as a standalone SVG file. */
export function SequenceView({ fileName }: { fileName: string }) {
  const t = useT()
  const pid = usePaneId()
  const session = useSession()
  const log = useLog()
  const theme = useTheme()
  const scroller = useRef<HTMLDivElement>(null)
  const probe = useRef<HTMLSpanElement>(null)
  const head = useRef<SVGSVGElement>(null)
  const body = useRef<SVGSVGElement>(null)
  const follow = useRef(true)
  const [size, setSize] = useState({ width: 640, font: 15 })

  useLayoutEffect(() => {
    // The width of the box and the size of 1em (which the large-text switch changes) shape the layout.
    const box = scroller.current
    const em = probe.current
    if (!box || !em) return
    const measure = () => {
      const style = getComputedStyle(box)
      const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
      const next = { width: Math.floor(box.clientWidth - pad), font: em.offsetWidth || 15 }
      setSize((s) => (s.width === next.width && s.font === next.font ? s : next))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    observer.observe(em)
    return () => observer.disconnect()
  }, [])

  const { steps, omitted } = useMemo(
    () => sequenceSteps(session.log.all()),
    // The snapshot's version changes once per batch of new entries, which is when the steps can change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, log.version],
  )
  const layout = useMemo(() => layoutSequence(steps, size), [steps, size])
  const texts = useMemo(() => steps.map((s) => stepText(s, t)), [steps, t])

  useLayoutEffect(() => {
    const el = scroller.current
    if (el && follow.current) el.scrollTop = el.scrollHeight
  }, [layout])

  const onExport = () => {
    if (!head.current || !body.current) return
    const svg = standaloneSvg(
      [head.current, body.current],
      { width: layout.width, height: layout.height },
      PALETTES[theme].bg,
      t.diagramHeading,
    )
    downloadText(fileName, svg, 'image/svg+xml')
  }

  return (
    <>
      <div className="diagram-bar">
        <p className="muted small">{omitted > 0 ? t.diagramOmitted(omitted) : t.diagramLabel}</p>
        <button
          type="button"
          className="button small"
          onClick={onExport}
          disabled={steps.length === 0}
        >
          <span aria-hidden="true">↓ </span>
          {t.exportSvg}
        </button>
      </div>
      <div
        id={pid('diagram')}
        ref={scroller}
        className="diagram"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget
          follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 24
        }}
      >
        <span ref={probe} className="em-probe" aria-hidden="true" />
        <div className="diagram-head">
          <SequenceHead svgRef={head} layout={layout} theme={theme} names={t.lifeline} />
        </div>
        {steps.length === 0 ? (
          <p className="log-empty">{t.diagramEmpty}</p>
        ) : (
          <SequenceBody
            svgRef={body}
            layout={layout}
            theme={theme}
            texts={texts}
            label={t.diagramLabel}
          />
        )}
      </div>
    </>
  )
}
