import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { settleAll } from '../../../server/db/settle-all'

describe('settleAll', () => {
  it('fails only after every statement has settled, with the first failure', async () => {
    const settled: string[] = []
    const failsAtOnce = Promise.reject(new Error('first'))
    const finishesLater = sleep(30).then(() => settled.push('later'))
    const failsLater = sleep(10).then(() => Promise.reject(new Error('second')))
    await expect(settleAll([failsAtOnce, finishesLater, failsLater])).rejects.toThrow('first')
    expect(settled).toEqual(['later'])
  })

  it('gives the values in order when all succeed', async () => {
    expect(await settleAll([sleep(10).then(() => 'a'), Promise.resolve(2), undefined])).toEqual(['a', 2, undefined])
  })
})
