// The request form: SERVIÇO, AÇÃO, EMAIL_USUARIO, and CAMPO/VALOR for MODIFICAR, with the schema's hints.
import type { ReactNode } from 'react'
import {
  ACTION,
  ACTIONS,
  EMAIL,
  FIELD,
  FIELDS,
  SERVICE,
  SERVICES,
  VALUE,
} from '../../../shared/protocol.ts'
import { MODIFY, type BuilderState, type FormKey, type Hints } from './request.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { usePaneId } from '../panes/use-pane.ts'

interface Props {
  builder: BuilderState
  hints: Hints
  onField: (key: FormKey, value: string) => void
}

/** Form inputs bound to the builder; hints sit under each field and never block anything. */
export function RequestForm({ builder, hints, onField }: Props) {
  const t = useT()
  const pid = usePaneId()
  const form = builder.form
  const modify = form[ACTION] === MODIFY
  const field = (key: FormKey, control: (id: string, describedBy: string) => ReactNode) => {
    const id = pid(`field-${FORM_IDS[key]}`)
    const messages = hints.fields[key] ?? []
    return (
      <div className="form-row">
        <label htmlFor={id}>
          <code className="key">{key}</code> <span className="desc">{t.fieldDesc[key]}</span>
        </label>
        {control(id, `${id}-hint`)}
        <p id={`${id}-hint`} className="field-hint" aria-live="polite">
          {messages[0] ? (
            <>
              <span className="hint-lead">{t.serverWouldSay}</span> {messages[0]}
            </>
          ) : null}
        </p>
      </div>
    )
  }
  return (
    <div className="request-form">
      {!builder.inStep && <p className="notice">{t.notInStep}</p>}
      {field(SERVICE, (id, hint) => (
        <>
          <input
            id={id}
            list={pid('services')}
            autoComplete="off"
            spellCheck={false}
            placeholder={t.absent}
            value={form[SERVICE]}
            aria-describedby={hint}
            onChange={(e) => onField(SERVICE, e.target.value)}
          />
          <datalist id={pid('services')}>
            {SERVICES.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </>
      ))}
      {field(ACTION, (id, hint) => (
        <Choice
          id={id}
          hint={hint}
          value={form[ACTION]}
          options={ACTIONS}
          name={ACTION}
          onField={onField}
        />
      ))}
      {field(EMAIL, (id, hint) => (
        <input
          id={id}
          autoComplete="off"
          spellCheck={false}
          placeholder={t.absent}
          value={form[EMAIL]}
          aria-describedby={hint}
          onChange={(e) => onField(EMAIL, e.target.value)}
        />
      ))}
      {modify &&
        field(FIELD, (id, hint) => (
          <Choice
            id={id}
            hint={hint}
            value={form[FIELD]}
            options={FIELDS}
            name={FIELD}
            onField={onField}
          />
        ))}
      {modify &&
        field(VALUE, (id, hint) => (
          <input
            id={id}
            autoComplete="off"
            spellCheck={false}
            placeholder={t.absent}
            value={form[VALUE]}
            aria-describedby={hint}
            onChange={(e) => onField(VALUE, e.target.value)}
          />
        ))}
      <p className="muted small">{t.absentHelp}</p>
    </div>
  )
}

// Ids without accents, so CSS selectors and test ids stay plain ASCII.
const FORM_IDS: Record<FormKey, string> = {
  [SERVICE]: 'service',
  [ACTION]: 'action',
  [EMAIL]: 'email',
  [FIELD]: 'field',
  [VALUE]: 'value',
}

// A select of the protocol's values plus "(absent)", and the current value when it is not one of them.
function Choice(props: {
  id: string
  hint: string
  value: string
  options: readonly string[]
  name: FormKey
  onField: (key: FormKey, value: string) => void
}) {
  const t = useT()
  const unknown = props.value !== '' && !props.options.includes(props.value)
  return (
    <select
      id={props.id}
      value={props.value}
      aria-describedby={props.hint}
      onChange={(e) => props.onField(props.name, e.target.value)}
    >
      <option value="">{t.absent}</option>
      {props.options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
      {unknown && <option value={props.value}>{t.invalidOption(props.value)}</option>}
    </select>
  )
}
