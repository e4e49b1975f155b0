// The sentence that says why a file was not imported, in the page's language.
import type { Messages } from '../../i18n/messages.ts'
import type { ImportFailure } from '../use-playground.ts'

// The version a file gave: a number, text that looks like one ("1"), or nothing at all.
function versionText(version: unknown, t: Messages): string {
  if (version === undefined) return t.importVersionMissing
  if (typeof version === 'string') return t.importVersionText(version.slice(0, 40))
  return t.importVersion(JSON.stringify(version).slice(0, 40))
}

/** "Não foi possível importar x.json: …" with the reason. */
export function importFailureText(failure: ImportFailure, t: Messages): string {
  const e = failure.error
  let why: string
  switch (e.kind) {
    case 'too-large':
      why = t.importTooLarge(e.size, e.max)
      break
    case 'not-json':
      why = t.importNotJson
      break
    case 'not-log':
      why = t.importNotLog
      break
    case 'version':
      why = versionText(e.version, t)
      break
    case 'invalid':
      why = t.importInvalid(e.path || '/', e.message)
      break
    case 'unreadable':
      why = t.importUnreadable
      break
  }
  return `${t.importFailed(failure.fileName)} ${why}`
}
