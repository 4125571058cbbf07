// Request bodies from bytes to text, strictly: a byte that does not decode is refused
// (415 naming the encoding), never turned into U+FFFD and stored. JSON and NDJSON are
// UTF-8 (RFC 8259). CSV is what spreadsheets write: UTF-8, or on a Chinese Windows
// Excel's "CSV (逗号分隔)", which is GBK with no charset anywhere; so a CSV that
// declares no charset and is not UTF-8 is read as GB18030 (a superset of GBK and GB2312).
import { HttpProblem } from '../http/problem'

const GB_CHARSETS = new Set(['gb18030', 'gbk', 'gb2312', 'x-gbk', 'cp936', 'windows-936', 'csgb2312', 'chinese'])
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8'])

/** The charset a Content-Type declares, lower-cased; undefined when it declares none. */
export function declaredCharset(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase()
}

/** A JSON or NDJSON body's declared charset must be UTF-8 (or none). */
export function requireUtf8Charset(contentType: string | undefined, format: string): void {
  const charset = declaredCharset(contentType)
  if (charset !== undefined && !UTF8_CHARSETS.has(charset)) {
    throw unreadable(`${format} bodies are UTF-8 (RFC 8259), not ${charset}; send the records as UTF-8, or a spreadsheet's file as text/csv`)
  }
}

/** A JSON body as text; bytes that are not UTF-8 are refused. */
export function utf8BodyText(body: Buffer, contentType: string | undefined): string {
  requireUtf8Charset(contentType, 'JSON')
  const text = decodeStrictly(body, 'utf-8')
  if (text === null) throw unreadable(`the body is not valid UTF-8: ${whereUndecodable(body, ['utf-8'])}; JSON bodies are UTF-8 (RFC 8259)`)
  return text
}

/** A CSV body as text: as its charset says, else UTF-8, else GB18030 (GBK) as Chinese Excel saves it. */
export function csvBodyText(body: Buffer, contentType: string | undefined): string {
  const charset = declaredCharset(contentType)
  if (charset !== undefined && !UTF8_CHARSETS.has(charset) && !GB_CHARSETS.has(charset)) {
    throw unreadable(`CSV is read as UTF-8 or GB18030/GBK (Excel's "CSV (逗号分隔)" on a Chinese Windows), not ${charset}; save the file as "CSV UTF-8"`)
  }
  if (isUtf16(body)) throw unreadable('the CSV is UTF-16 (Excel\'s "Unicode text"); save it as "CSV UTF-8" or "CSV (逗号分隔)"')
  if (charset === undefined) {
    const text = decodeStrictly(body, 'utf-8') ?? decodeStrictly(body, 'gb18030')
    if (text === null) throw unreadable(`the CSV is neither UTF-8 nor GB18030/GBK: ${whereUndecodable(body, ['utf-8', 'gb18030'])}; save it as "CSV UTF-8"`)
    return text
  }
  const encoding = UTF8_CHARSETS.has(charset) ? 'utf-8' : 'gb18030'
  const text = decodeStrictly(body, encoding)
  if (text === null) {
    const hint = encoding === 'utf-8' ? '; a file from Excel on a Chinese Windows is GBK: declare charset=gbk or none' : ''
    throw unreadable(`the CSV is declared ${charset} but is not: ${whereUndecodable(body, [encoding])}${hint}`)
  }
  return text
}

function decodeStrictly(body: Buffer, encoding: 'utf-8' | 'gb18030'): string | null {
  try {
    // A UTF-8 byte-order mark (Excel's "CSV UTF-8") is dropped here; the CSV parser drops it too.
    return new TextDecoder(encoding, { fatal: true }).decode(body)
  } catch {
    return null
  }
}

function isUtf16(body: Buffer): boolean {
  return body.length >= 2 && ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff))
}

/** The first line that none of the encodings reads, and its first bytes past ASCII, for the message. */
function whereUndecodable(body: Buffer, encodings: readonly ('utf-8' | 'gb18030')[]): string {
  let start = 0
  for (let line = 1; start <= body.length; line++) {
    const newline = body.indexOf(0x0a, start)
    const end = newline === -1 ? body.length : newline
    const bytes = body.subarray(start, end)
    if (encodings.every((encoding) => decodeStrictly(bytes, encoding) === null)) {
      const first = bytes.findIndex((byte) => byte >= 0x80)
      const shown = [...bytes.subarray(Math.max(first, 0), Math.max(first, 0) + 4)].map((byte) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(' ')
      return `line ${line} has bytes (${shown}) that do not decode as ${encodings.map(encodingName).join(' or ')}`
    }
    if (newline === -1) break
    start = newline + 1
  }
  return `its bytes do not decode as ${encodings.map(encodingName).join(' or ')}`
}

const encodingName = (encoding: 'utf-8' | 'gb18030') => (encoding === 'utf-8' ? 'UTF-8' : 'GB18030')

function unreadable(detail: string): HttpProblem {
  return new HttpProblem(415, 'Unsupported media type', detail)
}
