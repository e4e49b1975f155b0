// The servers the bot menu (and the tour's request steps) can talk to: single allowed ports, json first.
import type { Framing } from '../../../shared/framing.ts'
import { isRange, resolveTarget, speaksLesson, type TargetOption } from '../../targets/targets.ts'

/** A server the bot can talk to: a single allowed port, in its framing (json when the bridge does not say). */
export interface BotTarget {
  id: string
  framing: Framing
  label: string
}

/** The server for an option and, for a range, the typed port; undefined while that port is outside it. */
export function botTarget(option: TargetOption, port: string): BotTarget | undefined {
  const id = resolveTarget(option, port)
  if (id === undefined) return undefined
  return {
    id,
    framing: option.framing ?? 'json',
    // The bundled server's ports are named after their framing: say it once.
    label:
      option.label && option.label !== option.framing
        ? `${option.label} — ${id}`
        : `${id} — ${option.framing ?? 'json'}`,
  }
}

/** The allow-list's single ports as bot targets; every framing carries one request at a time. */
export function botTargets(options: readonly TargetOption[]): BotTarget[] {
  return options.flatMap((o) => {
    // The bot speaks only the lesson's protocol.
    const target = isRange(o) || !speaksLesson(o) ? undefined : botTarget(o, '')
    return target ? [target] : []
  })
}

/** The lesson's own port first: the first json target, else the first of all. */
export function defaultBotTarget(targets: readonly BotTarget[]): BotTarget | undefined {
  return targets.find((t) => t.framing === 'json') ?? targets[0]
}

/** The option the bot menu preselects: the first single json port, else any single port, else a range. */
export function defaultBotOption(options: readonly TargetOption[]): TargetOption | undefined {
  const singles = options.filter((o) => !isRange(o) && speaksLesson(o))
  return singles.find((o) => (o.framing ?? 'json') === 'json') ?? singles[0] ?? options[0]
}
