// A run's report as JSON for machines: bytes as hex (and as readable text), sentences in both languages.
import { byteText, toHex } from './diff-view.ts'
import type { RunReport } from './types.ts'

/** The report as JSON text; every byte array becomes `{ "hex": "7b22…", "text": "{\"…" }`. */
export function formatJson(report: RunReport): string {
  return JSON.stringify(
    report,
    (_key, value: unknown) =>
      value instanceof Uint8Array ? { hex: toHex(value), text: byteText(value).text } : value,
    2,
  )
}
