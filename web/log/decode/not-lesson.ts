// Why a received message is not an answer of the lesson's protocol, as a value the page puts in words.
import { isJsonObject } from '../../../shared/codec.ts'
import { CODE, EXPLANATION, Response } from '../../../shared/protocol.ts'
import type { MessageView } from './decode.ts'

/** What kind of JSON value an answer was, when it was not an object. */
export type JsonKind = 'array' | 'string' | 'number' | 'boolean' | 'null'

/**
 * Why an answer is not the lesson's: not UTF-8, not JSON, not an object, a key missing, or a key
 * holding the wrong kind of value (the first of these, in the order a reader checks them).
 */
export type AnswerProblem =
  | { kind: 'not-utf8'; offset: number }
  | { kind: 'not-json'; at?: number }
  | { kind: 'not-object'; what: JsonKind }
  | { kind: 'missing'; key: typeof CODE | typeof EXPLANATION }
  | { kind: 'bad-code' }
  | { kind: 'bad-explanation' }

function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'string'
}

/** The problem with a received message's view, or undefined when it is a lesson answer (or not one at all). */
export function answerProblem(view: MessageView): AnswerProblem | undefined {
  if (view.type === 'not-json') {
    if (view.problem === 'utf8') return { kind: 'not-utf8', offset: view.offset ?? 0 }
    const at = /(\d+)/.exec(view.detail)
    return at ? { kind: 'not-json', at: Number(at[1]) } : { kind: 'not-json' }
  }
  if (view.type !== 'invalid') return undefined
  const value = view.value
  if (!isJsonObject(value)) return { kind: 'not-object', what: kindOf(value) }
  if (!(CODE in value)) return { kind: 'missing', key: CODE }
  if (!Response.shape[CODE].safeParse(value[CODE]).success) return { kind: 'bad-code' }
  if (!(EXPLANATION in value)) return { kind: 'missing', key: EXPLANATION }
  return { kind: 'bad-explanation' }
}
