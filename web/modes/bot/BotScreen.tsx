// The bot's screen: where it is, what it says, the server's last answer, and a button for every next step.
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react'
import { FIELDS, type FieldName } from '../../../shared/protocol.ts'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import { useT } from '../../i18n/use-i18n.ts'
import { nodeKey, type BotAction, type BotState } from './bot-menu.ts'
import { nodeName } from './BotDiagram.tsx'

/** The current node's prompt and choices; focus moves to the main choice after each step. */
export function BotScreen({
  state,
  onAction,
}: {
  state: BotState
  onAction: (a: BotAction) => void
}) {
  const t = useT().botMenu
  const { node, record, pending } = state
  const primary = useRef<HTMLInputElement & HTMLButtonElement>(null)
  // Only a person's step moves focus, so opening the mode never steals it.
  const acted = useRef(false)
  // After Voltar, focus lands on the button of the field just left.
  const focusField = node.at === 'menu' ? (node.from ?? FIELDS[0]) : undefined
  const key = nodeKey(node)
  const busy = pending !== undefined
  useEffect(() => {
    if (acted.current && !busy) primary.current?.focus()
  }, [key, busy])
  const act = (action: BotAction) => {
    acted.current = true
    onAction(action)
  }
  const value = (field: FieldName) => record?.[field] ?? null
  // One button per next step; a 'primary' one is where focus lands after the step.
  const step = (action: BotAction, label: ReactNode, look: string) => (
    <button
      ref={look.startsWith('primary') ? primary : undefined}
      type="button"
      className={`button ${look}`}
      disabled={busy}
      onClick={() => act(action)}
    >
      {label}
    </button>
  )

  return (
    <div className="bot-screen">
      <div className="bot-top">
        <p className="bot-where">{nodeName(node, t.modify, t.beforeMenu)}</p>
        <p className="bot-user">
          <span className="bot-user-label">{t.user}</span>{' '}
          <strong className="bot-user-email">{node.at === 'login' ? t.noUser : state.email}</strong>
        </p>
      </div>
      <div className="bot-live" aria-live="polite">
        <div className="bot-bubble">
          <svg className="bot-avatar" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <path d="M16 3v5" />
            <circle cx="16" cy="3.5" r="2" />
            <rect x="5" y="8" width="22" height="17" rx="6" />
            <circle cx="12" cy="16" r="2.4" className="bot-eye" />
            <circle cx="20" cy="16" r="2.4" className="bot-eye" />
            <path d="M12 21.5h8" className="bot-mouth" />
          </svg>
          <div className="bot-says">
            <Prompt state={state} />
          </div>
        </div>
        {state.outcome?.text !== undefined && (
          <div className={`bot-answer${state.outcome.code === '200' ? ' ok' : ' bad'}`}>
            <span className="bot-answer-label">{t.answer}</span>
            <CodeBadge code={state.outcome.code} />
            <span className="bot-answer-text">{state.outcome.text}</span>
          </div>
        )}
        {busy && <p className="bot-waiting">{t.waiting}</p>}
      </div>
      {state.trouble && (
        <p className="bot-trouble" role="alert">
          {t.trouble[state.trouble]}
        </p>
      )}
      <div className="bot-actions" key={key}>
        {node.at === 'login' && (
          <LineForm
            id="bot-email"
            label={t.email}
            initial={state.email}
            submit={t.enter}
            busy={busy}
            inputRef={primary}
            type="email"
            required
            onSubmit={(email) => act({ type: 'login', email: email.trim() })}
          />
        )}
        {node.at === 'missing' && (
          <div className="bot-buttons">
            {step({ type: 'create' }, t.create, 'primary big')}
            {step({ type: 'switch-user' }, t.otherEmail, 'big')}
          </div>
        )}
        {node.at === 'menu' && (
          <div className="bot-buttons bot-fields">
            {FIELDS.map((f) => (
              <button
                key={f}
                ref={f === focusField ? primary : undefined}
                type="button"
                className="button big bot-field"
                disabled={busy}
                onClick={() => act({ type: 'open', field: f })}
              >
                <span className="bot-field-name">{f}</span>
                <span className="bot-field-value">{value(f) ?? t.empty}</span>
              </button>
            ))}
            {step({ type: 'switch-user' }, t.switchUser, 'ghost bot-switch')}
          </div>
        )}
        {node.at === 'field' && (
          <div className="bot-buttons">
            {step({ type: 'modify' }, t.modify, 'primary big')}
            {step(
              { type: 'back' },
              <>
                <span aria-hidden="true">← </span>
                {t.back}
              </>,
              'big',
            )}
          </div>
        )}
        {node.at === 'edit' && (
          <LineForm
            id="bot-value"
            label={t.newValue(node.field)}
            initial={value(node.field) ?? ''}
            submit={t.confirm}
            busy={busy}
            inputRef={primary}
            type={node.field === 'Email' ? 'email' : 'text'}
            onSubmit={(v) => act({ type: 'confirm', value: v })}
            onCancel={() => act({ type: 'cancel' })}
            cancel={t.cancel}
          />
        )}
      </div>
    </div>
  )
}

// What the bot says at each node; the field node shows the value CONSULTAR returned.
function Prompt({ state }: { state: BotState }) {
  const t = useT().botMenu
  const node = state.node
  switch (node.at) {
    case 'login':
      return <p>{t.greeting}</p>
    case 'missing':
      return <p>{t.missing(state.email)}</p>
    case 'menu':
      return <p>{t.menu(state.email)}</p>
    case 'field':
    case 'edit': {
      const value = state.record?.[node.field] ?? null
      return (
        <>
          <p>{t.current(node.field)}</p>
          <p
            className={`bot-value${value === null ? ' null' : ''}${(value?.length ?? 0) > 22 ? ' long' : ''}`}
          >
            {value ?? t.empty}
          </p>
        </>
      )
    }
  }
}

// One labelled text line with a submit button (and Cancelar in Modificar); Enter submits.
function LineForm({
  inputRef,
  ...props
}: {
  id: string
  label: string
  initial: string
  submit: string
  busy: boolean
  type: 'email' | 'text'
  inputRef: Ref<HTMLInputElement & HTMLButtonElement>
  onSubmit: (value: string) => void
  onCancel?: () => void
  cancel?: string
  /** An empty line cannot be sent (the email; a new value may be empty, as the protocol allows). */
  required?: boolean
}) {
  const [text, setText] = useState(props.initial)
  const blocked = props.busy || (props.required === true && text.trim() === '')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!blocked) props.onSubmit(text)
  }
  return (
    <form className="bot-form" onSubmit={submit} noValidate>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="bot-form-row">
        <input
          id={props.id}
          ref={inputRef}
          type={props.type}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button primary big" disabled={blocked}>
          {props.submit}
        </button>
        {props.onCancel && (
          <button
            type="button"
            className="button big"
            disabled={props.busy}
            onClick={props.onCancel}
          >
            {props.cancel}
          </button>
        )}
      </div>
    </form>
  )
}
