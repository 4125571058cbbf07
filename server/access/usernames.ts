// Usernames are lowercase ASCII (pinyin, staff numbers): no two accounts can differ only by
// case or by look-alike characters, and a username is typed the same on every keyboard.
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/

/** Why a username is refused, or undefined when it is acceptable. */
export function usernameProblem(username: string): string | undefined {
  if (USERNAME.test(username)) return undefined
  return `username "${username}" is not 2–64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit`
}
