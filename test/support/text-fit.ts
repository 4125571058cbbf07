/// <reference lib="dom" />
// Finds text on a page that a reader cannot read in full: cut by a box that clips it (overflow
// hidden or clip, an ellipsis), spilling out of its box or its panel, or too small to read. A cut name is a fault
// even when an ellipsis marks the cut.
import type { Page } from 'playwright-core'

export interface TextMisfit {
  /** the text as laid out, in full */
  text: string
  /** where it sits: the nearest panel and a short path of tags and classes */
  where: string
  problem: string
}

/** Every piece of visible text inside `root` (a CSS selector) that is cut or spills. */
export function findTextMisfits(page: Page, root: string): Promise<TextMisfit[]> {
  return page.evaluate((rootSelector) => {
    const SLACK = 1
    // On the 1920×1080 canvas (a design pixel a screen pixel): read from five metres, nothing smaller.
    const SMALLEST_FONT_PX = 14
    const misfits: { text: string; where: string; problem: string }[] = []
    const clips = (style: CSSStyleDeclaration) => style.overflowX !== 'visible' || style.overflowY !== 'visible'
    const describe = (element: Element): string => {
      const panel = element.closest('[data-panel]')?.getAttribute('data-panel') ?? element.closest('[data-screen]')?.getAttribute('data-screen') ?? 'page'
      const path: string[] = []
      for (let at: Element | null = element; at !== null && path.length < 3 && !at.hasAttribute('data-panel'); at = at.parentElement) {
        const classes = [...at.classList].filter((name) => !name.startsWith('svelte-'))
        path.unshift(at.tagName.toLowerCase() + classes.map((name) => `.${name}`).join(''))
      }
      return `${panel}: ${path.join(' > ')}`
    }
    const outside = (inner: DOMRect, outer: DOMRect) =>
      inner.left < outer.left - SLACK || inner.right > outer.right + SLACK || inner.top < outer.top - SLACK || inner.bottom > outer.bottom + SLACK
    const shown = (element: Element) => {
      const style = getComputedStyle(element)
      return style.visibility !== 'hidden' && style.display !== 'none' && element.getClientRects().length > 0
    }

    for (const container of document.querySelectorAll(rootSelector)) {
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? ''
        const owner = node.parentElement
        if (text === '' || owner === null || !shown(owner) || owner.closest('[aria-hidden="true"], .visually-hidden') !== null) continue
        const range = document.createRange()
        range.selectNodeContents(node)
        const box = range.getBoundingClientRect()
        if (box.width === 0 && box.height === 0) continue
        const where = describe(owner)
        const fontSize = parseFloat(getComputedStyle(owner).fontSize)
        if (fontSize < SMALLEST_FONT_PX) misfits.push({ text, where, problem: `too small to read: ${fontSize}px` })
        // Cut: text reaching past an ancestor that clips what overflows it (an ellipsis is paint, not layout: the range still spans the whole text).
        for (let at: Element | null = owner; at !== null && at !== container.parentElement; at = at.parentElement) {
          const style = getComputedStyle(at)
          if (clips(style) && outside(box, at.getBoundingClientRect())) {
            misfits.push({ text, where, problem: `cut by ${at.tagName.toLowerCase()}${style.textOverflow === 'ellipsis' ? ' (ellipsis)' : ''}` })
            break
          }
          if (at.hasAttribute('data-panel')) break
        }
        // Spilled: text beyond the panel or the cell of the wall's bar it belongs to.
        const frame = owner.closest('[data-panel], [data-bar-cell]') ?? container
        if (outside(box, frame.getBoundingClientRect())) misfits.push({ text, where, problem: 'spills out of its panel' })
        // A box too small for its own text: the text overflows it whether or not anything clips.
        const block = owner instanceof HTMLElement && getComputedStyle(owner).display !== 'inline' ? owner : null
        if (block !== null && (block.scrollWidth > block.clientWidth + SLACK || (clips(getComputedStyle(block)) && block.scrollHeight > block.clientHeight + SLACK))) {
          misfits.push({ text, where, problem: `overflows its box (${block.scrollWidth}×${block.scrollHeight} in ${block.clientWidth}×${block.clientHeight})` })
        }
      }
    }
    // One report per text and problem: a text cut by two boxes is one fault.
    const seen = new Set<string>()
    return misfits.filter((misfit) => {
      const key = `${misfit.where}|${misfit.text}|${misfit.problem}`
      return seen.has(key) ? false : (seen.add(key), true)
    })
  }, root)
}
