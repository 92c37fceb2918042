import type { AreaGrants } from './types.js';

// Messages and events (issue 14 items 9–11, п. 2.11, 3.13). Staff write to staff whatever the scope;
// the scope of `message:write` decides which students and guardians they reach (decision 033):
// `org` — the administration and every guardian; `group` — the curator's students and their guardians;
// `assignment` — the students the teacher teaches this year and their guardians; `self` — a student's
// teachers and curator; `linked` — a guardian's children's teachers and curators and the administration;
// `commission` and `direction` — staff only. A curator writes to all guardians of a group at once
// (`message:group`). The administrator reads the record of every message (`message:log`, 152-ФЗ).
// Events: the administration posts the college's, a curator their group's; everyone reads those of
// the college and of the groups they reach.
export const MESSAGES_PERMISSIONS = ['message:write', 'message:group', 'message:log', 'event:read', 'event:write'] as const;

const ADMINISTRATION = { 'message:write': 'org', 'event:read': 'org', 'event:write': 'org' } as const;

export const MESSAGES_GRANTS: AreaGrants<(typeof MESSAGES_PERMISSIONS)[number]> = {
  admin: { ...ADMINISTRATION, 'message:log': 'org' },
  director: { 'message:write': 'org', 'event:read': 'org' },
  deputy: ADMINISTRATION,
  methodist: ADMINISTRATION,
  chair: { 'message:write': 'commission', 'event:read': 'commission' },
  specialist: { 'message:write': 'direction', 'event:read': 'direction' },
  curator: { 'message:write': 'group', 'message:group': 'group', 'event:read': 'group', 'event:write': 'group' },
  teacher: { 'message:write': 'assignment', 'event:read': 'assignment' },
  student: { 'message:write': 'self', 'event:read': 'self' },
  guardian: { 'message:write': 'linked', 'event:read': 'linked' },
};
