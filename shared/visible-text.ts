// Free text from source systems (entity names, categories, departments, tags,
// campaign names) is shown on walls. Characters that draw nothing but can reorder,
// hide or break what is shown are refused: bidirectional controls such as U+202E
// can make a name read backwards, zero-width characters make two names look alike.
// U+FFFD is what a wrong decoding leaves where text was lost: storing it keeps the loss.

/** Text without control, invisible formatting, separator, private-use, lone surrogate or replacement characters. */
export const VISIBLE_TEXT_PATTERN = '^[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Co}\\p{Cs}\\uFFFD]*$'

const REFUSED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\uFFFD]/u
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u

/** Why the text may not be shown as it is, naming the first character at fault; null when it may. */
export function textCharacterProblem(text: string): string | null {
  const found = REFUSED.exec(text)
  if (found === null) return null
  const character = found[0]
  const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  const at = `at character ${[...text.slice(0, found.index)].length + 1}`
  if (character === '\uFFFD') return `contains ${code} ${at}, the replacement character a wrong decoding leaves where text was lost; send the text as it was written (check the file's encoding)`
  if (BIDI_CONTROLS.test(character)) return `contains ${code} ${at}, a bidirectional control that can reverse or reorder the text a screen shows; remove it`
  if (/\p{Cf}/u.test(character)) return `contains ${code} ${at}, an invisible formatting character; remove it`
  if (/\p{Cc}/u.test(character)) return `contains ${code} ${at}, a control character (line breaks and tabs included); remove it`
  if (/[\p{Zl}\p{Zp}]/u.test(character)) return `contains ${code} ${at}, a line or paragraph separator; remove it`
  if (/\p{Co}/u.test(character)) return `contains ${code} ${at}, a private-use character that screens cannot show; remove it`
  return `contains ${code} ${at}, half of a surrogate pair, which is not a character; check the encoding`
}
