// The lesson's 10-request scenario over one client session: each request sent through it, each answer paired.
import { dumps } from '../../../shared/codec.ts'
import { LESSON_SCENARIO } from '../../../shared/protocol.ts'
import { responseCode } from '../../log/decode/decode.ts'
import type { ClientSession } from '../../session/client-session.ts'
import { ScenarioRunner, type ScenarioOptions } from './scenario.ts'

/** The lesson scenario's requests as the wire texts `dumps` gives (what Python's json.dumps sends). */
export const SCENARIO_TEXTS: readonly string[] = LESSON_SCENARIO.map((request) => dumps(request))

/** A runner for the lesson's scenario that sends through `session` and reads its answers from its log. */
export function lessonScenario(
  session: ClientSession,
  options: Omit<ScenarioOptions, 'send'> = {},
): ScenarioRunner {
  const runner = new ScenarioRunner(SCENARIO_TEXTS, {
    ...options,
    send: (text) => session.send(text),
  })
  session.connection.subscribe((e) => {
    if (e.type === 'local' && e.event.type === 'ended') runner.disconnected()
  })
  session.log.onMessage((entry) => {
    // A message the close left incomplete is logged after the close: it is not an answer.
    if (entry.dir !== 'received' || session.connection.getState().status !== 'open') return
    runner.answered(responseCode(entry.view))
  })
  return runner
}
