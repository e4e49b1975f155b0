// A received message that is not the lesson's answer: why, in plain words, then its text and its bytes.
import { toHex } from '../../bytes/bytes.ts'
import { ByteGrid } from '../../bytes/ByteGrid.tsx'
import { notLessonSentence } from '../../i18n/describe.ts'
import { useT } from '../../i18n/use-i18n.ts'
import type { AnswerProblem } from './not-lesson.ts'

/** The sentence, the text as received, and the first and last bytes (a student's own server's answer). */
export function NotLessonAnswer(props: { problem: AnswerProblem; text: string; body: Uint8Array }) {
  const t = useT()
  const { body } = props
  return (
    <>
      <p className="problem-text not-lesson">{notLessonSentence(props.problem, t)}</p>
      <p className="not-lesson-label">{t.asText}</p>
      <pre className="wire-text">{props.text}</pre>
      <p className="not-lesson-label">{t.asBytes}</p>
      <span className="sr-only">{toHex(body.subarray(0, 64))}</span>
      <ByteGrid bytes={body} limit={48} tail={12} />
    </>
  )
}
