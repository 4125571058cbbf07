// Who creates follow-up tasks (督办): the duty officer (docs/access.md's grants). Here, below
// both the desk and the wall, because both offer it: the desk's forms and the wall's map.
export const mayDispatch = (role: string): boolean => role === 'duty_officer'
