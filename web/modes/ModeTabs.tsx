// The mode switch below the header: tabs for the modes that exist, with the current mode's actions beside them.
import { useRef, type ReactNode } from 'react'
import { nextTab } from '../ui/tabs.ts'
import type { ModeId } from './mode-tabs.ts'
import { useT } from '../i18n/use-i18n.ts'

/** Tabs follow the WAI-ARIA pattern: arrow keys, Home and End move between them; Tab leaves. */
export function ModeTabs(props: {
  modes: readonly ModeId[]
  current: ModeId
  onChange: (mode: ModeId) => void
  children?: ReactNode
}) {
  const t = useT()
  const refs = useRef(new Map<ModeId, HTMLButtonElement>())
  return (
    <nav className="mode-bar" aria-label={t.modes}>
      <div className="mode-tabs" role="tablist" aria-label={t.modes}>
        {props.modes.map((mode) => (
          <button
            key={mode}
            ref={(el) => {
              if (el) refs.current.set(mode, el)
              else refs.current.delete(mode)
            }}
            type="button"
            role="tab"
            id={`mode-tab-${mode}`}
            aria-selected={props.current === mode}
            aria-controls={`mode-${mode}`}
            tabIndex={props.current === mode ? 0 : -1}
            onClick={() => props.onChange(mode)}
            onKeyDown={(e) => {
              const next = nextTab(props.modes, mode, e.key)
              if (!next) return
              e.preventDefault()
              props.onChange(next)
              refs.current.get(next)?.focus()
            }}
            title={t.mode[mode]}
          >
            {/* The whole name stays the tab's name; a narrow window shows the short word instead. */}
            <span className="wide-text">{t.mode[mode]}</span>
            <span className="narrow-text" aria-hidden="true">
              {t.modeShort[mode]}
            </span>
          </button>
        ))}
      </div>
      <div className="mode-actions">{props.children}</div>
    </nav>
  )
}
