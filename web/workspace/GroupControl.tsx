// The page's group: a button in the mode bar showing it, opening a small panel to join or leave one.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useT } from '../i18n/use-i18n.ts'
import { useWorkspace } from './use-workspace.ts'
import type { WorkspaceStore } from './workspace-store.ts'

type Said =
  | { kind: 'joined'; group: string }
  | { kind: 'left' }
  | { kind: 'problem'; problem: 'empty' | 'invalid' }

/** One group for the whole page (every pane and mode), kept for the tab, applied from the next connect. */
export function GroupControl({ store }: { store: WorkspaceStore }) {
  const t = useT()
  const id = useId()
  const page = useWorkspace() ?? store.getSnapshot()
  const [open, setOpen] = useState(false)
  const [text, setText] = useState(page.group ?? '')
  const [said, setSaid] = useState<Said | undefined>()
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const input = useRef<HTMLInputElement>(null)

  const close = (refocus: boolean) => {
    setOpen(false)
    setSaid(undefined)
    if (refocus) button.current?.focus()
  }

  useEffect(() => {
    if (!open) return
    input.current?.focus()
    // A press outside the control closes it, as a menu would.
    const outside = (e: PointerEvent) => {
      if (root.current?.contains(e.target as Node)) return
      setOpen(false)
      setSaid(undefined)
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [open])

  const join = (e: FormEvent) => {
    e.preventDefault()
    const result = store.join(text)
    if (!result.ok) return setSaid({ kind: 'problem', problem: result.problem })
    setText(result.group)
    setSaid({ kind: 'joined', group: result.group })
  }
  const leave = () => {
    store.leave()
    setText('')
    setSaid({ kind: 'left' })
  }
  const problem =
    said?.kind === 'problem'
      ? said.problem === 'empty'
        ? t.group.empty
        : t.group.invalid(text)
      : ''

  return (
    <div
      ref={root}
      className="group-control"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation()
          close(true)
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={`button small group-button${page.group ? ' in-group' : ''}`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {t.group.button(page.group)}
      </button>
      <section
        id={`${id}-panel`}
        className="group-panel card"
        aria-labelledby={`${id}-heading`}
        hidden={!open}
      >
        <h2 id={`${id}-heading`}>{t.group.heading}</h2>
        <p>{t.group.intro}</p>
        <form onSubmit={join} noValidate>
          <label htmlFor={`${id}-name`}>{t.group.name}</label>
          <div className="group-row">
            <input
              ref={input}
              id={`${id}-name`}
              className="mono"
              autoComplete="off"
              spellCheck={false}
              placeholder="grupo-3"
              maxLength={64}
              value={text}
              aria-invalid={problem !== ''}
              aria-describedby={`${id}-rule ${id}-said`}
              onChange={(e) => {
                setText(e.target.value)
                setSaid(undefined)
              }}
            />
            <button type="submit" className="button primary small">
              {t.group.join}
            </button>
            {page.group && (
              <button type="button" className="button small" onClick={leave}>
                {t.group.leave}
              </button>
            )}
          </div>
          <small id={`${id}-rule`} className="hint">
            {t.group.rule}
          </small>
        </form>
        <p id={`${id}-said`} className={problem ? 'hint-error' : 'group-said'} role="status">
          {problem ||
            (said?.kind === 'joined' ? t.group.joined(said.group) : said ? t.group.left : '')}
        </p>
        <p className="hint">{t.group.tab(page.tab)}</p>
        <button type="button" className="button ghost small" onClick={() => close(true)}>
          {t.group.close}
        </button>
      </section>
    </div>
  )
}
