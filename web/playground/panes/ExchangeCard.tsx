// A pane's exchange card: the live log or the sequence diagram, switched by a toggle in its head.
import { Suspense, lazy, useState } from 'react'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from './use-pane.ts'
import { LiveLog } from '../../log/LiveLog.tsx'
import { LogLegend } from '../../log/LogLegend.tsx'

// The diagram loads when first asked for: most of a lesson is spent in the log.
const SequenceView = lazy(() =>
  import('../diagram/SequenceView.tsx').then((m) => ({ default: m.SequenceView })),
)

type View = 'log' | 'diagram'

/** The card; the toggle stays in place when the view changes, so keyboard focus stays on it. */
export function ExchangeCard({
  readOnly = false,
  svgName,
}: {
  readOnly?: boolean
  svgName: string
}) {
  const t = useT()
  const pid = usePaneId()
  const [view, setView] = useState<View>('log')
  const option = (name: View, text: string) => (
    <button type="button" aria-pressed={view === name} onClick={() => setView(name)}>
      {text}
    </button>
  )
  return (
    <section className="card log-panel" aria-labelledby={pid('log-heading')}>
      <div className="card-head">
        <h2 id={pid('log-heading')} className="exchange-heading">
          {view === 'log' ? t.logHeading : t.diagramHeading}
        </h2>
        <div className="card-head-end">
          {view === 'log' && <LogLegend />}
          <div className="segmented view-switch" role="group" aria-label={t.views}>
            {option('log', t.viewLog)}
            {option('diagram', t.viewDiagram)}
          </div>
        </div>
      </div>
      {view === 'log' ? (
        <LiveLog readOnly={readOnly} />
      ) : (
        <Suspense fallback={<p className="mode-loading">{t.loadingMode}</p>}>
          <SequenceView fileName={svgName} />
        </Suspense>
      )}
    </section>
  )
}
