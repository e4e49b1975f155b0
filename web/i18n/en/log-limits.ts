// The log limits texts in English (loaded with en.ts, only when the page is switched to English).
import { sizeIn, type logLimitsPt } from '../log-limits.ts'

const enSize = sizeIn('en')

const enCount = (n: number) => n.toLocaleString('en')

/** English; the type makes a missing key or parameter a compile error. */
export const logLimitsEn: typeof logLimitsPt = {
  byteSize: enSize,
  logDropped: (n, bytes) =>
    `${enCount(n)} older entries dropped (${enSize(bytes)}) to save memory.`,
  pagerLabel: (n) => `Pages of chunk #${n}`,
  pageRange: (from, to, total) => `bytes ${enCount(from)}–${enCount(to)} of ${enCount(total)}`,
  pageLabel: 'Page',
  pageOf: (n) => `of ${enCount(n)}`,
  pagePrev: 'Previous page',
  pageNext: 'Next page',
  pageFold: 'Fold',
  importTooLarge: (size, max) =>
    `the file is ${enSize(size)}; this page imports logs of up to ${enSize(max)}.`,
  importVersionText: (version) =>
    `the format's version is written as text ("${version}"); this page reads version 1, written as the number 1.`,
  importVersionMissing: "the file does not say the format's version; this page reads version 1.",
}
