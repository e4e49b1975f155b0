// A Redis RESP value in the log: its type and value, nested arrays indented, errors styled as errors.
import type { RespValue } from '../../../shared/protocols/resp-values.ts'
import { useT } from '../../i18n/use-i18n.ts'

/** True for an error reply (`-ERR ...` or a RESP3 bulk error). */
export function isRespError(value: RespValue): boolean {
  return value.type === 'error' || value.type === 'blob-error'
}

/** A command as its words (`SET aluno Ana`) when the value is an array of bulk strings, else undefined. */
export function commandWords(value: RespValue): string[] | undefined {
  if (value.type === 'inline') return value.args
  if (value.type !== 'array' || value.items.length === 0) return undefined
  const words: string[] = []
  for (const item of value.items) {
    if (item.type !== 'bulk') return undefined
    words.push(item.text)
  }
  return words
}

/** One top-level value; a sent command also shows its words on one line. */
export function RespView({ value, sent }: { value: RespValue; sent: boolean }) {
  const t = useT()
  const words = sent ? commandWords(value) : undefined
  return (
    <>
      {words && (
        <p className="resp-command">
          <span className="key">{t.respCommand}</span>{' '}
          <span className="mono">
            {words.map((w) => (/[\s"]/.test(w) || w === '' ? JSON.stringify(w) : w)).join(' ')}
          </span>
        </p>
      )}
      {isRespError(value) && <p className="problem-text">{t.respErrorReply}</p>}
      <RespItem value={value} />
    </>
  )
}

function RespItem({ value }: { value: RespValue }) {
  const t = useT()
  const type = <span className="resp-type">{t.respType[value.type]}</span>
  switch (value.type) {
    case 'array':
    case 'set':
    case 'push':
      return (
        <div className="resp-value">
          {type} <span className="muted">{t.respItems(value.items.length)}</span>
          {value.items.length > 0 && (
            <ol className="resp-items">
              {value.items.map((item, i) => (
                <li key={i}>
                  <RespItem value={item} />
                </li>
              ))}
            </ol>
          )}
        </div>
      )
    case 'map':
    case 'attribute':
      return (
        <div className="resp-value">
          {type} <span className="muted">{t.respItems(value.entries.length)}</span>
          <ol className="resp-items">
            {value.entries.map(([k, v], i) => (
              <li key={i}>
                <RespItem value={k} /> <span aria-hidden="true">⇒</span> <RespItem value={v} />
              </li>
            ))}
          </ol>
        </div>
      )
    default:
      return (
        <div className={`resp-value${isRespError(value) ? ' resp-error' : ''}`}>
          {type} <Scalar value={value} />
        </div>
      )
  }
}

function Scalar({ value }: { value: RespValue }) {
  const t = useT()
  switch (value.type) {
    case 'simple':
    case 'error':
    case 'integer':
    case 'double':
    case 'bignum':
      return <span className="mono resp-text">{value.text}</span>
    case 'boolean':
      return <span className="mono resp-text">{value.value ? 'true' : 'false'}</span>
    case 'null':
      return <span className="mono resp-text">nil</span>
    case 'bulk':
    case 'blob-error':
    case 'verbatim':
      return (
        <span className="mono resp-text">
          {JSON.stringify(value.text)}{' '}
          {!value.utf8 && <span className="muted">{t.respNotUtf8}</span>}
        </span>
      )
    case 'inline':
      return (
        <span className="mono resp-text">
          {value.line} {value.unbalanced && <span className="muted">({t.respUnbalanced})</span>}
        </span>
      )
    default:
      return null
  }
}
