// What a screen token opens: the wall URL a wall PC is given, and the playlist it may name.
// The admin command and the admin routes both make screens, so both ask here.
import { SCREENS, isScreenKey } from '../../shared/wall-screens'

/** Why `names` is not a playlist (`names no screen "weather"; …`, for the caller to say what named it), or undefined when every name is a wall screen. */
export function playlistProblem(names: readonly string[]): string | undefined {
  const unknown = names.filter((name) => !isScreenKey(name))
  return unknown.length === 0 ? undefined : `names no screen "${unknown.join('", "')}"; screens are ${SCREENS.join(', ')}`
}

/** The wall at `origin` (`http://host:port`) for the region or playlist, carrying the token it trades for a cookie. */
export function wallUrl(origin: string, region: string, playlist: string | undefined, token: string): string {
  const screen = encodeURIComponent(token)
  return playlist === undefined ? `${origin}/wall/overview/${region}?screen=${screen}` : `${origin}/wall?playlist=${playlist}&regions=${region}&screen=${screen}`
}
