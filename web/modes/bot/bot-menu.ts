// The lesson's bot menu as a pure state machine: where the user is, and the request each step sends.
import {
  ACTION,
  CODE,
  EMAIL,
  EXPLANATION,
  FIELD,
  SERVICE,
  VALUE,
  newRecord,
  type FieldName,
  type Request,
  type Response,
  type UserRecord,
} from '../../../shared/protocol.ts'

/**
 * A place in the menu. `login` and `missing` come before the lesson's diagram (who is the user;
 * offer to create them); `menu` is Dados Pessoais, `field` a field's value, `edit` its Modificar.
 */
export type BotNode =
  | { at: 'login' }
  | { at: 'missing' }
  /** `from`: the field just left with Voltar, so the page can put focus back on it. */
  | { at: 'menu'; from?: FieldName }
  | { at: 'field'; field: FieldName }
  | { at: 'edit'; field: FieldName }

/** The request in flight and what to do with its answer. */
export type Pending =
  | { kind: 'consult'; then: BotNode }
  | { kind: 'create' }
  | { kind: 'modify'; field: FieldName; value: string }

/** The last answer, shown as the bot's reply; `text` is EXPLICAÇÃO when it is a string. */
export interface Outcome {
  code: string
  text?: string
  /** The request that got it. */
  action: Pending['kind']
}

/** The whole bot: position, current user, their record, and the request it waits for. */
export interface BotState {
  node: BotNode
  /** The key the next request uses; it follows the record when Email changes. */
  email: string
  record: UserRecord | undefined
  pending: Pending | undefined
  outcome: Outcome | undefined
  /** Set when the request got no usable answer (timeout, closed connection, unreadable bytes, no server). */
  trouble: 'timeout' | 'closed' | 'unreadable' | 'no-target' | undefined
}

/** What a person (or the connection) does to the bot. */
export type BotAction =
  | { type: 'login'; email: string }
  | { type: 'create' }
  | { type: 'switch-user' }
  | { type: 'open'; field: FieldName }
  | { type: 'modify' }
  | { type: 'confirm'; value: string }
  | { type: 'cancel' }
  | { type: 'back' }
  | { type: 'answer'; response: Response }
  | { type: 'trouble'; trouble: NonNullable<BotState['trouble']> }

/** The bot before anyone logs in. */
export const INITIAL_BOT: BotState = {
  node: { at: 'login' },
  email: '',
  record: undefined,
  pending: undefined,
  outcome: undefined,
  trouble: undefined,
}

const service = 'Dados Pessoais'

/** The request a pending step sends for an email, in the protocol's key order. */
export function requestFor(pending: Pending, email: string): Request {
  switch (pending.kind) {
    case 'consult':
      return { [SERVICE]: service, [ACTION]: 'CONSULTAR USUARIO', [EMAIL]: email }
    case 'create':
      return { [SERVICE]: service, [ACTION]: 'CRIAR USUARIO', [EMAIL]: email }
    case 'modify':
      return {
        [SERVICE]: service,
        [ACTION]: 'MODIFICAR USUARIO',
        [EMAIL]: email,
        [FIELD]: pending.field,
        [VALUE]: pending.value,
      }
  }
}

/** The new state after an action, and the request to send now, if any. */
export function step(state: BotState, action: BotAction): { state: BotState; send?: Request } {
  // While a request is in flight only its answer (or its failure) moves the bot.
  if (state.pending && action.type !== 'answer' && action.type !== 'trouble') return { state }
  const ask = (pending: Pending, change: Partial<BotState> = {}) => {
    const next = { ...state, ...change, pending, trouble: undefined }
    return { state: next, send: requestFor(pending, next.email) }
  }
  const move = (node: BotNode) => ({ state: { ...state, node, outcome: undefined } })
  const node = state.node
  switch (action.type) {
    case 'login':
      return ask(
        { kind: 'consult', then: { at: 'menu' } },
        { email: action.email, record: undefined, outcome: undefined },
      )
    case 'create':
      return ask({ kind: 'create' })
    case 'switch-user':
      return { state: { ...INITIAL_BOT, email: state.email } }
    case 'open':
      return ask(
        { kind: 'consult', then: { at: 'field', field: action.field } },
        { outcome: undefined },
      )
    case 'modify':
      return node.at === 'field' ? move({ at: 'edit', field: node.field }) : { state }
    case 'confirm':
      return node.at === 'edit'
        ? ask({ kind: 'modify', field: node.field, value: action.value })
        : { state }
    case 'cancel':
      return node.at === 'edit' ? move({ at: 'field', field: node.field }) : { state }
    case 'back':
      return node.at === 'field' || node.at === 'edit'
        ? move({ at: 'menu', from: node.field })
        : { state }
    case 'trouble':
      return { state: { ...state, pending: undefined, trouble: action.trouble } }
    case 'answer':
      return answer(state, action.response)
  }
}

// An answer to the pending request: move on after a 200, stay and show the refusal otherwise.
function answer(state: BotState, response: Response): { state: BotState; send?: Request } {
  const pending = state.pending
  if (!pending) return { state }
  const code = response[CODE]
  const body = response[EXPLANATION]
  const outcome: Outcome = {
    code,
    ...(typeof body === 'string' ? { text: body } : {}),
    action: pending.kind,
  }
  const done = { ...state, pending: undefined, trouble: undefined, outcome }
  const ok = code === '200'
  switch (pending.kind) {
    case 'consult':
      if (ok && typeof body !== 'string') {
        // After Confirmar, keep MODIFICAR's answer in view: the record below shows the new value.
        const shown = state.outcome ?? outcome
        return { state: { ...done, outcome: shown, node: pending.then, record: body } }
      }
      // PROTOCOL.md check 6b: an unknown email is 404; offer to create it.
      if (code === '404') return { state: { ...done, node: { at: 'missing' }, record: undefined } }
      return { state: done }
    case 'create':
      if (!ok) return { state: done }
      return { state: { ...done, node: { at: 'menu' }, record: newRecord(state.email) } }
    case 'modify': {
      if (!ok) return { state: done }
      // PROTOCOL.md row 13: a new Email moves the record, so the bot follows it to its new key.
      const email = pending.field === 'Email' ? pending.value : state.email
      const then: BotNode = { at: 'field', field: pending.field }
      const next = { ...done, email, pending: { kind: 'consult', then } satisfies Pending }
      return { state: next, send: requestFor(next.pending, email) }
    }
  }
}

/** A stable string for a node, for React keys and focus decisions. */
export function nodeKey(node: BotNode): string {
  return node.at === 'field' || node.at === 'edit' ? `${node.at}:${node.field}` : node.at
}
