// The current language's dictionary for components, through React context.
import { createContext, useContext } from 'react'
import { PT, type Messages } from './messages.ts'

/** The dictionary of the language the page shows (Portuguese until the provider says otherwise). */
export const I18nContext = createContext<Messages>(PT)

/** The current dictionary: `t.connect`, `t.stepOf(3, 10)`. */
export function useT(): Messages {
  return useContext(I18nContext)
}
