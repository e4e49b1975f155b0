// Copy buttons for the request as code (Python in the lesson's style, printf | nc), with a status line.
import { useState } from 'react'
import { copyText } from '../../lib/clipboard.ts'
import { useT } from '../../i18n/use-i18n.ts'

/** One thing to copy: its button's label, and the code (made when clicked; absent without a target). */
export interface CopyItem {
  label: string
  code: (() => string) | undefined
}

/** Buttons that copy code; one without code (no target chosen) is disabled, saying why. */
export function CopyCode({ items }: { items: readonly CopyItem[] }) {
  const t = useT()
  const [said, setSaid] = useState('')
  const copy = async (code: () => string, label: string) => {
    const ok = await copyText(code())
    setSaid(ok ? t.codeCopied(label) : t.codeCopyFailed)
  }
  return (
    <div className="copy-code">
      {items.map(({ label, code }) => (
        <button
          key={label}
          type="button"
          className="button small"
          disabled={!code}
          title={code ? undefined : t.copyNoTarget}
          onClick={() => code && void copy(code, label)}
        >
          {label}
        </button>
      ))}
      <span className="muted small" role="status">
        {said}
      </span>
    </div>
  )
}
