// The bytes editor's state: exact bytes written as text with escapes or as hex, both ways (no React).
import {
  formatEscaped,
  formatHex,
  parseEscaped,
  parseHex,
  type BytesTextError,
} from '../../../shared/editor/bytes-text.ts'

/** How the bytes are written: text with escapes (`\xff`, `\r\n`) or hex pairs. */
export type BytesMode = 'text' | 'hex'

/** The largest file the editor loads (64 KiB): its text must stay quick to edit. */
export const MAX_FILE_BYTES = 64 * 1024

/** What the editor shows and what Send sends: `bytes` are the last text that read well. */
export interface BytesEditorState {
  mode: BytesMode
  text: string
  bytes: Uint8Array
  /** Why `text` is not bytes, while it is not. */
  error?: BytesTextError
}

/** The editor's actions: typing, switching the mode, loading bytes (a preset, a file). */
export type BytesAction =
  | { type: 'edit'; text: string }
  | { type: 'mode'; mode: BytesMode }
  | { type: 'load'; bytes: Uint8Array }

/** Bytes written in a mode: escapes keep line feeds as real line breaks, so lines read as lines. */
export function formatBytes(bytes: Uint8Array, mode: BytesMode): string {
  return mode === 'hex' ? formatHex(bytes) : formatEscaped(bytes, { lineBreaks: true })
}

/** The editor holding `bytes`, written in `mode`. */
export function bytesEditorFrom(bytes: Uint8Array, mode: BytesMode = 'text'): BytesEditorState {
  return { mode, text: formatBytes(bytes, mode), bytes }
}

/**
 * Typing keeps the last good bytes while the text has an error; switching the mode rewrites the same
 * bytes in the other mode, and is refused (nothing changes) while the text has an error, which would
 * otherwise be lost.
 */
export function bytesEditorReducer(state: BytesEditorState, action: BytesAction): BytesEditorState {
  switch (action.type) {
    case 'edit': {
      const parsed =
        action.text === ''
          ? { ok: true as const, bytes: new Uint8Array(0) }
          : read(action.text, state.mode)
      return parsed.ok
        ? { mode: state.mode, text: action.text, bytes: parsed.bytes }
        : { mode: state.mode, text: action.text, bytes: state.bytes, error: parsed }
    }
    case 'mode':
      if (state.error || action.mode === state.mode) return state
      return bytesEditorFrom(state.bytes, action.mode)
    case 'load':
      return bytesEditorFrom(action.bytes, state.mode)
  }
}

function read(text: string, mode: BytesMode) {
  return mode === 'hex' ? parseHex(text) : parseEscaped(text)
}

/** A file's bytes for the editor, or why not: past MAX_FILE_BYTES (refused before reading), unreadable. */
export async function readFileBytes(
  file: Pick<Blob, 'size' | 'arrayBuffer'>,
  max = MAX_FILE_BYTES,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'unreadable' }> {
  if (file.size > max) return { ok: false, reason: 'too-large' }
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) }
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
}
