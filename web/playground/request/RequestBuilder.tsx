// The request builder: Form and Raw tabs over one state, the wire preview, and the Send button.
import { useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react'
import type { Framing } from '../../../shared/framing.ts'
import { nextTab } from '../../ui/tabs.ts'
import {
  hintsFor,
  textToSend,
  type BuilderAction,
  type BuilderState,
  type BuilderTab,
} from './request.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import { RawEditor } from './RawEditor.tsx'
import { RequestForm } from './RequestForm.tsx'
import { WirePreview } from './WirePreview.tsx'
import type { BytesAction, BytesEditorState } from './bytes-editor.ts'
import { BytesEditor, ExactPreview } from './BytesEditor.tsx'
import type { CopyItem } from './CopyCode.tsx'
import { SendRow } from './SendRow.tsx'

interface Props {
  builder: BuilderState
  dispatch: (action: BuilderAction) => void
  framing: Framing
  canSend: boolean
  onSend: () => void
  /** What Ctrl+Enter does here (default: sends from anywhere on the page). */
  shortcut?: string
  /** The Bytes tab: exact bytes, sent without framing. */
  bytes: BytesEditorState
  bytesDispatch: (action: BytesAction) => void
  /** The lesson's byte examples (invalid UTF-8, NUL), shown on the Bytes tab. */
  examples: ReactNode
  /** Copy as Python / as shell. */
  copy: readonly CopyItem[]
}

const TABS: readonly BuilderTab[] = ['form', 'raw', 'bytes']
const TAB_LABEL = { form: 'tabForm', raw: 'tabRaw', bytes: 'tabBytes' } as const

/** Tabs follow the WAI-ARIA pattern: arrow keys move between them, Tab goes into the panel. */
export function RequestBuilder(props: Props) {
  const { builder, dispatch, framing, canSend, onSend } = props
  const { tab } = builder
  const t = useT()
  const pid = usePaneId()
  // What Send will put on the wire: the form's text when the raw one cannot be shown as a form.
  const wire = textToSend(builder)
  const hints = useMemo(() => hintsFor(wire, framing), [wire, framing])
  const rawHints = useMemo(
    () => (wire === builder.raw ? hints : hintsFor(builder.raw, framing)),
    [wire, builder.raw, framing, hints],
  )
  const tabRefs = useRef<Record<BuilderTab, HTMLButtonElement | null>>({
    form: null,
    raw: null,
    bytes: null,
  })

  const onTab = (next: BuilderTab) => dispatch({ type: 'tab', tab: next })
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const next = nextTab(TABS, tab, e.key)
    if (!next) return
    e.preventDefault()
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
              {t[TAB_LABEL[name]]}
            </button>
          ))}
        </div>
      </div>
      <TabPanel name="form" tab={tab}>
        <RequestForm
          builder={builder}
          hints={hints}
          onField={(key, value) => dispatch({ type: 'field', key, value })}
        />
      </TabPanel>
      <TabPanel name="raw" tab={tab}>
        <RawEditor
          raw={builder.raw}
          hints={rawHints}
          onRaw={(raw) => dispatch({ type: 'raw', raw })}
        />
      </TabPanel>
      <TabPanel name="bytes" tab={tab}>
        <BytesEditor state={props.bytes} dispatch={props.bytesDispatch} />
        {props.examples}
      </TabPanel>
      {tab === 'bytes' ? (
        <ExactPreview bytes={props.bytes.bytes} />
      ) : (
        <WirePreview raw={wire} framing={framing} />
      )}
      <SendRow
        canSend={canSend}
        onSend={onSend}
        {...(props.shortcut ? { shortcut: props.shortcut } : {})}
        copy={props.copy}
      />
      <p className="muted small hints-note">{t.hintsNeverBlock}</p>
    </section>
  )
}

// One editor's panel, labelled by its tab and hidden while the other tab shows.
function TabPanel(props: { name: BuilderTab; tab: BuilderTab; children: ReactNode }) {
  const pid = usePaneId()
  return (
    <div
      role="tabpanel"
      id={pid(`panel-${props.name}`)}
      aria-labelledby={pid(`tab-${props.name}`)}
      hidden={props.tab !== props.name}
    >
      {props.children}
    </div>
  )
}
