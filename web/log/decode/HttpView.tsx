// An HTTP/1.1 message in the log: its start line, headers as a table, the body and how its end was found.
import type { HttpHeader, HttpMessage } from '../../../shared/protocols/http-head.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { ByteGrid } from '../../bytes/ByteGrid.tsx'

const strict = new TextDecoder('utf-8', { fatal: true })

// The body as text when it is UTF-8, else undefined (its bytes are drawn instead).
function asText(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes)
  } catch {
    return undefined
  }
}

/** A request (`GET / HTTP/1.1`) or a response (`HTTP/1.1 200 OK`) with its headers and body. */
export function HttpView({ message }: { message: HttpMessage }) {
  const t = useT()
  const { body } = message
  const text = asText(body.bytes)
  const tone =
    message.kind === 'response'
      ? message.status < 300
        ? 'ok'
        : message.status < 400
          ? 'info'
          : message.status < 500
            ? 'warn'
            : 'error'
      : undefined
  return (
    <>
      <p className="http-start mono">
        {message.kind === 'request' ? (
          <>
            <b>{message.method}</b> {message.target}{' '}
            <span className="muted">{message.version}</span>
          </>
        ) : (
          <>
            <span className="muted">{message.version}</span>{' '}
            <span className={`badge tone-${tone}`}>{message.status}</span> {message.reason}
          </>
        )}
      </p>
      <Headers caption={t.httpHeaders} headers={message.headers} />
      <p className="http-body-note">
        {body.framing === 'none'
          ? t.httpBody.none
          : body.framing === 'length'
            ? t.httpBody.length(body.length)
            : body.framing === 'chunked'
              ? t.httpBody.chunked(body.length, body.chunkCount)
              : t.httpBody.close(body.length)}{' '}
        {body.truncated && <span className="muted">{t.httpTruncated(body.bytes.length)}</span>}
      </p>
      {body.length > 0 &&
        (text !== undefined ? (
          <pre className="wire-text http-body">{text}</pre>
        ) : (
          <>
            <p className="muted small">{t.httpBinary}</p>
            <ByteGrid bytes={body.bytes} limit={64} tail={16} />
          </>
        ))}
      {message.trailers.length > 0 && (
        <Headers caption={t.httpTrailers} headers={message.trailers} />
      )}
      {message.kind === 'response' && message.tunnel && <p className="muted">{t.httpTunnel}</p>}
      {message.warnings.length > 0 && (
        <ul className="http-warnings" aria-label={t.httpWarnings}>
          {message.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  )
}

function Headers({ caption, headers }: { caption: string; headers: readonly HttpHeader[] }) {
  const t = useT()
  if (headers.length === 0) return null
  return (
    <table className="record http-headers">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.headerName}</th>
          <th scope="col">{t.headerValue}</th>
        </tr>
      </thead>
      <tbody>
        {headers.map((h, i) => (
          <tr key={i}>
            <th scope="row" className="mono">
              {h.name}
            </th>
            <td className="mono">{h.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
