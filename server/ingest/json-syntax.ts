// Where malformed JSON goes wrong. V8 names the position for some errors ("at
// position 7") but not for others ("Unexpected token ','"), so on failure the text is
// scanned once more to find the first offending character.

export interface JsonSyntaxError {
  /** 0-based character offset */
  position: number
  /** 1-based */
  line: number
  column: number
  reason: string
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError }

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const reason = (error as Error).message
    const stated = /at position (\d+)/.exec(reason)?.[1]
    const position = stated === undefined ? firstErrorOffset(text) : Number(stated)
    const before = text.slice(0, position)
    const line = before.split('\n').length
    const column = position - before.lastIndexOf('\n')
    return { ok: false, error: { position, line, column, reason: reason.replace(/, ".*" is not valid JSON$/s, '') } }
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERAL = /true|false|null/y
const WHITESPACE = /[ \t\n\r]*/y

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after'

/** Offset of the first character that breaks JSON's grammar (text.length when the text ends too early). */
export function firstErrorOffset(text: string): number {
  const open: string[] = []
  let i = 0
  let expect: Expect = 'value'
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = i
    WHITESPACE.exec(text)
    i = WHITESPACE.lastIndex
  }
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i
    if (pattern.exec(text) === null) return false
    i = pattern.lastIndex
    return true
  }
  for (;;) {
    skipWhitespace()
    if (i >= text.length) return text.length
    const c = text.charAt(i)
    if (expect === 'after') {
      const close = open.at(-1) === '{' ? '}' : ']'
      if (open.length > 0 && c === ',') {
        expect = open.at(-1) === '{' ? 'key' : 'value'
        i++
      } else if (open.length > 0 && c === close) {
        open.pop()
        i++
      } else return i
      continue
    }
    if ((expect === 'valueOrClose' && c === ']') || (expect === 'keyOrClose' && c === '}')) {
      open.pop()
      i++
      expect = 'after'
      continue
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (c !== '"') return i
      const end = stringEnd(text, i)
      if (end < 0) return -end - 1
      i = end
      skipWhitespace()
      if (text.charAt(i) !== ':') return i
      i++
      expect = 'value'
      continue
    }
    if (c === '{' || c === '[') {
      open.push(c)
      i++
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose'
      continue
    }
    if (c === '"') {
      const end = stringEnd(text, i)
      if (end < 0) return -end - 1
      i = end
    } else if (!match(NUMBER) && !match(LITERAL)) return i
    expect = 'after'
    if (open.length === 0) {
      skipWhitespace()
      return i < text.length ? i : text.length
    }
  }
}

/** Offset just past the closing quote, or −(offset of the error) − 1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x22) return i + 1
    if (code < 0x20) return -i - 1
    if (code === 0x5c) {
      const escape = text.charAt(i + 1)
      if (escape === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -(i + 1) - 1
        i += 5
      } else if ('"\\/bfnrt'.includes(escape) && escape !== '') i += 1
      else return -(i + 1) - 1
    }
  }
  return -text.length - 1
}
