// The class view's sentences: who a connection is, how long ago, its last error and its end (no React).
import { parseTarget } from '../../../shared/bridge-constants.ts'
import type { ClassConnection, LastError } from '../../../shared/class-protocol.ts'
import { closeSentence } from '../../i18n/describe.ts'
import type { Messages } from '../../i18n/messages.ts'
import type { TargetOption } from '../../targets/targets.ts'
import { nameWorkspace, type Workspace } from '../../workspace/workspace-label.ts'

/** "k3j9x2 · Cliente A" for a page's `client` id (its tab and pane or mode), else the id as sent. */
export function clientLabel(c: Pick<ClassConnection, 'id' | 'client'>, t: Messages): string {
  if (c.client === undefined) return t.cls.unnamed(c.id)
  const match = /^([a-z0-9]{6})-(.+)$/.exec(c.client)
  if (!match) return c.client
  const [, tab, who] = match as unknown as [string, string, string]
  const name = who === 'A' || who === 'B' ? t.clientName(who) : t.mode[who]
  return name ? t.cls.tab(tab, name) : c.client
}

/** "há 3 min" for a span of milliseconds. */
export function ago(ms: number, t: Messages): string {
  const s = Math.floor(Math.max(0, ms) / 1000)
  if (s < 5) return t.cls.ago.now
  if (s < 60) return t.cls.ago.seconds(s)
  if (s < 3600) return t.cls.ago.minutes(Math.floor(s / 60))
  return t.cls.ago.hours(Math.floor(s / 3600))
}

/** How a connection ended, in words: the page closed, the bridge went, or the close code's sentence. */
export function endSentence(code: number, reason: string, t: Messages): string {
  return t.cls.endedBy[code] ?? closeSentence(code, reason, undefined, t)
}

/** A connection's last error in words (a refusal's code is shown beside it as a badge). */
export function errorSentence(error: LastError, t: Messages): string {
  switch (error.kind) {
    case 'answer':
      return error.text
    case 'close':
      return endSentence(error.code, error.reason, t)
    case 'undecodable': {
      // The monitor writes `PROBLEM: N bytes`, PROBLEM being a framing decoder's.
      const match = /^(garbage|too-large|incomplete): (\d+) bytes$/.exec(error.text)
      if (!match) return t.cls.undecodable(error.text)
      const problem = match[1] as keyof Messages['frameProblem']
      return `${t.frameProblem[problem]} (${t.bytes(Number(match[2]))})`
    }
  }
}

/** A workspace as the teacher names it: "computador 192.168.0.23", "grupo grupo-3". */
export function workspaceName(w: Workspace, t: Messages): string {
  return nameWorkspace(w, {
    computer: t.cls.wsComputer,
    group: t.cls.wsGroup,
    class: t.cls.wsClass,
  })
}

/** A bridge-clock time as the local time of day, e.g. 14:03:27. */
export function timeOfDay(at: number, skew: number, t: Messages): string {
  return new Date(at + skew).toLocaleTimeString(t.dateLocale, { hour12: false })
}

/** A target by its allow-list name when it has one ("json"), else as `HOST:PORT`. */
export function targetName(target: string, options: readonly TargetOption[]): string {
  const at = parseTarget(target)
  const option =
    at && options.find((o) => o.host === at.host && at.port >= o.from && at.port <= o.to)
  return option?.label ?? target
}
