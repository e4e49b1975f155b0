// Where a popup goes next to the control that opened it: below, else above, always inside the window.

/** A rectangle in viewport pixels, as getBoundingClientRect gives it. */
export interface Box {
  top: number
  left: number
  width: number
  height: number
}

/** The window's size and the margin kept from its edges. */
export interface Viewport {
  width: number
  height: number
  margin?: number
}

/**
 * The top-left corner for a popup of `size` next to `anchor`: below it when it fits, else above when
 * that fits, else as low as the window lets it (over the anchor, rather than off the screen); its left
 * edge at the anchor's, moved left as far as the window's edge requires.
 */
export function placeBelow(
  anchor: Box,
  size: { width: number; height: number },
  view: Viewport,
  gap = 6,
): { top: number; left: number } {
  const margin = view.margin ?? 8
  const below = anchor.top + anchor.height + gap
  const above = anchor.top - gap - size.height
  const lowest = view.height - margin - size.height
  const top = below <= lowest ? below : above >= margin ? above : Math.max(margin, lowest)
  const left = Math.max(margin, Math.min(anchor.left, view.width - margin - size.width))
  return { top, left }
}

/** Puts an open popover element next to `anchor` (both live in the page). */
export function placePopover(popup: HTMLElement, anchor: HTMLElement): void {
  const a = anchor.getBoundingClientRect()
  const p = popup.getBoundingClientRect()
  const { top, left } = placeBelow(a, p, {
    width: document.documentElement.clientWidth,
    height: window.innerHeight,
  })
  popup.style.top = `${Math.round(top)}px`
  popup.style.left = `${Math.round(left)}px`
}
