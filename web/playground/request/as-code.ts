// "Copy as Python" and "Copy as shell" for what the page is about to send, to the chosen target.
import { parseTarget } from '../../../shared/bridge-protocol.ts'
import { dumps } from '../../../shared/codec.ts'
import {
  asPython,
  asPythonScenario,
  type CodeRequest,
  type CodeTarget,
} from '../../../shared/editor/as-python.ts'
import { asShell } from '../../../shared/editor/as-shell.ts'
import { encodeFrame, type Framing } from '../../../shared/framing.ts'
import { LESSON_SCENARIO } from '../../../shared/protocol.ts'
import type { Protocol } from '../../../shared/protocols/types.ts'

const utf8 = new TextEncoder()

/** Where the code connects: `HOST:PORT`, read with the lesson's framing or, for other protocols, raw. */
export function codeTarget(
  target: string | undefined,
  framing: Framing,
  protocol: Protocol,
): CodeTarget | undefined {
  const parsed = target ? parseTarget(target) : undefined
  if (!parsed) return undefined
  return { host: parsed.host, port: parsed.port, framing: protocol === 'lesson' ? framing : 'raw' }
}

/** The exact bytes a request puts on the wire: a text framed for the port, bytes as they are. */
export function wireBytes(request: CodeRequest, target: CodeTarget): Uint8Array {
  if (request.kind === 'bytes') return request.bytes
  const body = utf8.encode(request.text)
  return target.framing === 'raw' ? body : encodeFrame(target.framing, body)
}

/** The request as a Python script in the lesson's style. */
export function requestAsPython(request: CodeRequest, target: CodeTarget): string {
  return asPython(request, target)
}

/** The request as `printf '…' | nc HOST PORT`, framing included. */
export function requestAsShell(request: CodeRequest, target: CodeTarget): string {
  return asShell(wireBytes(request, target), target.host, target.port)
}

/** The lesson's ten-message scenario as one Python script on one connection. */
export function scenarioAsPython(target: CodeTarget): string {
  return asPythonScenario(
    LESSON_SCENARIO.map((r) => ({ kind: 'text', text: dumps(r) })),
    target,
  )
}
