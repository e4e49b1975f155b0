// The log's legend: a button that opens, over the log, what each part of a row means, with samples.
import { useEffect, useId, useRef } from 'react'
import { useT } from '../i18n/use-i18n.ts'
import { placePopover } from '../ui/place.ts'

// One drawn byte as the byte grid draws it: hex over its character.
function Byte({ hex, ch, kind = 'ascii' }: { hex: string; ch: string; kind?: string }) {
  return (
    <span className={`g k-${kind}`}>
      <span className="hx">{hex}</span>
      <span className={kind === 'control' ? 'ch ctl' : 'ch'}>{ch}</span>
    </span>
  )
}

/**
 * A "Legend" button and its popover (top layer, so the log's scrolling never clips it; Escape and a
 * click elsewhere close it, and Tab goes from the button into it). The log itself stays as long.
 */
export function LogLegend() {
  const t = useT()
  const id = useId()
  const button = useRef<HTMLButtonElement>(null)
  const popup = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const el = popup.current
    if (!el) return
    const onToggle = (e: Event) => {
      if ((e as ToggleEvent).newState === 'open' && button.current) placePopover(el, button.current)
    }
    el.addEventListener('toggle', onToggle)
    return () => el.removeEventListener('toggle', onToggle)
  }, [])

  return (
    <>
      <button
        ref={button}
        type="button"
        className="button ghost small legend-button"
        popoverTarget={id}
        aria-label={t.legendLabel}
      >
        <span className="tip-icon" aria-hidden="true">
          ?
        </span>{' '}
        {t.legend}
      </button>
      <div
        ref={popup}
        id={id}
        popover="auto"
        role="dialog"
        aria-labelledby={`${id}-heading`}
        className="legend-pop"
      >
        <div className="legend-head">
          <h3 id={`${id}-heading`}>{t.legendHeading}</h3>
          <button
            type="button"
            className="button ghost small"
            popoverTarget={id}
            popoverTargetAction="hide"
          >
            {t.dismiss}
          </button>
        </div>
        <dl className="legend-list">
          <dt>
            <span className="dir-tag dir-sent">→ {t.dir.sent}</span>{' '}
            <span className="entry-title">{t.chunk(19)}</span> <span className="time">+199 ms</span>
          </dt>
          <dd>{t.legendChunk}</dd>
          <dt className="byte-grid" aria-hidden="true">
            <Byte hex="7b" ch="{" />
            <Byte hex="22" ch={'"'} />
            <Byte hex="20" ch="·" kind="space" />
            <Byte hex="0a" ch="LF" kind="control" />
          </dt>
          <dd>{t.legendBytes}</dd>
          <dt className="byte-grid" aria-hidden="true">
            <span className="mark mark-start">⟦1</span>
            <Byte hex="7b" ch="{" />
            <span className="g k-gap">
              <span className="hx">…</span>
              <span className="ch">{t.bytes(88)}</span>
            </span>
            <Byte hex="7d" ch="}" />
            <span className="mark mark-end">1⟧</span>
          </dt>
          <dd>{t.legendMarks}</dd>
          <dt className="byte-grid" aria-hidden="true">
            <span className="g k-control r-frame">
              <span className="hx">0a</span>
              <span className="ch ctl">LF</span>
            </span>
            <span className="g r-rejected">
              <span className="hx">6f</span>
              <span className="ch">o</span>
            </span>
          </dt>
          <dd>{t.legendFrame}</dd>
          <dt>
            <span className="dir-tag dir-received">← {t.response(1)}</span>{' '}
            <span className="entry-meta">{t.span(0, 97)}</span>
          </dt>
          <dd>{t.legendCard}</dd>
          <dt>
            <span className="event-icon">✓</span> {t.ev.fin}
          </dt>
          <dd>{t.legendEvent}</dd>
        </dl>
      </div>
    </>
  )
}
