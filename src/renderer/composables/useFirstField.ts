import { nextTick } from 'vue'

/** Fields an agent types into or chooses from: not radios or ticks, not hidden, not disabled. */
const FIELD = [
  'input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([disabled])',
  'textarea:not([disabled])',
  'select:not([disabled])',
  '[role=combobox]:not([aria-disabled=true])',
].join(', ')

const usable = (el: Element): el is HTMLElement =>
  el instanceof HTMLElement && !el.closest('[hidden], [inert], [aria-hidden=true]') && el.tabIndex >= 0

/** The first field under `root` (an element marked `data-first-field` wins), or null. */
export function firstField(root: ParentNode): HTMLElement | null {
  const marked = root.querySelector('[data-first-field]')
  if (marked && usable(marked)) return marked
  return [...root.querySelectorAll(FIELD)].find(usable) ?? null
}

/**
 * Puts the keyboard in the first field under `root()` once it has rendered (sections may draw their
 * fields a frame or two after the route changes); without one, on the section's heading, so a screen
 * reader says where the agent is. Returns whether a field got the focus.
 */
export async function focusFirstField(root: () => ParentNode | null, frames = 10): Promise<boolean> {
  await nextTick()
  for (let i = 0; i <= frames; i++) {
    const r = root()
    const field = r ? firstField(r) : null
    if (field) {
      field.focus()
      return true
    }
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)))
  }
  const heading = root()?.querySelector<HTMLElement>('h1')
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
    heading.focus()
  }
  return false
}
