// The login contract: what a browser sends to log in and what it learns about its session.
import Type, { type Static } from 'typebox'
import { RegionCode } from './api'

/** The header a browser sends back with the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token'

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    // Bounded so a body cannot make one scrypt hash arbitrarily long; no password is longer than 256 characters.
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const SessionUser = Type.Object({
  username: Type.String(),
  role: Type.String({ description: 'admin, leader, duty_officer or region_officer (docs/access.md)' }),
  /** the user's scope: this region and everything below it */
  region: RegionCode,
})
export type SessionUser = Static<typeof SessionUser>

export const SessionAnswer = Type.Object({
  user: SessionUser,
  csrfToken: Type.String({ description: `send it back as the ${CSRF_HEADER} header on every state-changing request` }),
})
export type SessionAnswer = Static<typeof SessionAnswer>

export const AccessAnswer = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('screen'), Type.Literal('key'), Type.Literal('anonymous')]),
  role: Type.String({ description: 'a user role, screen, integrator, or viewer for the anonymous viewer (docs/access.md)' }),
  /** the scope: this region and everything below it */
  region: RegionCode,
  name: Type.Union([Type.String(), Type.Null()], { description: "a user's username, a key's or screen's name; null for the anonymous viewer" }),
  playlist: Type.Union([Type.String(), Type.Null()], { description: "a screen's playlist (overview,campaign), when it has one" }),
  demo: Type.Boolean({ description: 'demo data flows: screens say 演示环境 (demo environment)' }),
})
export type AccessAnswer = Static<typeof AccessAnswer>
