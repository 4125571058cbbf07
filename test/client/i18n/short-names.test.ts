import { describe, expect, it } from 'vitest'
import { chineseShortName } from '../../../client/src/i18n/short-names'

describe('chineseShortName', () => {
  it.each([
    ['阿坝藏族羌族自治州', '阿坝州'],
    ['甘孜藏族自治州', '甘孜州'],
    ['凉山彝族自治州', '凉山州'],
    ['木里藏族自治县', '木里县'],
    ['北川羌族自治县', '北川县'],
    // a place name of three characters is not cut after two
    ['黔东南苗族侗族自治州', '黔东南州'],
    ['成都市', '成都市'],
    ['锦江区', '锦江区'],
  ])('%s → %s', (name, short) => {
    expect(chineseShortName(name)).toBe(short)
  })
})
