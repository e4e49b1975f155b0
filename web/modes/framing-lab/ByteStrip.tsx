// The sent stream as one strip: message spans as coloured brackets over the chunks, each chunk one write.
import { useT } from '../../i18n/use-i18n.ts'
import { framingBytes, type ByteSpan, type Plan } from './framing-lab.ts'

// Position and width of a span as percentages of the stream, `gap` px in from each side, so that
// neighbours read as separate boxes (for chunks, the gap stands for the time between two writes).
function place(span: ByteSpan, total: number, gap = 0) {
  const size = Math.max(total, 1)
  return {
    left: `calc(${(span.start / size) * 100}% + ${gap}px)`,
    width: `calc(${((span.end - span.start) / size) * 100}% - ${2 * gap}px)`,
  }
}

/** Brackets for messages above blocks for chunks; chunks not yet written are drawn faint. */
export function ByteStrip({ plan, written }: { plan: Plan; written: number }) {
  const all = useT()
  const t = all.framingLab
  const frames = framingBytes(plan)
  const many = plan.chunks.length > 8
  const chunkText = plan.chunkSpans.map((c) => c.end - c.start).join(' + ')
  const messageText = plan.messageSpans
    .map(
      (m, i) =>
        `${t.msg(i + 1)} ${m.start}–${m.end}${m.kind === 'rejected' ? ` (${t.incomplete})` : ''}`,
    )
    .join(', ')
  return (
    <figure className="strip">
      <figcaption className="strip-head">
        <span className="strip-title">{t.streamHeading}</span>
        <span className="strip-total">{all.bytes(plan.total)}</span>
      </figcaption>
      <p className="sr-only">{t.strip(chunkText, messageText)}</p>
      <div className="strip-body" aria-hidden="true">
        <div className="strip-row strip-messages">
          {plan.messageSpans.map((m, i) => (
            <span
              key={i}
              className={`strip-msg tone-${m.kind === 'rejected' ? 'rejected' : i % 3}`}
              style={place(m, plan.total, 1)}
              title={`${t.msg(i + 1)}: bytes ${m.start}–${m.end - 1}`}
            >
              <span className="strip-msg-label">
                {m.kind === 'rejected' ? t.incomplete : t.msg(i + 1)}
              </span>
            </span>
          ))}
        </div>
        <div className="strip-row strip-chunks">
          {plan.chunkSpans.map((c, i) => (
            <span
              key={i}
              className={`strip-chunk${i < written ? ' written' : ''}`}
              style={place(c, plan.total, 2)}
              title={`#${i + 1}: ${all.bytes(c.end - c.start)}`}
            >
              {!many && <span className="strip-chunk-label">#{i + 1}</span>}
            </span>
          ))}
          {frames.map((f, i) => (
            <span key={`f${i}`} className="strip-frame" style={place(f, plan.total)} />
          ))}
        </div>
        <div className="strip-scale">
          <span>0</span>
          <span>{plan.total}</span>
        </div>
      </div>
      <div className="strip-legend" aria-hidden="true">
        <span className="legend-item">
          <span className="legend-swatch swatch-chunk" /> {t.legendChunk}
        </span>
        <span className="legend-item">
          <span className="legend-swatch swatch-msg" /> {t.legendMessage}
        </span>
        {frames.length > 0 && (
          <span className="legend-item">
            <span className="legend-swatch swatch-frame" /> {t.legendFrame}
          </span>
        )}
      </div>
    </figure>
  )
}
