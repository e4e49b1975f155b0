// The request card for a target speaking another protocol: exact bytes, their preview, Send and copy.
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import type { BytesAction, BytesEditorState } from './bytes-editor.ts'
import { BytesEditor, ExactPreview } from './BytesEditor.tsx'
import type { CopyItem } from './CopyCode.tsx'
import { SendRow } from './SendRow.tsx'

interface Props {
  state: BytesEditorState
  dispatch: (action: BytesAction) => void
  canSend: boolean
  onSend: () => void
  shortcut?: string
  copy: readonly CopyItem[]
}

/** The bytes editor as the whole request: HTTP, RESP and line protocols are written byte for byte. */
export function ProtocolRequest(props: Props) {
  const t = useT()
  const pid = usePaneId()
  return (
    <section className="card builder" aria-labelledby={pid('request-heading')}>
      <div className="card-head">
        <h2 id={pid('request-heading')}>{t.bytesHeading}</h2>
      </div>
      <BytesEditor state={props.state} dispatch={props.dispatch} />
      <ExactPreview bytes={props.state.bytes} />
      <SendRow
        canSend={props.canSend}
        onSend={props.onSend}
        {...(props.shortcut ? { shortcut: props.shortcut } : {})}
        copy={props.copy}
      />
    </section>
  )
}
