// What Send puts on the wire: the text's UTF-8 byte count, what the framing adds, and the framed bytes.
import { useMemo } from 'react'
import { encodeFrame, type Framing } from '../../../shared/framing.ts'
import { toHex } from '../../bytes/bytes.ts'
import type { Span } from '../../log/entries.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'
import { ByteGrid } from '../../bytes/ByteGrid.tsx'
import { Tip } from '../../ui/Tip.tsx'

const utf8 = new TextEncoder()

/** Byte counts and the framed bytes (head and tail) of `raw` in `framing`. */
export function WirePreview({ raw, framing }: { raw: string; framing: Framing }) {
  const t = useT()
  const pid = usePaneId()
  const { body, framed, spans } = useMemo(() => {
    const body = utf8.encode(raw)
    const framed = encodeFrame(framing, body)
    const extra = framed.length - body.length
    const spans: Span[] =
      extra === 0
        ? []
        : framing === 'length'
          ? [{ from: 0, to: extra, role: 'frame' }]
          : [{ from: body.length, to: framed.length, role: 'frame' }]
    return { body, framed, spans }
  }, [raw, framing])
  const extra = framed.length - body.length
  return (
    <section className="wire" aria-labelledby={pid('wire-heading')}>
      <div className="label-row">
        <h3 id={pid('wire-heading')}>{t.wireHeading}</h3>
        <Tip label={t.wireTipLabel}>
          {t.wireTip.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </Tip>
      </div>
      <p className="wire-sum">
        <span>{t.wireJson(body.length)}</span>{' '}
        <span className={extra > 0 ? 'wire-extra' : 'muted'}>{t.wireExtra(extra)}</span>{' '}
        <strong>{t.wireTotal(framed.length)}</strong>
      </p>
      <div className="wire-bytes">
        <span className="sr-only">
          {t.framedBytes}: {toHex(framed.subarray(0, 24))}
        </span>
        <ByteGrid bytes={framed} spans={spans} limit={12} tail={6} />
      </div>
      <p className="muted small">{t.framingAdds[framing]}</p>
    </section>
  )
}
