// The playground mode: its actions (add client, export, import), the client panes, and the review of a file.
import type { PaneSet } from './panes/panes.ts'
import type { TargetsStore } from '../targets/targets-store.ts'
import type { BridgeLocation } from '../targets/targets.ts'
import { SessionContext } from '../session/use-session.ts'
import { useT } from '../i18n/use-i18n.ts'
import { PanePrefix } from './panes/use-pane.ts'
import type { PlaygroundState, ReviewPane } from './use-playground.ts'
import { ClientPane } from './panes/ClientPane.tsx'
import { ExchangeCard } from './panes/ExchangeCard.tsx'
import { importFailureText } from './review/import-failure.ts'

/** Add client, Export and Import, shown beside the mode tabs. */
export function PlaygroundActions({ panes, state }: { panes: PaneSet; state: PlaygroundState }) {
  const t = useT()
  return (
    <div className="playground-actions">
      {!state.review && panes.canAdd && (
        <button
          type="button"
          className="button small"
          title={t.addClientHelp}
          aria-label={t.addClient}
          onClick={() => panes.add()}
        >
          <span aria-hidden="true">+ </span>
          <span className="wide-text">{t.addClient}</span>
          <span className="narrow-text">{t.addClientShort}</span>
        </button>
      )}
      <button
        type="button"
        className="button small"
        title={t.exportLogHelp}
        aria-label={t.exportLog}
        onClick={state.exportAll}
      >
        <span aria-hidden="true">↓ </span>
        <span className="wide-text">{t.exportLog}</span>
      </button>
      <label className="button small file-button" title={t.importLogLabel}>
        <span aria-hidden="true">↑ </span>
        <span className="wide-text">{t.importLog}</span>
        <input
          type="file"
          accept=".json,application/json"
          aria-label={t.importLogLabel}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0]
            // Cleared at once, so choosing the same file again imports it again.
            e.currentTarget.value = ''
            if (file) void state.importFile(file)
          }}
        />
      </label>
    </div>
  )
}

/** The live panes side by side, or the panes of an imported file with a review banner. */
export function Playground(props: {
  panes: PaneSet
  state: PlaygroundState
  bridge: BridgeLocation
  targets: TargetsStore
}) {
  const t = useT()
  const { state, panes } = props
  const { list, review, failure } = state
  return (
    <>
      {failure && (
        <div className="import-error" role="alert">
          <p>{importFailureText(failure, t)}</p>
          <button type="button" className="button small" onClick={state.dismissFailure}>
            {t.dismiss}
          </button>
        </div>
      )}
      {review && (
        <section className="review-banner" aria-labelledby="review-heading">
          <h2 id="review-heading">{t.review}</h2>
          <p>
            {t.reviewDetail(
              review.fileName,
              new Date(review.exportedAt).toLocaleString(t.dateLocale, {
                dateStyle: 'short',
                timeStyle: 'short',
              }),
            )}
          </p>
          <button type="button" className="button primary" onClick={state.backToLive}>
            {t.backToLive}
          </button>
        </section>
      )}
      <div className={`panes n-${list.length}`} hidden={review !== undefined}>
        {list.map((pane) => (
          <ClientPane
            key={pane.name}
            pane={pane}
            bridge={props.bridge}
            targets={props.targets}
            solo={list.length === 1}
            {...(list.length > 1 ? { onRemove: () => panes.remove(pane.name) } : {})}
          />
        ))}
      </div>
      {review && (
        <div className="panes review">
          {review.panes.map((pane) => (
            <ReviewedPane key={pane.name} pane={pane} />
          ))}
        </div>
      )}
    </>
  )
}

// An imported pane: its name, what it was connected to, and its log or diagram, read-only.
function ReviewedPane({ pane }: { pane: ReviewPane }) {
  const t = useT()
  const prefix = `r${pane.name.toLowerCase()}`
  return (
    <PanePrefix.Provider value={prefix}>
      <SessionContext.Provider value={pane.session}>
        <section
          className={`pane pane-${pane.name.toLowerCase()} duo reviewed`}
          aria-labelledby={`${prefix}-pane-heading`}
        >
          <div className="pane-head">
            <h2 id={`${prefix}-pane-heading`} className="pane-name">
              <span className="pane-dot" aria-hidden="true" />
              {t.clientName(pane.name)}
            </h2>
            <span className="pane-target">{t.reviewTarget(pane.target, pane.framing)}</span>
            <span className="tag">{t.readOnly}</span>
          </div>
          <ExchangeCard readOnly svgName={`wire-lab-${pane.name.toLowerCase()}.svg`} />
        </section>
      </SessionContext.Provider>
    </PanePrefix.Provider>
  )
}
