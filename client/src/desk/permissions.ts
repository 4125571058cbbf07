// Which of the desk's buttons a role sees (docs/access.md's grants: a duty officer raises,
// returns and closes tasks; a region officer acknowledges and answers them; a leader reads).
// Only what is shown: the server decides, and refuses what a role may not do.
import type { Task, TaskAction } from '../../../shared/tasks'
import { mayDispatch } from '../access/dispatchers'

export type AlertAction = 'acknowledge' | 'snooze' | 'dispatch'

const UNITS = new Set(['region_officer'])

/** Acting on alerts and creating tasks is the duty officer's. */
export function alertActions(role: string): AlertAction[] {
  return mayDispatch(role) ? ['acknowledge', 'snooze', 'dispatch'] : []
}

/** The steps a role may take on a task as it stands. */
export function taskActions(role: string, task: Task): TaskAction[] {
  if (task.state === 'closed') return []
  if (mayDispatch(role)) {
    const actions: TaskAction[] = []
    if (task.state === 'answered') actions.push('close', 'return')
    if (task.state === 'rejected') actions.push('reassign')
    if (task.extensionRequestedUntil !== null) actions.push('approve_extension')
    if (task.state !== 'answered' && task.state !== 'rejected') actions.push('remind')
    return actions
  }
  if (UNITS.has(role)) {
    if (task.state === 'assigned') return ['acknowledge', 'reject']
    if (task.state === 'acknowledged' || task.state === 'returned') return task.extensionRequestedUntil === null ? ['feedback', 'request_extension', 'reject'] : ['feedback', 'reject']
  }
  return []
}

/** What a step needs besides the click: a text (required or not), a region, a date. */
export interface StepNeeds {
  text: 'required' | 'optional' | 'none'
  region: boolean
  until: boolean
}

export function stepNeeds(action: TaskAction): StepNeeds {
  switch (action) {
    case 'feedback':
    case 'return':
    case 'reject':
      return { text: 'required', region: false, until: false }
    case 'request_extension':
      return { text: 'required', region: false, until: true }
    case 'reassign':
      return { text: 'optional', region: true, until: false }
    case 'close':
    case 'remind':
      return { text: 'optional', region: false, until: false }
    case 'acknowledge':
    case 'approve_extension':
      return { text: 'none', region: false, until: false }
  }
}
