// A list whose lines may take one or two rows (a long firm's name, an alert's message) shows as
// many whole lines as its box holds, newest first, rather than cutting the last or the text.
import type { Action } from 'svelte/action'

export const showWhatFits: Action<HTMLElement> = (list) => {
  const fit = () => {
    const items = [...list.children] as HTMLElement[]
    for (const item of items) item.style.display = ''
    const bottom = list.getBoundingClientRect().bottom - parseFloat(getComputedStyle(list).paddingBottom)
    // The newest line always shows: a panel is never blank while it has something to say.
    const firstOut = items.findIndex((item, index) => index > 0 && item.getBoundingClientRect().bottom > bottom + 0.5)
    if (firstOut !== -1) for (const item of items.slice(firstOut)) item.style.display = 'none'
  }
  // Measured once the frame is laid out, not in the middle of an update.
  let pending = 0
  const fitSoon = () => {
    cancelAnimationFrame(pending)
    pending = requestAnimationFrame(fit)
  }
  // Its own display changes are attributes, which it does not watch: no loop.
  const changes = new MutationObserver(fitSoon)
  changes.observe(list, { childList: true, subtree: true, characterData: true })
  const resizes = new ResizeObserver(fitSoon)
  resizes.observe(list)
  fit()
  return {
    destroy() {
      cancelAnimationFrame(pending)
      changes.disconnect()
      resizes.disconnect()
    },
  }
}
