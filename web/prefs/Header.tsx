// The page header: title, subtitle, and the language, theme and text-size switches.
import { LANGS, LANG_NAMES, type Lang } from '../i18n/messages.ts'
import type { Prefs } from './prefs.ts'
import { useT } from '../i18n/use-i18n.ts'

/** Title and display switches; `onChange` receives the new preferences. */
export function Header({ prefs, onChange }: { prefs: Prefs; onChange: (prefs: Prefs) => void }) {
  const t = useT()
  const setLang = (lang: Lang) => onChange({ ...prefs, lang })
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="8" />
          <path d="M7 12h15l-4-4M25 20H10l4 4" />
        </svg>
        <div>
          <h1>{t.title}</h1>
          <p className="subtitle">{t.subtitle}</p>
        </div>
      </div>
      <div className="prefs" role="group" aria-label={t.displayPrefs}>
        <div className="segmented" role="group" aria-label={t.language}>
          {LANGS.map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              aria-pressed={prefs.lang === lang}
              aria-label={LANG_NAMES[lang]}
              title={LANG_NAMES[lang]}
              onClick={() => setLang(lang)}
            >
              {lang.toUpperCase()}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="toggle"
          aria-pressed={prefs.theme === 'dark'}
          onClick={() => onChange({ ...prefs, theme: prefs.theme === 'dark' ? 'light' : 'dark' })}
        >
          <span className="toggle-icon" aria-hidden="true">
            {prefs.theme === 'dark' ? '☾' : '☀'}
          </span>
          {t.darkTheme}
        </button>
        <button
          type="button"
          className="toggle"
          aria-pressed={prefs.largeText}
          onClick={() => onChange({ ...prefs, largeText: !prefs.largeText })}
        >
          <span className="toggle-icon" aria-hidden="true">
            A<small>A</small>
          </span>
          {t.largeText}
        </button>
      </div>
    </header>
  )
}
