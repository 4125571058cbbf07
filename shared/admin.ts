// The admin routes' contract (docs/access.md, "Admin routes"): users, integrator keys, screens
// and the audit log. No answer carries a hash; a key's or screen's token only in its create answer.
import Type, { type Static } from 'typebox'
import { RegionCode } from './api'

const Role = Type.String({ description: 'admin, leader, duty_officer or region_officer (docs/access.md)' })
const Time = Type.String({ format: 'date-time' })
const TimeOrNull = Type.Union([Time, Type.Null()])

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    role: Role,
    region: RegionCode,
  },
  { additionalProperties: false },
)
export type CreateUserBody = Static<typeof CreateUserBody>

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(Role),
    region: Type.Optional(RegionCode),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'a new password; lifts a lockout and ends the user\'s sessions' })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUserBody = Static<typeof UpdateUserBody>

export const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) })

export const AdminUser = Type.Object({
  id: Type.String(),
  /** the username */
  name: Type.String(),
  role: Role,
  region: RegionCode,
  disabled: Type.Boolean(),
  created: Time,
  lastLogin: TimeOrNull,
})
export type AdminUser = Static<typeof AdminUser>

export const CreateKeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), region: RegionCode }, { additionalProperties: false })
export type CreateKeyBody = Static<typeof CreateKeyBody>

export const CreateScreenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    region: RegionCode,
    playlist: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 20, description: 'wall screens to cycle through: overview, campaign, complaints, inspections' })),
  },
  { additionalProperties: false },
)
export type CreateScreenBody = Static<typeof CreateScreenBody>

export const TokenHolderParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export const AdminTokenHolder = Type.Object({
  id: Type.String(),
  name: Type.String(),
  region: RegionCode,
  /** screens only: the playlist, or null for a single-screen wall */
  playlist: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  created: Time,
  lastUsed: TimeOrNull,
  revoked: TimeOrNull,
})
export type AdminTokenHolder = Static<typeof AdminTokenHolder>

export const CreatedKey = Type.Object({ key: AdminTokenHolder, token: Type.String({ description: 'the key (rdk_…): shown only in this answer' }) })
export const CreatedScreen = Type.Object({
  screen: AdminTokenHolder,
  token: Type.String({ description: 'the screen token (rds_…): shown only in this answer' }),
  wallUrl: Type.String({ description: 'the wall to open on the screen PC, token included' }),
})

export const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'only entries older than this id: the previous page\'s `nextBefore`' })),
})
export type AuditQuery = Static<typeof AuditQuery>

export const AuditPage = Type.Object({
  entries: Type.Array(
    Type.Object({ id: Type.Integer(), at: Time, actor: Type.String(), action: Type.String(), subject: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()) }),
  ),
  /** pass as `before` for the next, older page; null on the last page */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
})
export type AuditPage = Static<typeof AuditPage>
