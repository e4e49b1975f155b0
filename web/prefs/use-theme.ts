// The page's colour theme for components that draw with explicit colours (the exportable diagram).
import { createContext, useContext } from 'react'

/** A colour theme. */
export type Theme = 'light' | 'dark'

/** The theme the header's switch chose; App provides it. */
export const ThemeContext = createContext<Theme>('light')

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext)
}
