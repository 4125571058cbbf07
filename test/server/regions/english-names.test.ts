import { describe, expect, it } from 'vitest'
import { englishRegionName, romanise } from '../../../server/regions/english-names'
import { loadProvinceDivisions } from '../../../server/regions/region-tree'

const sichuan = loadProvinceDivisions('510000')
const englishOf = (name: string) => {
  const division = sichuan.find((entry) => entry.name === name)
  if (division === undefined) throw new Error(`no division ${name}`)
  return englishRegionName(division)
}

describe('English region names', () => {
  it('names the province and its 21 prefectures by their official English forms', () => {
    const prefectures = sichuan.filter((division) => division.parentCode === '510000' && division.code.endsWith('00'))
    expect(Object.fromEntries([sichuan[0]!, ...prefectures].map((division) => [division.name, englishRegionName(division)]))).toEqual({
      四川省: 'Sichuan Province',
      成都市: 'Chengdu', 自贡市: 'Zigong', 攀枝花市: 'Panzhihua', 泸州市: 'Luzhou', 德阳市: 'Deyang', 绵阳市: 'Mianyang', 广元市: 'Guangyuan',
      遂宁市: 'Suining', 内江市: 'Neijiang', 乐山市: 'Leshan', 南充市: 'Nanchong', 眉山市: 'Meishan', 宜宾市: 'Yibin', 广安市: "Guang'an",
      达州市: 'Dazhou', 雅安市: "Ya'an", 巴中市: 'Bazhong', 资阳市: 'Ziyang',
      阿坝藏族羌族自治州: 'Ngawa Tibetan and Qiang Autonomous Prefecture',
      甘孜藏族自治州: 'Garzê Tibetan Autonomous Prefecture',
      凉山彝族自治州: 'Liangshan Yi Autonomous Prefecture',
    })
  })

  it('romanises counties with their English suffix, ethnic groups and the official forms that are not pinyin', () => {
    expect(englishOf('锦江区')).toBe('Jinjiang District')
    expect(englishOf('龙泉驿区')).toBe('Longquanyi District')
    expect(englishOf('都江堰市')).toBe('Dujiangyan City')
    expect(englishOf('金堂县')).toBe('Jintang County')
    expect(englishOf('大安区')).toBe("Da'an District")
    expect(englishOf('北川羌族自治县')).toBe('Beichuan Qiang Autonomous County')
    expect(englishOf('木里藏族自治县')).toBe('Muli Tibetan Autonomous County')
    expect(englishOf('马尔康市')).toBe('Barkam City')
    expect(englishOf('若尔盖县')).toBe('Zoigê County')
    expect(englishOf('新都区')).toBe('Xindu District')
    expect(englishOf('什邡市')).toBe('Shifang City')
  })

  it('gives every region of Sichuan an English name in Latin letters', () => {
    const names = sichuan.map((division) => englishRegionName(division))
    expect(names.filter((name) => !/^[A-Z][A-Za-zêü' ]+$/.test(name))).toEqual([])
  })

  it('marks syllable breaks before a vowel and writes ü', () => {
    expect(romanise('西安')).toBe("Xi'an")
    expect(romanise('绿')).toBe('Lü')
  })
})
