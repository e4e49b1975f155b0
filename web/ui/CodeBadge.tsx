// A status code as a coloured badge: green for 2xx, amber for the lesson's refusals, red for errors.
import { codeTone } from '../log/decode/decode.ts'

/** The code in a pill; the colour is never the only signal, the number is always printed. */
export function CodeBadge({ code, size = 'normal' }: { code: string; size?: 'normal' | 'small' }) {
  return <span className={`badge tone-${codeTone(code)} badge-${size}`}>{code}</span>
}
