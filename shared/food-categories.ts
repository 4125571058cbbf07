// The food categories of China's national food-safety sampling (国家食品安全监督抽检), as
// source systems name them, with the English the English wall shows. The category is free
// text on a record: one outside this list is shown as sent, in either language.
export const FOOD_CATEGORY_NAMES_EN: Readonly<Record<string, string>> = {
  粮食加工品: 'Grain products',
  '食用油、油脂及其制品': 'Edible oils and fats',
  调味品: 'Condiments',
  肉制品: 'Meat products',
  乳制品: 'Dairy products',
  饮料: 'Beverages',
  方便食品: 'Convenience foods',
  饼干: 'Biscuits',
  速冻食品: 'Quick-frozen foods',
  薯类和膨化食品: 'Potato and puffed snacks',
  糖果制品: 'Confectionery',
  茶叶及相关制品: 'Tea products',
  酒类: 'Alcoholic drinks',
  蔬菜制品: 'Vegetable products',
  水果制品: 'Fruit products',
  炒货食品及坚果制品: 'Roasted seeds and nuts',
  蛋制品: 'Egg products',
  水产制品: 'Aquatic products',
  糕点: 'Pastries',
  豆制品: 'Soybean products',
  餐饮食品: 'Catering food',
  食用农产品: 'Edible farm produce',
}

/** The category's English name, or the category as sent when it is not a national one. */
export function foodCategoryInEnglish(category: string): string {
  return FOOD_CATEGORY_NAMES_EN[category] ?? category
}
