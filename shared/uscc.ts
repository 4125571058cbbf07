// 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export const USCC_PATTERN = `^[${USCC_ALPHABET}]{18}$`

/** The check character the first 17 characters call for, or null if they are not USCC characters. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0
  for (let index = 0; index < 17; index++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(index))
    if (value < 0) return null
    sum += value * (3 ** index % 31)
  }
  const check = 31 - (sum % 31)
  return USCC_ALPHABET.charAt(check === 31 ? 0 : check)
}

/** Why a code is not a valid USCC, or null when it is. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters, not ${code.length}`
  const bad = [...code].find((character) => !USCC_ALPHABET.includes(character))
  if (bad !== undefined) return `contains "${bad}", which never occurs in a USCC (I, O, S, V, Z and lower case are not used)`
  const expected = usccCheckCharacter(code.slice(0, 17))
  if (expected !== code.charAt(17)) return `check character is "${code.charAt(17)}" but the first 17 characters call for "${expected}" (GB 32100)`
  return null
}
