import { describe, expect, it } from 'vitest'
import { Topic } from '../../../server/events/topic'

describe('Topic', () => {
  it('hands each event to every subscriber, in the order they subscribed, until they stop', () => {
    const topic = new Topic<number>()
    const heard: string[] = []
    const stopFirst = topic.subscribe((event) => heard.push(`first ${event}`))
    topic.subscribe((event) => heard.push(`second ${event}`))
    topic.publish(1)
    stopFirst()
    topic.publish(2)
    expect(heard).toEqual(['first 1', 'second 1', 'second 2'])
  })
})
