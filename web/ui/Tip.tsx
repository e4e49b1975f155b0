// A short explanation of a term where it appears: shown on hover and on keyboard focus, Escape hides it.
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { placePopover } from './place.ts'

interface Props {
  /** The button's name when it shows only "?" (e.g. "O que é framing?"). */
  label: string
  /** The term itself as the button's text (dotted underline); without it the button is a "?". */
  term?: ReactNode
  /** The explanation. */
  children: ReactNode
  className?: string
}

// Popovers are in every current browser; where they are not, the tip is a plain fixed box.
const canPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype

/**
 * A button that describes itself with a tooltip (WAI-ARIA tooltip pattern): the tooltip is drawn in the
 * top layer, so no scrolling card clips it, and it is the button's description for screen readers.
 */
export function Tip({ label, term, children, className }: Props) {
  const id = useId()
  const button = useRef<HTMLButtonElement>(null)
  const popup = useRef<HTMLDivElement>(null)
  const [open, setOpen] = useState(false)

  useLayoutEffect(() => {
    const el = popup.current
    if (!el || !button.current) return
    if (open) {
      if (canPopover && !el.matches(':popover-open')) el.showPopover()
      placePopover(el, button.current)
    } else if (canPopover && el.matches(':popover-open')) el.hidePopover()
  }, [open])

  useEffect(() => {
    if (!open) return
    // A scrolled page would leave the tip behind its term: hide it instead.
    const hide = () => setOpen(false)
    // A press anywhere else is a move on: the tip must not stand in its way.
    const press = (e: PointerEvent) => {
      const at = e.target
      if (at instanceof Node && (button.current?.contains(at) || popup.current?.contains(at)))
        return
      setOpen(false)
    }
    window.addEventListener('scroll', hide, { capture: true, passive: true })
    window.addEventListener('resize', hide)
    document.addEventListener('pointerdown', press, { capture: true })
    return () => {
      window.removeEventListener('scroll', hide, { capture: true })
      window.removeEventListener('resize', hide)
      document.removeEventListener('pointerdown', press, { capture: true })
    }
  }, [open])

  // Moving the pointer from the term onto its tip (to read or select it) keeps it open.
  const leave = (next: EventTarget | null) => {
    const into = next instanceof Node
    if (into && (button.current?.contains(next) || popup.current?.contains(next))) return
    if (document.activeElement !== button.current) setOpen(false)
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        className={`${term ? 'tip-term' : 'tip-icon'}${className ? ` ${className}` : ''}`}
        aria-label={term ? undefined : label}
        aria-describedby={id}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={(e) => leave(e.relatedTarget)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.preventDefault()
            e.stopPropagation()
            setOpen(false)
          }
        }}
      >
        {term ?? <span aria-hidden="true">?</span>}
      </button>
      {createPortal(
        <div
          ref={popup}
          id={id}
          role="tooltip"
          className="tip-pop"
          {...(canPopover ? { popover: 'manual' as const } : {})}
          hidden={!open}
          onMouseLeave={(e) => leave(e.relatedTarget)}
        >
          {children}
        </div>,
        document.body,
      )}
    </>
  )
}
