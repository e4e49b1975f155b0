// One value out of a fixed list, picked with native controls: a select, or one radio button per value.
import type { ReactNode } from 'react'

interface ChoiceProps<T extends string> {
  /** The values offered, in order. */
  values: readonly T[]
  value: T
  onChange: (value: T) => void
  disabled?: boolean
}

// The offered value the control now shows; a value from anywhere else is ignored.
const picked = <T extends string>(values: readonly T[], raw: string) =>
  values.find((v) => v === raw)

/** A native select over `values`, each option reading `text(value)`; `id` ties it to its label. */
export function ChoiceSelect<T extends string>(
  props: ChoiceProps<T> & { id: string; text: (value: T) => string; describedBy?: string },
) {
  const { values, onChange } = props
  return (
    <select
      id={props.id}
      value={props.value}
      disabled={props.disabled}
      aria-describedby={props.describedBy}
      onChange={(e) => {
        const value = picked(values, e.target.value)
        if (value !== undefined) onChange(value)
      }}
    >
      {values.map((v) => (
        <option key={v} value={v}>
          {props.text(v)}
        </option>
      ))}
    </select>
  )
}

/**
 * One radio button per value, each inside a label of class `className` that reads `label(value)`;
 * the caller wraps them in a fieldset (or a div under one) whose legend names the choice.
 */
export function ChoiceRadios<T extends string>(
  props: ChoiceProps<T> & { name: string; className: string; label: (value: T) => ReactNode },
) {
  const { values, onChange } = props
  return values.map((v) => (
    <label key={v} className={props.className}>
      <input
        type="radio"
        name={props.name}
        value={v}
        checked={props.value === v}
        disabled={props.disabled}
        onChange={() => onChange(v)}
      />
      {props.label(v)}
    </label>
  ))
}
