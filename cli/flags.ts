// Command-line values shared by the server, the bridge, the checker and npm start: counts and sizes.
import { wlError } from '../shared/errors.ts'

/** An integer flag within [min, max], or an Error naming the flag. */
export function parseCount(flag: string, raw: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw wlError(
      'WL_ERR_USAGE',
      `${flag} must be a whole number from ${min} to ${max}, not "${raw}"`,
    )
  }
  return n
}

/** A byte size such as 65536, 64k or 1m (binary units), or an Error naming the flag. */
export function parseSize(flag: string, raw: string): number {
  const m = /^(\d+)\s*([kKmM]?)i?[bB]?$/.exec(raw.trim())
  const unit = m?.[2]?.toLowerCase()
  const n = m ? Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1) : NaN
  if (!Number.isSafeInteger(n) || n < 1 || n > 1 << 30) {
    throw wlError(
      'WL_ERR_USAGE',
      `${flag} must be a size such as 65536, 64k or 1m (at most 1 GiB), not "${raw}"`,
    )
  }
  return n
}
