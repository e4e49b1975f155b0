// Reading the class API's JSON: an HTTP answer or a stream event, checked against its zod schema.
import type { z } from 'zod'

/** The value, or why there is none: the HTTP status, no answer at all, or an answer of the wrong shape. */
export type Fetched<T> =
  { ok: true; data: T } | { ok: false; status: number | 'network' | 'invalid' }

/** GETs `url` as JSON and checks it with `schema`; never throws. */
export async function fetchChecked<T>(
  fetcher: typeof fetch,
  url: string,
  schema: z.ZodType<T>,
): Promise<Fetched<T>> {
  let response: Response
  try {
    response = await fetcher(url, { headers: { accept: 'application/json' } })
  } catch {
    return { ok: false, status: 'network' }
  }
  if (!response.ok) return { ok: false, status: response.status }
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, status: 'invalid' }
}

/** `text` parsed as JSON and checked with `schema`, or undefined. */
export function parseChecked<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
