// What the wall calls a region in its language. Data names regions in Chinese; the server names
// every region of the province in English once, in /api/v1/config, so the bundle carries no
// pinyin dictionary and every panel asks here by code.
import { i18n } from './locale.svelte'

/** The customary short forms of the long autonomous-prefecture names, for panels with little room. */
const SHORT_FORMS: Readonly<Record<string, { zh: string; en: string }>> = {
  '513200': { zh: '阿坝州', en: 'Ngawa' },
  '513300': { zh: '甘孜州', en: 'Garzê' },
  '513400': { zh: '凉山州', en: 'Liangshan' },
}

// 木里藏族自治县 is called 木里县 where it is tight, as 凉山彝族自治州 is 凉山州: the place name and the level.
const CHINESE_AUTONOMOUS = /^(\p{Script=Han}{2,}?)(?:\p{Script=Han}{1,2}族)+自治([县州])$/u

// "Jinjiang District", "Muli Tibetan Autonomous County": the place name is the first word (pinyin is written as one).
const ENGLISH_COUNTY_SUFFIX = / .*\b(?:District|County|City)$/

class RegionNames {
  #english = $state.raw<Readonly<Record<string, string>>>({})

  learnEnglish(names: Readonly<Record<string, string>>): void {
    this.#english = names
  }

  /**
   * The name of region `code` in the wall's language. `tight` (rankings, map labels) takes the
   * customary short form: 阿坝州 for 阿坝藏族羌族自治州, 木里县 for 木里藏族自治县, and in English the place name without
   * District, County or City, as English maps print them.
   */
  of(code: string, chinese: string, tight = false): string {
    const short = tight ? SHORT_FORMS[code] : undefined
    if (i18n.current === 'zh-CN') return short?.zh ?? (tight ? chinese.replace(CHINESE_AUTONOMOUS, '$1$2') : chinese)
    // Until the configuration has come, the Chinese name rather than nothing.
    const english = short?.en ?? this.#english[code] ?? chinese
    return tight ? english.replace(ENGLISH_COUNTY_SUFFIX, '') : english
  }
}

export const regionNames = new RegionNames()
