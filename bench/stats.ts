// Summaries of repeated measurements, for the benches' tables.

/** The middle value (the upper one of an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
}

/** The q-quantile (0..1) of already sorted values (the value at index floor(n·q)); NaN for none. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN
}
