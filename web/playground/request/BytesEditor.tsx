// The bytes editor: exact bytes as text with escapes or as hex, a file to load, and the exact preview.
import { useState, type DragEvent } from 'react'
import { toHex } from '../../bytes/bytes.ts'
import { ByteGrid } from '../../bytes/ByteGrid.tsx'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import { ExactTextarea } from '../../ui/ExactTextarea.tsx'
import {
  MAX_FILE_BYTES,
  readFileBytes,
  type BytesAction,
  type BytesEditorState,
  type BytesMode,
} from './bytes-editor.ts'

const MODES: readonly BytesMode[] = ['text', 'hex']

interface Props {
  state: BytesEditorState
  dispatch: (action: BytesAction) => void
}

/** The mode buttons, the textarea with its help and error, and a file chooser that also takes drops. */
export function BytesEditor({ state, dispatch }: Props) {
  const t = useT()
  const pid = usePaneId()
  const [fileNote, setFileNote] = useState('')
  const load = async (file: File | undefined) => {
    if (!file) return
    const read = await readFileBytes(file)
    if (read.ok) {
      dispatch({ type: 'load', bytes: read.bytes })
      setFileNote(t.fileLoaded(file.name, read.bytes.length))
    } else
      setFileNote(
        read.reason === 'too-large'
          ? t.fileTooLarge(file.name, file.size, MAX_FILE_BYTES)
          : t.fileUnreadable(file.name),
      )
  }
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    void load(e.dataTransfer.files[0])
  }
  return (
    <div className="bytes-editor" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <div className="bytes-mode" role="group" aria-label={t.bytesMode}>
        <span className="muted small" aria-hidden="true">
          {t.bytesMode}:
        </span>
        {MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            className="button small"
            aria-pressed={state.mode === mode}
            disabled={state.mode !== mode && state.error !== undefined}
            title={state.mode !== mode && state.error ? t.bytesFixFirst : undefined}
            onClick={() => dispatch({ type: 'mode', mode })}
          >
            {t.bytesModes[mode]}
          </button>
        ))}
      </div>
      <label htmlFor={pid('bytes')}>{t.bytesLabel[state.mode]}</label>
      <ExactTextarea
        id={pid('bytes')}
        rows={6}
        value={state.text}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={`${pid('bytes-help')} ${pid('bytes-error')}`}
        onChange={(e) => dispatch({ type: 'edit', text: e.target.value })}
      />
      <p id={pid('bytes-help')} className="muted small">
        {t.bytesHelp[state.mode]}
      </p>
      <p id={pid('bytes-error')} className="problem-text small" aria-live="polite">
        {state.error ? t.bytesError(state.error) : ''}
      </p>
      <div className="bytes-file">
        <label className="button small file-button">
          {t.fileChoose}
          <input
            type="file"
            className="sr-only"
            aria-describedby={pid('bytes-file-note')}
            onChange={(e) => {
              void load(e.target.files?.[0])
              e.target.value = ''
            }}
          />
        </label>
        <span id={pid('bytes-file-note')} className="muted small" aria-live="polite">
          {fileNote || t.fileDrop(MAX_FILE_BYTES)}
        </span>
      </div>
    </div>
  )
}

/** "On the wire" for bytes sent as they are: their count and the bytes themselves. */
export function ExactPreview({ bytes }: { bytes: Uint8Array }) {
  const t = useT()
  const pid = usePaneId()
  return (
    <section className="wire" aria-labelledby={pid('wire-heading')}>
      <h3 id={pid('wire-heading')}>{t.wireHeading}</h3>
      <p className="wire-sum">
        <strong>{t.wireTotal(bytes.length)}</strong>
      </p>
      <div className="wire-bytes">
        <span className="sr-only">
          {t.framedBytes}: {toHex(bytes.subarray(0, 24))}
        </span>
        <ByteGrid bytes={bytes} limit={24} tail={8} />
      </div>
      <p className="muted small">{t.bytesExact}</p>
    </section>
  )
}
