// Layout checks run in the page: a control whose value is cut, and labels that run into each other.
import type { Page } from '@playwright/test'

// Strings, not functions: the e2e tsconfig has Node's types, not the DOM's.
const FIND_CLIPPED = `(scope) => {
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
  const out = []
  for (const root of document.querySelectorAll(scope)) {
    for (const el of root.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file])')) {
      if (!visible(el)) continue
      if (el.scrollWidth > el.clientWidth) out.push({ id: el.id, value: el.value, need: el.scrollWidth, have: el.clientWidth })
    }
    // A select does not scroll: measure the width it would take for its chosen text alone.
    for (const el of root.querySelectorAll('select')) {
      if (!visible(el)) continue
      const text = el.selectedOptions[0] ? el.selectedOptions[0].textContent : ''
      const probe = el.cloneNode(false)
      probe.removeAttribute('id')
      const option = document.createElement('option')
      option.textContent = text
      probe.appendChild(option)
      probe.style.cssText = 'position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none;flex:none'
      el.parentElement.appendChild(probe)
      const need = probe.getBoundingClientRect().width
      probe.remove()
      const have = el.getBoundingClientRect().width
      if (need > have + 0.5) out.push({ id: el.id, value: text, need: Math.round(need), have: Math.round(have) })
    }
  }
  return out
}`

const FIND_OVERLAPS = `(scope) => {
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
  const boxes = []
  for (const root of document.querySelectorAll(scope)) {
    for (const el of root.querySelectorAll('label, input, select, textarea, button')) {
      if (!visible(el)) continue
      const r = el.getBoundingClientRect()
      if (r.width > 0 && r.height > 0) boxes.push({ el, r })
    }
  }
  const out = []
  for (const a of boxes) {
    if (a.el.tagName !== 'LABEL') continue
    for (const b of boxes) {
      if (a === b || a.el.contains(b.el) || b.el.contains(a.el)) continue
      if (b.el.tagName === 'LABEL' && boxes.indexOf(b) < boxes.indexOf(a)) continue
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left)
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top)
      if (w > 1 && h > 1) out.push(a.el.textContent.trim() + ' / ' + (b.el.textContent.trim() || b.el.id || b.el.tagName))
    }
  }
  return out
}`

/** Text inputs and selects inside `scope` (a CSS selector) whose value does not fit: none is the goal. */
export function clippedControls(page: Page, scope: string): Promise<unknown[]> {
  return page.evaluate(`(${FIND_CLIPPED})(${JSON.stringify(scope)})`)
}

/** Labels inside `scope` that overlap another label or a control: none is the goal. */
export function overlappingLabels(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(`(${FIND_OVERLAPS})(${JSON.stringify(scope)})`)
}

/** How far the page itself is scrolled (0: everything seen was seen without scrolling the page). */
export function pageScroll(page: Page): Promise<number> {
  return page.evaluate('document.scrollingElement.scrollTop')
}
