import { createSubscriber } from 'svelte/reactivity'

/**
 * The local time, re-read once a second while something on screen reads it;
 * the timer stops when nothing does.
 */
export class Now {
  #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, 1000)
    return () => clearInterval(timer)
  })

  get ms(): number {
    this.#subscribe()
    return Date.now()
  }
}

export const now = new Now()
