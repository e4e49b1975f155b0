// The page's clock for "connected 3 min ago": re-renders every few seconds while a component shows it.
import { useEffect, useState } from 'react'

/** Date.now(), refreshed every `everyMs` (default 5 s). */
export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
