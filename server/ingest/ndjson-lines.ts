// Lines of an NDJSON body, read from the request stream as they arrive: memory
// holds one line at a time, however long the body is.
import { HttpProblem } from '../http/problem'

export type NdjsonLine = { line: number; text: string; problem?: undefined } | { line: number; problem: string; text?: undefined }

export interface NdjsonLimits {
  /** a longer line is reported and skipped, not buffered */
  maxLineBytes: number
  /** stop with 413 past this many bytes (atomic mode holds the records until the end) */
  maxTotalBytes?: number
}

const NEWLINE = 0x0a

/** Non-blank lines, numbered from 1 as an editor shows them. */
export async function* ndjsonLines(stream: AsyncIterable<Buffer | string>, limits: NdjsonLimits): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let pieces: Buffer[] = []
  let pendingBytes = 0
  let tooLong = false
  let lineNumber = 1
  let totalBytes = 0

  const finishLine = (): NdjsonLine | undefined => {
    const line = lineNumber
    lineNumber += 1
    const bytes = Buffer.concat(pieces)
    const wasTooLong = tooLong
    pieces = []
    pendingBytes = 0
    tooLong = false
    if (wasTooLong) return { line, problem: `is longer than ${limits.maxLineBytes} bytes; one record per line is expected` }
    let text: string
    try {
      text = decoder.decode(bytes)
    } catch {
      return { line, problem: 'is not valid UTF-8' }
    }
    // Excel and Windows tools add a byte-order mark and CRLF line ends.
    if (line === 1) text = text.replace(/^\uFEFF/, '')
    text = text.replace(/\r$/, '')
    return text.trim() === '' ? undefined : { line, text }
  }

  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    totalBytes += buffer.length
    if (limits.maxTotalBytes !== undefined && totalBytes > limits.maxTotalBytes) {
      throw new HttpProblem(
        413,
        'Payload too large',
        `an atomic NDJSON body is held until every line is valid, so it may be at most ${limits.maxTotalBytes} bytes; send ?partial=true to stream a longer body in batches`,
      )
    }
    let start = 0
    while (start < buffer.length) {
      const newline = buffer.indexOf(NEWLINE, start)
      const end = newline < 0 ? buffer.length : newline
      if (!tooLong) {
        pieces.push(buffer.subarray(start, end))
        pendingBytes += end - start
        if (pendingBytes > limits.maxLineBytes) {
          tooLong = true
          pieces = []
        }
      }
      if (newline < 0) break
      const line = finishLine()
      if (line !== undefined) yield line
      start = newline + 1
    }
  }
  if (pendingBytes > 0 || tooLong) {
    const line = finishLine()
    if (line !== undefined) yield line
  }
}
