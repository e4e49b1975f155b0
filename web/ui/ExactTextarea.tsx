// A textarea for text that goes out exactly as typed (JSON, escapes, hex): monospace, no browser help.
import type { TextareaHTMLAttributes } from 'react'

/** A native textarea with spelling, completion and capitals off; every other attribute passes through. */
export function ExactTextarea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      className="mono"
      spellCheck={false}
      autoComplete="off"
      autoCapitalize="off"
      {...props}
    />
  )
}
