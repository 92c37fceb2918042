import type { AreaGrants } from './types.js';

// The journal (issue: journal, п. 3.10–3.13, 2.3, 2.6): who reads which journals, who writes
// them, who approves late corrections and who excuses absences.
export const JOURNAL_PERMISSIONS = ['journal:read', 'journal:write', 'correction:approve', 'absence:excuse'] as const;

export const JOURNAL_GRANTS: AreaGrants<(typeof JOURNAL_PERMISSIONS)[number]> = {
  admin: { 'journal:read': 'org' },
  director: { 'journal:read': 'org' },
  deputy: { 'journal:read': 'org', 'correction:approve': 'org' },
  methodist: { 'journal:read': 'org', 'correction:approve': 'org' },
  specialist: { 'journal:read': 'direction' },
  chair: { 'journal:read': 'commission' },
  curator: { 'journal:read': 'group', 'absence:excuse': 'group' },
  teacher: { 'journal:read': 'assignment', 'journal:write': 'assignment' },
  student: { 'journal:read': 'self' },
  guardian: { 'journal:read': 'linked' },
};
