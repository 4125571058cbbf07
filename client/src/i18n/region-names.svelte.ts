// What the wall calls a region in its language. Data names regions in Chinese; the server names
// every region of the province in English once, in /api/v1/config, so the bundle carries no
// pinyin dictionary and every panel asks here by code.
import { i18n } from './locale.svelte'
import { chineseShortName } from './short-names'

/** The English short forms of the long autonomous-prefecture names, as English maps print them. */
const ENGLISH_SHORT_FORMS: Readonly<Record<string, string>> = { '513200': 'Ngawa', '513300': 'Garzê', '513400': 'Liangshan' }

// "Jinjiang District", "Muli Tibetan Autonomous County", "Sichuan Province": the place name is the first word (pinyin is written as one).
const ENGLISH_LEVEL_SUFFIX = / .*\b(?:District|County|City|Province)$/

class RegionNames {
  #english = $state.raw<Readonly<Record<string, string>>>({})

  learnEnglish(names: Readonly<Record<string, string>>): void {
    this.#english = names
  }

  /**
   * The name of region `code` in the wall's language. `tight` (rankings, map labels) takes the
   * customary short form: 阿坝州 for 阿坝藏族羌族自治州, 木里县 for 木里藏族自治县, and in English the place name without
   * District, County, City or Province, as English maps print them.
   */
  of(code: string, chinese: string, tight = false): string {
    if (i18n.current === 'zh-CN') return tight ? chineseShortName(chinese) : chinese
    // Until the configuration has come, the Chinese name rather than nothing.
    const english = (tight ? ENGLISH_SHORT_FORMS[code] : undefined) ?? this.#english[code] ?? chinese
    return tight ? english.replace(ENGLISH_LEVEL_SUFFIX, '') : english
  }
}

export const regionNames = new RegionNames()
