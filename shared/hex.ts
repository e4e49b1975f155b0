// The one table of byte hex digits: every hex dump, escape and diff in wire-lab reads from it.

/** `HEX[b]` is byte `b` as two lowercase hex digits ('00'…'ff'). */
export const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).padStart(2, '0'),
)

/** A byte as a `\xNN` escape (Python's and the editor's form). */
export function escapeByte(b: number): string {
  return '\\x' + HEX[b & 0xff]!
}
