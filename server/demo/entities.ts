// Plausible market entities: a valid 统一社会信用代码 registered in the county, and a shop or company name.
import type { Region } from '../../shared/api'
import type { Entity } from '../../shared/records'
import { USCC_ALPHABET, usccCheckCharacter } from '../../shared/uscc'
import type { Random } from './random'
import type { Static } from 'typebox'

/** 72% of Sichuan's market entities are individual businesses (个体工商户) */
const INDIVIDUAL_SHARE = 0.72
const BRANDS = ['蜀味', '天府', '锦江', '鑫源', '恒达', '佳惠', '顺发', '宏盛', '金桥', '百味', '悦家', '川源', '同心', '兴旺', '福满', '瑞丰', '德润', '嘉禾', '新城', '康源', '华蓉', '巴山', '龙泉', '众诚']
const COMPANY_TRADES = ['餐饮管理', '商贸', '食品', '医药连锁', '电子科技', '建材', '汽车销售', '教育咨询', '医疗美容', '物业服务', '超市', '农产品', '电梯工程', '家居']
const SHOP_TRADES = ['川菜馆', '火锅店', '便利店', '超市', '大药房', '水果店', '理发店', '五金店', '面馆', '烧烤店', '茶楼', '干杂店', '冒菜馆', '手机店', '眼镜店', '母婴店']
const FAMILY_NAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '罗', '何', '郭']

export function makeEntity(random: Random, county: Region): Static<typeof Entity> {
  const individual = random.chance(INDIVIDUAL_SHARE)
  const first17 = `9${individual ? '2' : '1'}${county.code}${random.chars(USCC_ALPHABET, 9)}`
  const place = county.name.length > 2 ? county.name.slice(0, -1) : county.name
  const name = individual
    ? `${county.name}${random.pick(FAMILY_NAMES)}记${random.pick(SHOP_TRADES)}`
    : `四川${random.pick(BRANDS)}${random.pick(COMPANY_TRADES)}有限公司${random.chance(0.3) ? `${place}分公司` : ''}`
  return { uscc: `${first17}${usccCheckCharacter(first17)}`, name }
}
