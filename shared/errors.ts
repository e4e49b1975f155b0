// The one error factory: every error wire-lab throws on purpose carries a stable code from this list.

/** Every code a wire-lab error may carry; tests and callers branch on these, never on messages. */
export type WlErrorCode =
  // shared/
  | 'WL_ERR_NOT_SERIALIZABLE'
  // server/
  | 'WL_ERR_USAGE'
  | 'WL_ERR_PORT_IN_USE'
  | 'WL_ERR_LISTEN'
  | 'WL_ERR_NO_USER'
  | 'WL_ERR_FIELD'
  | 'WL_ERR_NO_SQLITE'
  | 'WL_ERR_DATA'
  | 'WL_ERR_DATA_DAMAGED'
  | 'WL_ERR_DATA_PERMISSION'
  | 'WL_ERR_GROUP'
  | 'WL_ERR_LIMIT'
  | 'WL_ERR_TRUST'
  | 'WL_ERR_PROXY_ADDRESS'
  | 'WL_ERR_PROXY_PORT'
  | 'WL_ERR_PROXY_DONE'
  // bridge/
  | 'WL_ERR_BAD_DEFAULT_TARGET'
  | 'WL_ERR_BAD_ALLOW'
  // shared/conformance/
  | 'WL_ERR_HINT'
  | 'WL_ERR_NO_SUCH_CASE'
  // web/
  | 'WL_ERR_READ_ONLY'
  | 'WL_ERR_NO_LAB'
  | 'WL_ERR_NO_PANE'
  | 'WL_ERR_NO_LOG'
  | 'WL_ERR_NO_SESSION'
  | 'WL_ERR_TOUR_CLIENT'
  | 'WL_ERR_TOUR_TROUBLE'
  | 'WL_ERR_TARGETS_UNREACHABLE'
  | 'WL_ERR_TARGETS_HTTP'
  | 'WL_ERR_TARGETS_INVALID'
  // test-support/
  | 'WL_ERR_TEST'
  | 'WL_ERR_CLOSED'
  | 'WL_ERR_TIMEOUT'

/** An Error with a stable `code`, plus whatever `extra` fields it was given. */
export type WlError<Extra extends object = object> = Error & { code: WlErrorCode } & Extra

/**
 * A new Error with `code` and the `extra` fields (e.g. `{ port }`, `{ cause }`) set on it. Its message
 * is for people; code is for programs.
 */
export function wlError<Extra extends object = object>(
  code: WlErrorCode,
  message: string,
  extra?: Extra,
): WlError<Extra> {
  const { cause, ...fields } = (extra ?? {}) as { cause?: unknown }
  const err = cause === undefined ? new Error(message) : new Error(message, { cause })
  return Object.assign(err, fields, { code }) as WlError<Extra>
}
