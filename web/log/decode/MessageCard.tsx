// One decoded message in the log: a response with its code and text or record, a request, or why it is neither.
import { memo, useMemo } from 'react'
import { z } from 'zod'
import { isJsonObject, describeKind } from '../../../shared/codec.ts'
import {
  ACTION,
  CODE,
  EXPLANATION,
  FIELDS,
  Request,
  Response,
  TEXT,
  type UserRecord,
} from '../../../shared/protocol.ts'
import { codeMeaning } from '../../i18n/describe.ts'
import type { MessageView } from './decode.ts'
import { answerProblem } from './not-lesson.ts'
import { NotLessonAnswer } from './NotLessonAnswer.tsx'
import type { MessageEntry } from '../entries.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { Time, DirTag } from '../ChunkRow.tsx'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { HttpView } from './HttpView.tsx'
import { RespView, isRespError } from './RespView.tsx'

/** A message card: title, stream bytes and chunks it spans, then the decoded body. */
export const MessageCard = memo(function MessageCard({ entry }: { entry: MessageEntry }) {
  const t = useT()
  const view = entry.view
  const title =
    view.type === 'frame-error' || view.type === 'protocol-error'
      ? t.rejected
      : view.type === 'protocol' && view.message.protocol === 'lines'
        ? t.lineTitle[entry.dir](entry.n)
        : entry.dir === 'sent'
          ? t.request(entry.n)
          : t.response(entry.n)
  const where =
    t.span(entry.start, Math.max(entry.start, entry.end - 1)) +
    (entry.chunks ? `, ${t.fromChunks(entry.chunks[0], entry.chunks[1])}` : '')
  const fine =
    view.type === 'response' ||
    view.type === 'request' ||
    (view.type === 'protocol' &&
      !(view.message.protocol === 'resp' && isRespError(view.message.value)))
  const tone = fine ? '' : ' problem'
  return (
    <article
      className={`entry message dir-${entry.dir}${tone}${entry.previous ? ' previous' : ''}`}
      aria-label={`${title}, ${where}`}
    >
      <div className="entry-head">
        <DirTag dir={entry.dir} label={title} />
        <span className="entry-meta" title={t.messageHelp(entry.dir)}>
          {where}
        </span>
        <Time t={entry.t} />
        {entry.previous && <span className="tag">{t.previous}</span>}
      </div>
      <div className="message-body">
        <Body view={view} dir={entry.dir} body={entry.body} />
      </div>
    </article>
  )
})

function Body({
  view,
  dir,
  body,
}: {
  view: MessageView
  dir: MessageEntry['dir']
  body: Uint8Array
}) {
  const t = useT()
  if (view.type === 'protocol') return <ProtocolBody message={view.message} dir={dir} />
  if (view.type === 'protocol-error')
    return (
      <>
        <p className="problem-text">{t.protocolProblem[view.problem]}</p>
        <p className="muted small">{view.detail}</p>
      </>
    )
  // An answer that is not the lesson's (a student's own server, another protocol): plain words.
  const problem = dir === 'received' ? answerProblem(view) : undefined
  if (problem)
    return (
      <NotLessonAnswer
        problem={problem}
        text={view.type === 'frame-error' ? '' : view.text}
        body={body}
      />
    )
  switch (view.type) {
    case 'response': {
      const code = view.response[CODE]
      const explanation = view.response[EXPLANATION]
      return (
        <>
          <p className="response-line">
            <CodeBadge code={code} />
            <span className="meaning">{codeMeaning(code, t)}</span>
          </p>
          {typeof explanation === 'string' ? (
            <p className="explanation">
              <span className="key">{EXPLANATION}</span> {explanation}
            </p>
          ) : (
            <RecordTable record={explanation} />
          )}
        </>
      )
    }
    case 'request':
      return (
        <p className="request-line">
          {Object.entries(view.request).map(([key, value]) => (
            <span key={key} className={`kv${key === ACTION ? ' kv-action' : ''}`}>
              <span className="key">{key}</span> {value}
            </span>
          ))}
        </p>
      )
    case 'invalid':
      return <Invalid value={view.value} text={view.text} dir={dir} />
    case 'not-json': {
      const at = /(\d+)/.exec(view.detail)
      return (
        <>
          <p className="problem-text">
            {view.problem === 'utf8'
              ? t.notUtf8(view.offset ?? 0)
              : at
                ? t.notJsonAt(Number(at[1]))
                : t.notJson}
          </p>
          <pre className="wire-text">{view.text}</pre>
        </>
      )
    }
    case 'frame-error':
      return (
        <p className="problem-text">
          {dir === 'received' && view.problem === 'garbage'
            ? t.receivedGarbage
            : t.frameProblem[view.problem]}
        </p>
      )
  }
}

function ProtocolBody({
  message,
  dir,
}: {
  message: Extract<MessageView, { type: 'protocol' }>['message']
  dir: MessageEntry['dir']
}) {
  const t = useT()
  switch (message.protocol) {
    case 'http':
      return <HttpView message={message} />
    case 'resp':
      return <RespView value={message.value} sent={dir === 'sent'} />
    case 'lines':
      return (
        <>
          <pre className="wire-text">{message.text}</pre>
          <p className="muted small">{t.lineEnd[message.terminator]}</p>
        </>
      )
  }
}

// Validation runs again here so zod's messages follow the page's current language.
function Invalid({ value, text, dir }: { value: unknown; text: string; dir: 'sent' | 'received' }) {
  const t = useT()
  const why = useMemo(() => {
    if (dir === 'sent' && !isJsonObject(value)) return TEXT.notObject(describeKind(value))
    const result = (dir === 'sent' ? Request : Response).safeParse(value)
    return result.success ? '' : z.prettifyError(result.error)
    // The dictionary's identity changes with the language, which changes zod's locale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, dir, t])
  return (
    <>
      <p className="problem-text">{dir === 'sent' ? t.invalidRequest : t.invalidResponse}</p>
      <pre className="problem-detail">{why}</pre>
      <pre className="wire-text">{text}</pre>
    </>
  )
}

/** A user record as a one-row table; null fields show as an em dash and "(empty)". */
export function RecordTable({ record }: { record: UserRecord }) {
  const t = useT()
  return (
    <table className="record">
      <caption>{t.userRecord}</caption>
      <thead>
        <tr>
          {FIELDS.map((f) => (
            <th key={f} scope="col">
              {f}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {FIELDS.map((f) => (
            <td key={f}>{record[f] ?? <span className="null">{t.empty}</span>}</td>
          ))}
        </tr>
      </tbody>
    </table>
  )
}
