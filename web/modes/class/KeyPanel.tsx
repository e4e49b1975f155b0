// What the class mode shows without a valid key: how to open the teacher URL, and a field for the key.
import { useId, useState } from 'react'
import { useT } from '../../i18n/use-i18n.ts'
import type { ClassState } from './class-store.ts'

/** The refusal (no key, a wrong one) or the wait (checking, bridge down); nothing of the class. */
export function KeyPanel({ state, onKey }: { state: ClassState; onKey: (key: string) => void }) {
  const t = useT()
  const id = useId()
  const [text, setText] = useState('')
  const waiting = state.access === 'checking' || state.access === 'granted'
  const needsKey = state.access === 'no-key' || state.access === 'refused'
  return (
    <div className="mode-page class-page">
      <section className="card key-panel" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{t.cls.keyHeading}</h2>
        {waiting && <p role="status">{t.cls.checking}</p>}
        {state.access === 'unreachable' && <p role="status">{t.cls.unreachable}</p>}
        {state.access === 'incompatible' && <p role="alert">{t.cls.incompatible}</p>}
        {needsKey && (
          <>
            {state.access === 'refused' ? (
              <p role="alert" className="key-refused">
                {t.cls.keyRefused}
              </p>
            ) : (
              <p>{t.cls.keyNeeded}</p>
            )}
            <p>{t.cls.keyHow}</p>
            <p className="muted">
              {t.cls.studentsGo} <a href="#playground">{t.mode.playground}</a>
            </p>
            <form
              className="key-form"
              onSubmit={(e) => {
                e.preventDefault()
                if (text.trim()) onKey(text)
              }}
            >
              <label htmlFor={`${id}-key`}>{t.cls.keyLabel}</label>
              <div className="key-row">
                <input
                  id={`${id}-key`}
                  className="mono"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                />
                <button type="submit" className="button primary" disabled={!text.trim()}>
                  {t.cls.keySubmit}
                </button>
              </div>
            </form>
          </>
        )}
      </section>
    </div>
  )
}
