// Who may start a follow-up task (督办) from a region on the wall's map (issue 16): a person whose
// role dispatches (the desk's own rule, permissions.ts), on a region inside their scope, at a wall
// someone sits at. A screen token, the anonymous viewer and a kiosk or playlist only show. The
// server still decides: the desk's dispatch is refused outside the scope whatever the wall offered.
import type { AccessAnswer } from '../../../shared/session'
import { withinScope } from '../access/scope'
import { mayDispatch } from '../access/dispatchers'

export function mayDispatchFromMap(access: AccessAnswer | null, kiosk: boolean, code: string): boolean {
  return !kiosk && access !== null && access.kind === 'user' && mayDispatch(access.role) && withinScope(access.region, code)
}
