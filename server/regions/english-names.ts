// English names of regions for the English wall: official forms where they differ from
// pinyin (the Tibetan and Yi prefectures, a few counties), romanised pinyin otherwise.
// Romanised on the server at start, so the client bundle carries no pinyin dictionary.
import { pinyin } from 'pinyin-pro'

/** Sichuan's 21 prefecture-level divisions by their official English names (the province's own usage). */
const PREFECTURES: Readonly<Record<string, string>> = {
  '510000': 'Sichuan Province',
  '510100': 'Chengdu',
  '510300': 'Zigong',
  '510400': 'Panzhihua',
  '510500': 'Luzhou',
  '510600': 'Deyang',
  '510700': 'Mianyang',
  '510800': 'Guangyuan',
  '510900': 'Suining',
  '511000': 'Neijiang',
  '511100': 'Leshan',
  '511300': 'Nanchong',
  '511400': 'Meishan',
  '511500': 'Yibin',
  '511600': "Guang'an",
  '511700': 'Dazhou',
  '511800': "Ya'an",
  '511900': 'Bazhong',
  '512000': 'Ziyang',
  '513200': 'Ngawa Tibetan and Qiang Autonomous Prefecture',
  '513300': 'Garzê Tibetan Autonomous Prefecture',
  '513400': 'Liangshan Yi Autonomous Prefecture',
}

/**
 * Counties whose official English name is not the pinyin of their Chinese one (Tibetan names),
 * or whose pinyin a dictionary reads wrongly (都 is dū in 新都 and 郫都, 什 shí in 什邡, 筠 jūn
 * in 筠连, 棱 líng in 丹棱). Only forms we are sure of.
 */
const COUNTIES: Readonly<Record<string, string>> = {
  马尔康市: 'Barkam City',
  阿坝县: 'Ngawa County',
  若尔盖县: 'Zoigê County',
  甘孜县: 'Garzê County',
  德格县: 'Dêgê County',
  石渠县: 'Sêrxü County',
  色达县: 'Sêrtar County',
  新都区: 'Xindu District',
  郫都区: 'Pidu District',
  什邡市: 'Shifang City',
  筠连县: 'Junlian County',
  丹棱县: 'Danling County',
}

const ETHNIC_GROUPS: Readonly<Record<string, string>> = {
  藏族: 'Tibetan', 羌族: 'Qiang', 彝族: 'Yi', 回族: 'Hui', 苗族: 'Miao', 土家族: 'Tujia', 蒙古族: 'Mongol', 傣族: 'Dai', 壮族: 'Zhuang',
}

// Longest first, so 自治县 wins over 县.
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治区', 'Autonomous Region'],
  ['地区', 'Prefecture'],
  ['林区', 'Forestry District'],
  ['省', 'Province'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['盟', 'League'],
  ['市', 'City'],
]

/** Toneless pinyin as one capitalised word, with an apostrophe where a syllable starting a, o or e would run into the one before (Ya'an). */
export function romanise(chinese: string): string {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array', v: true }).map((syllable) => syllable.replace('v', 'ü'))
  const word = syllables.map((syllable, index) => (index > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable)).join('')
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** A name's stem, its ethnic groups (for autonomous divisions) and its English suffix. */
function englishFromParts(name: string): string {
  const suffix = SUFFIXES.find(([chinese]) => name.endsWith(chinese) && name.length > chinese.length)
  if (suffix === undefined) return romanise(name)
  let stem = name.slice(0, -suffix[0].length)
  const groups: string[] = []
  if (suffix[0].startsWith('自治')) {
    // 北川羌族 → Beichuan + Qiang; 阿坝藏族羌族 → Aba + Tibetan and Qiang
    for (let found = true; found; ) {
      found = false
      for (const [chinese, english] of Object.entries(ETHNIC_GROUPS)) {
        if (stem.endsWith(chinese) && stem.length > chinese.length) {
          groups.unshift(english)
          stem = stem.slice(0, -chinese.length)
          found = true
        }
      }
    }
  }
  return [romanise(stem), groups.join(' and '), suffix[1]].filter((part) => part !== '').join(' ')
}

/** The English name of a division: the official table first, then romanised pinyin with its English suffix. */
export function englishRegionName(division: { code: string; name: string; parentCode: string | null }): string {
  const official = PREFECTURES[division.code] ?? COUNTIES[division.name]
  if (official !== undefined) return official
  // Prefecture-level cities are known by the bare name (Chengdu, not Chengdu City); county-level ones keep "City".
  const isPrefectureCity = division.parentCode !== null && division.code.endsWith('00') && division.name.endsWith('市')
  return isPrefectureCity ? romanise(division.name.slice(0, -1)) : englishFromParts(division.name)
}
