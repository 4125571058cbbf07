// Every piece of UI text, per locale. English must provide exactly the Chinese keys.

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const zhCN = {
  commandCentre: (province: string) => `${province}市场监管指挥中心`,
  commandCentreGeneric: '市场监管指挥中心',
  productName: 'RegDeck',
  loading: '加载中…',
  loadFailed: (detail: string, retrySeconds: number) => `加载失败：${detail}（${retrySeconds} 秒后自动重试）`,
  showingLastGood: '显示上次成功加载的数据',
  serverUnreachable: '无法连接服务器',
  switchLanguage: 'EN',
  switchLanguageLabel: 'Switch to English',
  notFound: '页面不存在',
  backToWall: '返回大屏首页',
  invalidRegion: (code: string) => `无效的行政区划代码：${code}`,
  breadcrumbLabel: '区划层级',
  level: { province: '省', city: '市（州）', county: '区（县）' },
  childrenHeading: { province: '下辖市（州）', city: '下辖区（县）', county: '下辖区划' },
  childCount: (n: number, level: 'province' | 'city' | 'county') =>
    `共 ${n} 个${level === 'province' ? '市（州）' : '区（县）'}`,
  noChildren: '本级为区县级，无下级区划',
  population: '常住人口',
  marketEntities: '市场主体',
  peopleUnit: '人',
  entitiesUnit: '户',
  regionName: '区划',
  estimated: '估',
  estimatedLegend: '估：按规则估算，非运营方实测数据',
  schematic: '示意图（无实测县界）',
  mapLabel: (name: string) => `${name}区划图`,
  drillHint: '点击区划下钻',
  live: { live: '实时', stale: '数据延迟', offline: '连接中断' },
  liveTooltip: (seq: number | null, ageSeconds: number | null) =>
    seq === null ? '尚未收到心跳' : `心跳序号 ${seq}，${ageSeconds ?? 0} 秒前`,
  serverClockPending: '等待服务器时间',
  weekdays: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  date: (y: number, m: number, d: number) => `${y}年${m}月${d}日`,
}

export type Messages = typeof zhCN

const en: Messages = {
  commandCentre: (province) => `${province} Market Regulation Command Centre`,
  commandCentreGeneric: 'Market Regulation Command Centre',
  productName: 'RegDeck',
  loading: 'Loading…',
  loadFailed: (detail, retrySeconds) => `Failed to load: ${detail} (retrying in ${retrySeconds} s)`,
  showingLastGood: 'Showing the last data loaded successfully',
  serverUnreachable: 'cannot reach the server',
  switchLanguage: '中文',
  switchLanguageLabel: '切换到中文',
  notFound: 'Page not found',
  backToWall: 'Back to the wall',
  invalidRegion: (code) => `Invalid region code: ${code}`,
  breadcrumbLabel: 'Region levels',
  level: { province: 'Province', city: 'City', county: 'County' },
  childrenHeading: { province: 'Cities', city: 'Counties and districts', county: 'Subdivisions' },
  childCount: (n, level) => `${n} ${level === 'province' ? 'cities' : 'counties and districts'}`,
  noChildren: 'County level: no subdivisions',
  population: 'Population',
  marketEntities: 'Market entities',
  peopleUnit: 'people',
  entitiesUnit: 'entities',
  regionName: 'Region',
  estimated: 'est.',
  estimatedLegend: 'est.: derived by a stated rule, not operator figures',
  schematic: 'Schematic (no surveyed county boundaries)',
  mapLabel: (name) => `Map of ${name}`,
  drillHint: 'Click a region to drill down',
  live: { live: 'Live', stale: 'Delayed', offline: 'Offline' },
  liveTooltip: (seq, ageSeconds) =>
    seq === null ? 'No heartbeat yet' : `Heartbeat #${seq}, ${ageSeconds ?? 0} s ago`,
  serverClockPending: 'Waiting for server time',
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  date: (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
}

export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, en }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}
