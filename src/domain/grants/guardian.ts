import type { AreaGrants } from './types.js';

// What guardians and students are told (issue 14 items 6–8): their own choices (`notify:prefs`),
// reports for a period — ordered by a guardian for a child, by a curator for guardians of the group
// (`notify:report`); the curator's view of who receives what (`notify:overview`); absence alerts
// to the curator and the specialists of the student's direction (`notify:alerts`).
export const GUARDIAN_PERMISSIONS = ['notify:prefs', 'notify:report', 'notify:overview', 'notify:alerts'] as const;

export const GUARDIAN_GRANTS: AreaGrants<(typeof GUARDIAN_PERMISSIONS)[number]> = {
  guardian: { 'notify:prefs': 'linked', 'notify:report': 'linked' },
  student: { 'notify:prefs': 'self', 'notify:report': 'self' },
  curator: { 'notify:report': 'group', 'notify:overview': 'group', 'notify:alerts': 'group' },
  specialist: { 'notify:alerts': 'direction' },
  admin: { 'notify:overview': 'org' },
  deputy: { 'notify:overview': 'org', 'notify:alerts': 'org' },
};
