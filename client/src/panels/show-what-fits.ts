// A list whose lines may take one or two rows (a long firm's name, an alert's message) shows as
// many whole lines as its box holds, newest first, rather than cutting the last or the text.
import type { Action } from 'svelte/action'

export const showWhatFits: Action<HTMLElement> = (list) => {
  const fit = () => {
    const items = [...list.children] as HTMLElement[]
    for (const item of items) item.style.display = ''
    const bottom = list.getBoundingClientRect().bottom - parseFloat(getComputedStyle(list).paddingBottom)
    const firstOut = items.findIndex((item) => item.getBoundingClientRect().bottom > bottom + 0.5)
    if (firstOut !== -1) for (const item of items.slice(firstOut)) item.style.display = 'none'
  }
  // Its own display changes are attributes, which it does not watch: no loop.
  const changes = new MutationObserver(fit)
  changes.observe(list, { childList: true, subtree: true, characterData: true })
  const resizes = new ResizeObserver(fit)
  resizes.observe(list)
  fit()
  return {
    destroy() {
      changes.disconnect()
      resizes.disconnect()
    },
  }
}
