// A wall URL carrying `?screen=rds_…` (what `npm run admin -- create-screen` prints): the token
// is traded for the screen cookie and the browser sent on to the same URL without it, so the
// token leaves the address bar, the history and any Referer before the page runs a script.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { identify } from './principal-of'
import { clearScreenCookie, setScreenCookie } from './session-cookie'

const SCREEN_PARAMETER = 'screen'

/** The query's `screen` values, in the order given; empty when there is none. */
export function screenTokensOf(url: string): string[] {
  const query = url.indexOf('?')
  return query === -1 ? [] : new URLSearchParams(url.slice(query + 1)).getAll(SCREEN_PARAMETER)
}

/**
 * `url` (path and query as requested) without its `screen` parameters. The other parameters
 * stay as they were written, not re-encoded: `playlist=overview,campaign` keeps its commas.
 */
export function withoutScreenToken(url: string): string {
  const query = url.indexOf('?')
  if (query === -1) return url
  const kept = url
    .slice(query + 1)
    .split('&')
    .filter((pair) => pair !== '' && nameOf(pair) !== SCREEN_PARAMETER)
  return kept.length === 0 ? url.slice(0, query) : `${url.slice(0, query)}?${kept.join('&')}`
}

/** `url` with each screen token's value replaced, for the access log: a log is read by more people than a secret may be. */
export function redactScreenToken(url: string): string {
  const query = url.indexOf('?')
  if (query === -1) return url
  const pairs = url
    .slice(query + 1)
    .split('&')
    .map((pair) => (nameOf(pair) === SCREEN_PARAMETER ? `${SCREEN_PARAMETER}=[redacted]` : pair))
  return `${url.slice(0, query)}?${pairs.join('&')}`
}

function nameOf(pair: string): string {
  const name = pair.split('=', 1)[0]!.replaceAll('+', ' ')
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}

/**
 * Answers a wall request that carries a screen token, or returns false when it carries none.
 * A valid, unrevoked screen token becomes the cookie and the browser goes on (303) to the URL
 * without it. Anything else (unknown, revoked, a key's token, two different tokens) clears the
 * screen cookie the browser had, since the URL meant to replace it, and sends it to the login
 * page, which says the screen's token is not valid and leads back to the wall once logged in.
 */
export async function answerScreenToken(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const tokens = [...new Set(screenTokensOf(request.url))]
  if (tokens.length === 0) return false
  const target = withoutScreenToken(request.url)
  // Only ever a screen token: through this door a key's token would read as a screen.
  const identification =
    tokens.length === 1 && tokens[0] !== ''
      ? await identify(request.server.database.db, { bearer: undefined, sessionId: undefined, screenToken: tokens[0] }, { anonymousProvince: undefined })
      : undefined
  // Neither answer may be kept: the next visit with the same URL must be judged again.
  void reply.header('cache-control', 'no-store')
  if (identification !== undefined && 'principal' in identification && identification.principal.kind === 'screen') {
    setScreenCookie(request, reply, tokens[0]!)
    void reply.redirect(target, 303)
    return true
  }
  clearScreenCookie(request, reply)
  void reply.redirect(`/login?${new URLSearchParams({ next: target, screen: 'invalid' }).toString()}`, 303)
  return true
}
