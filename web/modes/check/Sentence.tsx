// A sentence of the suite, its backticked parts (`json.dumps`, `, `) shown as code.
import { sentencePieces } from './check-view.ts'

/** The sentence as text with inline code; a sentence starts with a capital on the page. */
export function Sentence({ text, capital = true }: { text: string; capital?: boolean }) {
  const pieces = sentencePieces(capital ? text.charAt(0).toUpperCase() + text.slice(1) : text)
  return pieces.map((p, i) =>
    p.code ? <code key={i}>{p.text}</code> : <span key={i}>{p.text}</span>,
  )
}
