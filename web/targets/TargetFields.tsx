// The allow-list's pieces every mode shares: option texts, the fetch failure, and a range's port field.
import {
  optionText,
  resolveTarget,
  selectionOf,
  type Selection,
  type TargetOption,
} from './targets.ts'
import { useT } from '../i18n/use-i18n.ts'
import { targetsFailureSentence } from '../i18n/describe.ts'
import type { TargetsState } from './targets-store.ts'

/** The `<option>`s of a target select, with a placeholder while loading or when nothing is allowed. */
function TargetOptions({ options }: { options: readonly TargetOption[] | undefined }) {
  const t = useT()
  if (!options) return <option value="">{t.targetsLoading}</option>
  if (options.length === 0) return <option value="">{t.targetsEmpty}</option>
  return options.map((o) => (
    <option key={o.id} value={o.id}>
      {optionText(o, t)}
    </option>
  ))
}

/** The target select: picking an option starts a new selection (a range's first port). */
export function TargetSelect(props: {
  id: string
  targets: TargetsState
  selection: Selection
  disabled: boolean
  onSelection: (selection: Selection) => void
  /** Offer only these (a mode that speaks only the lesson's protocol). */
  only?: (option: TargetOption) => boolean
}) {
  const { only } = props
  const ready = props.targets.status === 'ready' ? props.targets.options : undefined
  const offered = ready && only ? ready.filter(only) : ready
  const options = offered ?? []
  return (
    <select
      id={props.id}
      value={props.selection.optionId}
      disabled={props.disabled}
      onChange={(e) => props.onSelection(selectionOf(options.find((o) => o.id === e.target.value)))}
    >
      <TargetOptions options={offered} />
    </select>
  )
}

/** Why there is no allow-list (the page's sentence, then which failure it was), with a retry button. */
export function TargetsFailed(props: {
  id?: string
  failure: Extract<TargetsState, { status: 'error' }>
  targetsUrl: string
  onRetry: () => void
  /** The opening sentence, when a mode words it its own way. */
  text?: (url: string) => string
  className?: string
  alert?: boolean
}) {
  const t = useT()
  const text = props.text ?? t.targetsFailed
  return (
    <div
      id={props.id}
      className={`inline-error${props.className ? ` ${props.className}` : ''}`}
      {...(props.alert ? { role: 'alert' } : {})}
    >
      <span>
        {text(props.targetsUrl)} {targetsFailureSentence(props.failure, t)}
      </span>
      <button type="button" className="small" onClick={props.onRetry}>
        {t.retry}
      </button>
    </div>
  )
}

/** The port typed for a range option: its range as the hint, or an error when the port is outside it. */
export function PortField(props: {
  id: string
  option: TargetOption
  port: string
  onPort: (port: string) => void
  disabled?: boolean
}) {
  const t = useT()
  const { id, option } = props
  const valid = resolveTarget(option, props.port) !== undefined
  return (
    <div className="field port-field">
      <label htmlFor={id}>{t.port}</label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        value={props.port}
        disabled={props.disabled}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => props.onPort(e.target.value)}
      />
      <small id={`${id}-hint`} className={valid ? 'hint' : 'hint-error'}>
        {valid ? t.portRange(option.from, option.to) : t.portInvalid(option.from, option.to)}
      </small>
    </div>
  )
}
