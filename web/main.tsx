// Entry point: builds the Lab with the browser's WebSocket and storage, then renders the page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { browserSocket } from './connection.ts'
import { Lab } from './lab.ts'
import { persistLog, restoreLog, type StorageLike } from './log-store.ts'
import { bridgeLocation } from './targets.ts'
import { LabContext } from './use-connection.ts'
import './styles.css'

// Reading window.sessionStorage itself throws when storage is disabled, so probe it once.
function storage(name: 'sessionStorage' | 'localStorage'): StorageLike | undefined {
  try {
    return window[name]
  } catch {
    return undefined
  }
}

const session = storage('sessionStorage')
const lab = new Lab({ socket: browserSocket, log: { initial: restoreLog(session) } })
if (session) {
  const persist = persistLog(lab.log, session)
  window.addEventListener('pagehide', () => persist.save())
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={lab}>
      <App
        bridge={bridgeLocation(window.location.href)}
        prefsStorage={storage('localStorage')}
        prefersDark={window.matchMedia('(prefers-color-scheme: dark)').matches}
      />
    </LabContext.Provider>
  </StrictMode>,
)
