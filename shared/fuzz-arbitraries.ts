// The fuzz corpus: every family of request bodies (good, bad and hostile), alone or weighted into one.
import fc from 'fast-check'
import { deep, huge, invalidUtf8, nul, random } from './fuzz-bytes.ts'
import { duplicateKey, invalidJson, missing, truncated, valid, wrongType } from './fuzz-json.ts'
import {
  withDefaults,
  type FuzzInput,
  type FuzzKind,
  type RequestStrings,
} from './fuzz-requests.ts'

export interface CorpusOptions extends RequestStrings {
  /** The size limit under test: huge inputs land just under, at and over it (default 64 KiB). */
  maxMessage?: number
  /** Deepest nesting generated (default 100k). */
  maxDepth?: number
  /** How often each family comes up in `corpusInput`, over `WEIGHTS`. */
  weights?: Partial<Record<FuzzKind, number>>
}

/** Each family on its own, for properties that want one. */
export function corpusFamilies(
  options: CorpusOptions = {},
): Record<FuzzKind, fc.Arbitrary<FuzzInput>> {
  const s = withDefaults(options)
  return {
    valid: valid(s),
    missing: missing(s),
    'wrong-type': wrongType(s),
    'duplicate-key': duplicateKey(s),
    truncated: truncated(s),
    'invalid-json': invalidJson(s),
    'invalid-utf8': invalidUtf8(s),
    nul: nul(s),
    deep: deep(s, options.maxDepth ?? 100_000),
    huge: huge(s, options.maxMessage ?? 64 * 1024),
    random,
  }
}

/** How often each family comes up in `corpusInput` by default. */
export const WEIGHTS: Readonly<Record<FuzzKind, number>> = {
  valid: 4,
  missing: 2,
  'wrong-type': 2,
  'duplicate-key': 2,
  truncated: 1,
  'invalid-json': 2,
  'invalid-utf8': 2,
  nul: 1,
  deep: 1,
  huge: 1,
  random: 2,
}

/** One corpus input, from any family. */
export function corpusInput(options: CorpusOptions = {}): fc.Arbitrary<FuzzInput> {
  const families = corpusFamilies(options)
  const weights = { ...WEIGHTS, ...options.weights }
  return fc.oneof(
    ...(Object.keys(weights) as FuzzKind[])
      .filter((kind) => weights[kind] > 0)
      .map((kind) => ({ arbitrary: families[kind], weight: weights[kind] })),
  )
}
