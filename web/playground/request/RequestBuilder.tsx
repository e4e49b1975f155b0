// The request builder: Form and Raw tabs over one state, the wire preview, and the Send button.
import { useMemo, useRef, type KeyboardEvent } from 'react'
import type { Framing } from '../../../shared/framing.ts'
import { hintsFor, type BuilderAction, type BuilderState } from './request.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import { RawEditor } from './RawEditor.tsx'
import { RequestForm } from './RequestForm.tsx'
import { WirePreview } from './WirePreview.tsx'

/** Which editor is showing. */
export type BuilderTab = 'form' | 'raw'

interface Props {
  builder: BuilderState
  dispatch: (action: BuilderAction) => void
  tab: BuilderTab
  onTab: (tab: BuilderTab) => void
  framing: Framing
  canSend: boolean
  onSend: () => void
  /** What Ctrl+Enter does here (default: sends from anywhere on the page). */
  shortcut?: string
}

const TABS: readonly BuilderTab[] = ['form', 'raw']

/** Tabs follow the WAI-ARIA pattern: arrow keys move between them, Tab goes into the panel. */
export function RequestBuilder(props: Props) {
  const { builder, dispatch, tab, onTab, framing, canSend, onSend } = props
  const t = useT()
  const pid = usePaneId()
  const hints = useMemo(() => hintsFor(builder.raw, framing), [builder.raw, framing])
  const tabRefs = useRef<Record<BuilderTab, HTMLButtonElement | null>>({ form: null, raw: null })

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End')
      return
    e.preventDefault()
    const i = TABS.indexOf(tab)
    const next =
      e.key === 'Home'
        ? TABS[0]!
        : e.key === 'End'
          ? TABS[TABS.length - 1]!
          : TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!
    onTab(next)
    tabRefs.current[next]?.focus()
  }

  return (
    <section className="card builder" aria-labelledby={pid('request-heading')}>
      <div className="card-head">
        <h2 id={pid('request-heading')}>{t.requestHeading}</h2>
        <div className="tabs" role="tablist" aria-label={t.editMode}>
          {TABS.map((name) => (
            <button
              key={name}
              ref={(el) => {
                tabRefs.current[name] = el
              }}
              type="button"
              role="tab"
              id={pid(`tab-${name}`)}
              aria-selected={tab === name}
              aria-controls={pid(`panel-${name}`)}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => onTab(name)}
              onKeyDown={onTabKey}
            >
              {name === 'form' ? t.tabForm : t.tabRaw}
            </button>
          ))}
        </div>
      </div>
      <div
        role="tabpanel"
        id={pid('panel-form')}
        aria-labelledby={pid('tab-form')}
        hidden={tab !== 'form'}
      >
        <RequestForm
          builder={builder}
          hints={hints}
          onField={(key, value) => dispatch({ type: 'field', key, value })}
        />
      </div>
      <div
        role="tabpanel"
        id={pid('panel-raw')}
        aria-labelledby={pid('tab-raw')}
        hidden={tab !== 'raw'}
      >
        <RawEditor
          raw={builder.raw}
          hints={hints}
          onRaw={(raw) => dispatch({ type: 'raw', raw })}
        />
      </div>
      <WirePreview raw={builder.raw} framing={framing} />
      <div className="send-row">
        <button type="button" className="button primary send" disabled={!canSend} onClick={onSend}>
          {t.send}
          <span className="send-arrow" aria-hidden="true">
            →
          </span>
        </button>
        <span className="muted small">
          {canSend ? (
            <>
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> — {props.shortcut ?? t.sendShortcut}
            </>
          ) : (
            t.connectToSend
          )}
        </span>
      </div>
      <p className="muted small hints-note">{t.hintsNeverBlock}</p>
    </section>
  )
}
